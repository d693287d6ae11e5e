package recsys.offline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import recsys.offline.models.ModelPublisher;
import recsys.offline.training.BaselineSettings;
import recsys.offline.training.ForestSettings;
import recsys.offline.training.SplitStrategy;
import recsys.offline.training.TrainJob;
import recsys.offline.training.TrainReport;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the baselines and the random forests on the latest ingest (with its movie vectors), "
                + "publish the serving forest as a new model version (models/CURRENT) and write the evaluation "
                + "report; the last line printed is the path of report.json.")
final class TrainCommand implements Callable<Integer> {

    /** The split names the command accepts. */
    enum Split { random, temporal }

    @Mixin
    GlobalOptions global;

    @Option(names = "--split", paramLabel = "random|temporal", defaultValue = "random",
            description = "random: every rating independently (seeded); temporal: each user's latest ratings are "
                    + "held out. Default: ${DEFAULT-VALUE}.")
    Split split;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + BaselineSettings.DEFAULT_SEED,
            description = "Seed of the split, ALS and the forests. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() {
        try (JobContext context = new JobContext("recsys-train", global.settings(), System.out)) {
            train(context, split == Split.random ? new SplitStrategy.Random(seed) : new SplitStrategy.PerUserTemporal(),
                    seed);
            return 0;
        }
    }

    static TrainReport train(JobContext context, SplitStrategy strategy, long seed) {
        context.progress.step("train");
        TrainReport report = new TrainJob(context.spark, context.storage, new ModelPublisher(context.storage),
                BaselineSettings.defaults().withSeed(seed), ForestSettings.defaults(), context.clock, context.out)
                .run(strategy);
        context.out.println(report.summaryLine());
        context.out.println(report.reportJson());
        return report;
    }
}
