package recsys.offline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import recsys.offline.config.StorageUris;
import recsys.offline.models.ModelPublisher;
import recsys.offline.training.BaselineSettings;
import recsys.offline.training.ForestGrid;
import recsys.offline.training.HybridSettings;
import recsys.offline.training.SplitStrategy;
import recsys.offline.training.TopNSettings;
import recsys.offline.training.TrainJob;
import recsys.offline.training.TrainReport;
import recsys.offline.training.TreeRowBudget;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Fit the baselines and the random forests on the latest ingest (with its movie vectors), tune "
                + "and choose on the validation part, and publish every model as a new model version "
                + "(models/CURRENT); the last line printed is the version folder. Test metrics: recsys evaluate.")
final class TrainCommand implements Callable<Integer> {

    /** The split names the command accepts. */
    enum Split { random, temporal, predefined }

    @Mixin
    GlobalOptions global;

    @Mixin
    SplitOptions splitOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--compare-short-histories",
            description = "Also measure, on validation, the top-N ranking against the cosine-only path on histories "
                    + "cut to their 1, 3, 5, 10 and 19 latest ratings (about 100 s on ml-latest-small).")
    boolean compareShortHistories;

    @Override
    public Integer call() {
        SplitStrategy strategy = splitOptions.strategy(spec);
        try (JobContext context = new JobContext("recsys-train", global.settings(), System.out)) {
            train(context, strategy, splitOptions.seed,
                    TopNSettings.DEFAULTS.withShortHistoryComparison(compareShortHistories));
            return 0;
        }
    }

    static TrainReport train(JobContext context, SplitStrategy strategy, long seed) {
        return train(context, strategy, seed, TopNSettings.DEFAULTS);
    }

    /** A retrain's training on its staged {@code ingestRun}: published without serving it (its gate decides). */
    static TrainReport train(JobContext context, SplitStrategy strategy, long seed, String ingestRun) {
        return train(context, strategy, seed, TopNSettings.DEFAULTS, ingestRun);
    }

    static TrainReport train(JobContext context, SplitStrategy strategy, long seed, TopNSettings topN) {
        return train(context, strategy, seed, topN, null);
    }

    /** @param ingestRun null: the latest run, and the version serves at once; else that run, not served */
    private static TrainReport train(JobContext context, SplitStrategy strategy, long seed, TopNSettings topN,
                                     String ingestRun) {
        context.progress.step("train");
        TrainReport report = new TrainJob(context.spark, context.storage, new ModelPublisher(context.storage),
                BaselineSettings.defaults().withSeed(seed), ForestGrid.defaults(), HybridSettings.DEFAULTS, topN,
                treeRowBudget(context), context.clock, context.out, staging -> { })
                .run(strategy, ingestRun == null, ingestRun == null ? latestRun(context) : ingestRun);
        context.out.println(report.summaryLine());
        context.out.println(report.location());
        return report;
    }

    /** The default curve, capped at the configured most rows. */
    static TreeRowBudget treeRowBudget(JobContext context) {
        long max = context.settings.maxTreeRows();
        TreeRowBudget defaults = TreeRowBudget.DEFAULTS;
        return new TreeRowBudget(Math.min(defaults.startRows(), max), max, defaults.minGain());
    }

    private static String latestRun(JobContext context) {
        return context.storage.latestRun().orElseThrow(() -> new IllegalStateException(
                "no ingested data under " + context.storage.root() + ": run 'recsys ingest --data DIR' first"));
    }

    /** The split options of {@code train} and {@code all}. */
    static final class SplitOptions {

        @Option(names = "--split", paramLabel = "random|temporal|predefined", defaultValue = "random",
                description = "random: every rating independently (seeded); temporal: each user's latest ratings "
                        + "are held out; predefined: ml-100k's u<fold>.base / u<fold>.test in --split-data. "
                        + "Default: ${DEFAULT-VALUE}.")
        Split split;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "" + BaselineSettings.DEFAULT_SEED,
                description = "Seed of the split, ALS and the forests. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--fold", paramLabel = "1-5", defaultValue = "1",
                description = "The ml-100k fold of a predefined split. Default: ${DEFAULT-VALUE}.")
        int fold;

        @Option(names = "--split-data", paramLabel = "DIR",
                description = "The ml-100k folder holding u1.base … u5.test, for --split predefined.")
        String splitData;

        SplitStrategy strategy(CommandSpec spec) {
            return switch (split) {
                case random -> new SplitStrategy.Random(seed);
                case temporal -> new SplitStrategy.PerUserTemporal();
                case predefined -> {
                    if (splitData == null) {
                        throw new ParameterException(spec.commandLine(), "--split predefined needs --split-data DIR");
                    }
                    yield SplitStrategy.Predefined.ml100kFold(StorageUris.toUri(splitData).toString(), fold, seed);
                }
            };
        }
    }
}
