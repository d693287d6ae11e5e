package recsys.offline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import recsys.offline.embedding.EmbedReport;
import recsys.offline.evaluation.EvaluateJob;
import recsys.offline.ingest.IngestReport;
import recsys.offline.training.TrainReport;

@Command(name = "all", aliases = "quickstart", mixinStandardHelpOptions = true,
        description = "The whole offline pipeline on a MovieLens folder: ingest, embed, train (tune, choose and "
                + "publish the model version), evaluate (test report and models index), lists (every user's "
                + "recommendations stored in their document). The last line printed is "
                + "the path of report.json. 'quickstart' is the same command; bin/recsys quickstart (and all) "
                + "also builds the project and starts the local Elasticsearch first.")
final class AllCommand implements Callable<Integer> {

    @Mixin
    GlobalOptions global;

    @Mixin
    TrainCommand.SplitOptions splitOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "MovieLens folder.")
    String data;

    @Override
    public Integer call() {
        try (JobContext context = new JobContext("recsys-all", global.settings(), System.out)) {
            context.out.printf("try, once ingest is done: curl '%s/movies/_search?q=title:toy&size=3'%n",
                    context.settings.elasticsearch().displayUrl());
            run(context, data, splitOptions, spec);
            return 0;
        }
    }

    static EvaluateJob.Result run(JobContext context, String data, TrainCommand.SplitOptions split,
                                  CommandSpec spec) {
        long started = System.nanoTime();
        IngestReport ingest = IngestCommand.ingest(context, data);
        EmbedReport embed = EmbedCommand.embed(context);
        long trainStarted = System.nanoTime();
        TrainReport train = TrainCommand.train(context, split.strategy(spec), split.seed);
        EvaluateJob.Result evaluation = EvaluateCommand.evaluate(context, null);
        long finished = System.nanoTime();
        ListsCommand.lists(context, ListsCommand.DEFAULT_LIST_SIZE);
        context.out.printf("all: %,d movies, %,d users, %,d ratings indexed, %,d movies embedded, model version %s"
                        + " (%s) trained and evaluated, every user's list stored; train + evaluate %.1f s, whole"
                        + " pipeline %.1f s%n",
                ingest.movies(), ingest.users(), ingest.ratings(), embed.movies(), train.version(),
                train.servingModel(), (finished - trainStarted) / 1e9, (System.nanoTime() - started) / 1e9);
        context.out.println(evaluation.reportJson());
        return evaluation;
    }
}
