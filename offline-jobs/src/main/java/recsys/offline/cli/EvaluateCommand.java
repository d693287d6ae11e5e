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

    @Override
    public Integer call() {
        try (JobContext context = new JobContext("recsys-evaluate", global.settings(), System.out)) {
            evaluate(context, version);
            return 0;
        }
    }

    static EvaluateJob.Result evaluate(JobContext context, String version) {
        context.progress.step("evaluate");
        EvaluateJob job = new EvaluateJob(context.spark, context.storage, new ModelSummaryIndexer(
                context.elasticsearch, context.settings.elasticsearch().indexNames(),
                context.settings.elasticsearch().replicas()), context.clock, context.out);
        EvaluateJob.Result result = version == null ? job.run() : job.run(version);
        context.out.println(result.reportJson());
        return result;
    }
}
