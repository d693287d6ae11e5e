package recsys.offline.benchmarks;

import static recsys.offline.training.RatingColumns.PREDICTION;
import static recsys.offline.training.RatingColumns.RATING;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.regression.RandomForestRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import recsys.core.evaluation.RatingErrors;
import recsys.core.model.BiasBaseline;
import recsys.offline.storage.StorageLayout;
import recsys.offline.training.BaselineSettings;
import recsys.offline.training.BiasModel;
import recsys.offline.training.ForestSettings;
import recsys.offline.training.ForestTuning;
import recsys.offline.training.HybridSettings;
import recsys.offline.training.HybridTraining;
import recsys.offline.training.LocalRatings;
import recsys.offline.training.RatingSplit;
import recsys.offline.training.SplitStrategy;
import recsys.offline.training.TrainJob;
import recsys.offline.training.TrainingFeatures;
import recsys.offline.training.TrainingInputs;

/**
 * A measurement, not a pipeline step: the grid behind {@link HybridSettings#DEFAULTS} (the train job tunes only
 * the hybrid's iteration count; this compares depths and step sizes, which cost a fit each). On exactly the split
 * {@link TrainJob} tunes on (random seed 42, the {@link BaselineSettings} default test and validation fractions), fits on the
 * <em>tuning</em> part and reports <em>validation</em> RMSE / MAE of
 * <ol>
 *   <li>the damped biases at the dampings {@link BiasModel#tune} chooses;</li>
 *   <li>biases + a Spark {@code GBTRegressor} on the embedding features predicting the residual
 *   {@code rating − biases}, prediction {@code clip(biases + GBT)}; each grown model is also scored after every 10
 *   iterations (the sum of its first trees, exactly what a GBT with fewer iterations would be);</li>
 *   <li>for reference, the random forest at the train job's chosen settings (40 trees, depth 10, subsampling 0.8,
 *   "onethird") on the same rows, predicting the rating.</li>
 * </ol>
 * The encoder is fitted on the tuning part; tuning rows are leave-one-out ({@link TrainingFeatures#trainingRows}),
 * validation rows use the user's tuning history ({@link TrainingFeatures#otherRows}), as in the train job. The
 * biases of the residual target are fitted on the same tuning part (not leave-one-out).
 *
 * <p>Usage: {@code HybridMeasurement <storage URI> [master] [gbt settings...]}, each GBT setting
 * {@code maxIter:depth:stepSize}; defaults {@code local[2] 80:4:0.1 60:5:0.1 60:6:0.1}. Reads only.
 */
public final class HybridMeasurement {

    private static final long SEED = 42;
    private static final ForestSettings FOREST = new ForestSettings(40, 10, 0.8, "onethird");
    /** Each grown GBT is also scored after every this many iterations. */
    private static final int CHECKPOINT = 10;

    private HybridMeasurement() {
    }

    private record GbtSettings(int maxIter, int depth, double stepSize) {
        static GbtSettings parse(String text) {
            String[] parts = text.split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException("a GBT setting is maxIter:depth:stepSize, got " + text);
            }
            return new GbtSettings(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                    Double.parseDouble(parts[2]));
        }
    }

    private record Result(String model, double fitSeconds, RatingErrors validation) {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: HybridMeasurement <storage URI> [master] [maxIter:depth:stepSize ...]");
            System.exit(2);
        }
        URI storageRoot = URI.create(args[0]);
        String master = args.length > 1 ? args[1] : "local[2]";
        List<GbtSettings> gbts = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            gbts.add(GbtSettings.parse(args[i]));
        }
        if (gbts.isEmpty()) {
            gbts = List.of(new GbtSettings(80, 4, 0.1), new GbtSettings(60, 5, 0.1), new GbtSettings(60, 6, 0.1));
        }
        SparkSession spark = SparkSession.builder().appName("hybrid-measurement").master(master)
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8").getOrCreate();
        long started = System.nanoTime();

        // The train job's split.
        StorageLayout storage = new StorageLayout(storageRoot, new Configuration());
        String run = storage.latestRun().orElseThrow(() -> new IllegalStateException("no ingest under " + storageRoot));
        TrainingInputs inputs = TrainingInputs.read(spark, storage, run);
        BaselineSettings settings = BaselineSettings.defaults().withSeed(SEED);
        RatingSplit split = RatingSplit.of(inputs.ratings(), new SplitStrategy.Random(SEED), settings.testFraction(),
                settings.validationFraction());
        System.out.printf("run %s, random split seed %d: tuning %,d rows, validation %,d rows%n", run, SEED,
                split.tuningTrainCount(), split.validationCount());
        List<Result> results = new ArrayList<>();

        // (a) Damped biases, tuned as the train job tunes them; the tuning-part fit is the residual's baseline.
        long start = System.nanoTime();
        BiasModel.Tuned tuned = BiasModel.tune(split, settings.biasDampings());
        BiasBaseline biases = LocalRatings.collect(split.tuningTrain()).fitBiases(tuned.best().userDamping(),
                tuned.best().itemDamping());
        results.add(new Result(String.format("biases (λ_u=%s, λ_i=%s)", tuned.best().userDamping(),
                tuned.best().itemDamping()), (System.nanoTime() - start) / 1e9, tuned.best().validation().errors()));

        // Feature rows from an encoder fitted on the tuning part, with the tuning-part biases beside them.
        start = System.nanoTime();
        TrainingFeatures features = TrainingFeatures.fit(spark, split.tuningTrain(), inputs.movies(),
                inputs.vectors());
        BiasModel biasModel = BiasModel.of(biases);
        Dataset<Row> tuningRows = features.trainingRows(split.tuningTrain())
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> validationRows = features.otherRows(split.tuningTrain(), split.validation())
                .persist(StorageLevel.MEMORY_AND_DISK());
        System.out.printf("feature rows: tuning %,d, validation %,d, built in %.1f s%n", tuningRows.count(),
                validationRows.count(), (System.nanoTime() - start) / 1e9);

        // (b) Biases + GBT on the residual, every checkpoint scored (the train job's HybridTraining).
        for (GbtSettings gbt : gbts) {
            start = System.nanoTime();
            HybridTraining.Tuned tunedGbt = HybridTraining.tune(biasModel, tuningRows, validationRows,
                    new HybridSettings(gbt.maxIter(), gbt.depth(), gbt.stepSize(), CHECKPOINT), SEED);
            double seconds = (System.nanoTime() - start) / 1e9;
            for (HybridTraining.Candidate candidate : tunedGbt.candidates()) {
                boolean grown = candidate.iterations() == gbt.maxIter();
                results.add(new Result(String.format("biases + GBT (%d iter, depth %d, step %s)%s",
                        candidate.iterations(), gbt.depth(), gbt.stepSize(), grown ? "" : ", its first trees"),
                        grown ? seconds : Double.NaN, candidate.validation()));
            }
            System.out.printf("  GBT %s fitted and scored in %.1f s%n", gbt, seconds);
        }

        // (c) The reference forest on the same rows.
        start = System.nanoTime();
        RandomForestRegressionModel forest = ForestTuning.fit(tuningRows, TrainingFeatures.EMBEDDING_FEATURES, FOREST,
                SEED);
        double forestSeconds = (System.nanoTime() - start) / 1e9;
        Dataset<Row> predicted = forest.transform(validationRows.drop(PREDICTION));
        RegressionEvaluator evaluator = new RegressionEvaluator().setLabelCol(RATING).setPredictionCol(PREDICTION);
        long count = predicted.count();
        String forestName = String.format("embedding forest (%d trees, depth %d, subsampling %s, %s)",
                FOREST.trees(), FOREST.maxDepth(), FOREST.subsamplingRate(), FOREST.featureSubsetStrategy());
        double forestRmse = evaluator.setMetricName("rmse").evaluate(predicted);
        double forestMae = evaluator.setMetricName("mae").evaluate(predicted);
        results.add(new Result(forestName, forestSeconds, new RatingErrors(count, forestRmse, forestMae)));

        System.out.printf("%nvalidation (%,d rows), fitted on the tuning part (%,d rows):%n", split.validationCount(),
                split.tuningTrainCount());
        System.out.printf("| model | validation RMSE | validation MAE | fit time |%n|---|---:|---:|---:|%n");
        for (Result result : results) {
            System.out.printf("| %s | %.4f | %.4f | %s |%n", result.model(), result.validation().rmse(),
                    result.validation().mae(), Double.isNaN(result.fitSeconds()) ? "(same fit)"
                            : String.format("%.1f s", result.fitSeconds()));
        }
        System.out.printf("total %.0f s%n", (System.nanoTime() - started) / 1e9);
        tuningRows.unpersist();
        validationRows.unpersist();
        split.unpersist();
        spark.stop();
    }
}
