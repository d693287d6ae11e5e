package recsys.offline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Run the whole pipeline on a MovieLens folder (the 'all' command: ingest, embed, train, "
                + "evaluate). bin/recsys quickstart also builds the project and starts the local Elasticsearch "
                + "first. The last line printed is the path of report.json.")
final class QuickstartCommand implements Callable<Integer> {

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
        try (JobContext context = new JobContext("recsys-quickstart", global.settings(), System.out)) {
            context.out.printf("try: curl '%s/movies/_search?q=title:toy&size=3'%n",
                    context.settings.elasticsearch().displayUrl());
            AllCommand.run(context, data, splitOptions, spec);
            return 0;
        }
    }
}
