package recsys.offline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import recsys.offline.evaluation.EvaluateJob;
import recsys.offline.evaluation.ModelSummaryIndexer;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score the published model version (models/CURRENT, or --version) on the test part of its "
                + "split: RMSE/MAE of every model and the top-10 ranking metrics through core's Ranker; write the "
                + "report under reports/<version>/ and its summary into the models index. The last line printed "
                + "is the path of report.json.")
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    GlobalOptions global;

    @Option(names = "--model-version", paramLabel = "VERSION",
            description = "The model version to evaluate. Default: the one models/CURRENT names.")
    String version;

    @Option(names = "--max-ranked-users", paramLabel = "N",
            description = "Test users ranked at most for the ranking metrics; beyond it a seeded sample, whose "
                    + "confidence intervals the report gives. Default: ${DEFAULT-VALUE}.")
    int maxRankedUsers = EvaluateJob.DEFAULT_MAX_RANKED_USERS;

    @Option(names = "--max-scored-rows", paramLabel = "N",
            description = "Test rows scored at most for the rating errors; beyond it a seeded sample of (user, movie) "
                    + "pairs, the same for every model, whose confidence intervals the report gives. Default: "
                    + "${DEFAULT-VALUE}.")
    long maxScoredRows = EvaluateJob.DEFAULT_MAX_SCORED_ROWS;

    @Override
    public Integer call() {
        try (JobContext context = new JobContext("recsys-evaluate", global.settings(), System.out)) {
            evaluate(context, version, maxRankedUsers, maxScoredRows);
            return 0;
        }
    }

    static EvaluateJob.Result evaluate(JobContext context, String version) {
        return evaluate(context, version, EvaluateJob.DEFAULT_MAX_RANKED_USERS, EvaluateJob.DEFAULT_MAX_SCORED_ROWS);
    }

    static EvaluateJob.Result evaluate(JobContext context, String version, int maxRankedUsers, long maxScoredRows) {
        context.progress.step("evaluate");
        EvaluateJob job = new EvaluateJob(context.spark, context.storage, new ModelSummaryIndexer(
                context.elasticsearch, context.settings.elasticsearch().indexNames(),
                context.settings.elasticsearch().replicas()), context.clock, context.out, maxRankedUsers, maxScoredRows);
        EvaluateJob.Result result = version == null ? job.run() : job.run(version);
        context.out.println(result.reportJson());
        return result;
    }
}
