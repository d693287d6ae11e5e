package recsys.offline.benchmarks;

import static recsys.offline.training.RatingColumns.MOVIE;
import static recsys.offline.training.RatingColumns.USER;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import recsys.core.evaluation.UserSample;
import recsys.offline.storage.StorageLayout;
import recsys.offline.training.AlsModel;
import recsys.offline.training.BaselineSettings;
import recsys.offline.training.BiasModel;
import recsys.offline.training.GlobalMeanModel;
import recsys.offline.training.RatingColumns;
import recsys.offline.training.RatingEvaluation;
import recsys.offline.training.RatingSplit;
import recsys.offline.training.SplitStrategy;

/**
 * Rating-prediction accuracy of the baselines on the latest ingest's ratings, on a seeded random split and a
 * per-user temporal split. For each split it prints the counts, the test rows of movies (and users) absent from
 * train, the tuned hyper-parameters, and RMSE/MAE over every test row of: the global mean, damped biases (tuned, and
 * at the design's λ = 5, 5), and ALS (tuned, and at the design's rank 5, regParam 0.15) with unscorable rows filled by
 * the biases and, for comparison only, dropped. Nothing is written; the storage is only read.
 *
 * <p>Usage: {@code BaselineBenchmark [--storage URI (file:///work/main/var/storage)] [--run RUN_ID (LATEST)]
 * [--seed 42] [--master local[2]]}.
 */
public final class BaselineBenchmark {

    static final String DEFAULT_STORAGE = "file:///work/main/var/storage";

    /** The configuration DESIGN.md's reference figures were measured at. */
    private static final double REFERENCE_DAMPING = 5;
    private static final int REFERENCE_RANK = 5;
    private static final double REFERENCE_REG_PARAM = 0.15;

    private BaselineBenchmark() {
    }

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        BaselineSettings settings = BaselineSettings.defaults()
                .withSeed(Long.parseLong(options.getOrDefault("seed", Long.toString(BaselineSettings.DEFAULT_SEED))));
        SparkSession spark = SparkSession.builder()
                .master(options.getOrDefault("master", "local[2]"))
                .appName("BaselineBenchmark")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            long start = System.nanoTime();
            StorageLayout layout = new StorageLayout(URI.create(options.getOrDefault("storage", DEFAULT_STORAGE)),
                    spark.sparkContext().hadoopConfiguration());
            String run = options.containsKey("run") ? options.get("run") : layout.latestRun()
                    .orElseThrow(() -> new IllegalStateException("no ingest run under " + layout.root()));
            Dataset<Row> ratings = RatingColumns.select(spark.read().parquet(layout.dataset(run, "ratings")))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            System.out.printf("ratings: %s (run %s), %,d rows%n", layout.dataset(run, "ratings"), run, ratings.count());
            System.out.printf("settings: %s%n", settings);
            for (SplitStrategy strategy : List.of(new SplitStrategy.Random(settings.seed()),
                    new SplitStrategy.PerUserTemporal())) {
                measure(RatingSplit.of(ratings, strategy, settings.testFraction(), settings.validationFraction()),
                        settings);
            }
            System.out.printf("%ntotal wall time %.1f s%n", seconds(start));
        } finally {
            spark.stop();
        }
    }

    private static void measure(RatingSplit split, BaselineSettings settings) {
        long start = System.nanoTime();
        System.out.printf("%n== split: %s, test fraction %.2f, validation fraction %.2f of train%n",
                split.strategy().describe(), settings.testFraction(), settings.validationFraction());
        System.out.printf("train %,d (tuning part %,d + validation %,d), test %,d%n", split.trainCount(),
                split.tuningTrainCount(), split.validationCount(), split.testCount());
        System.out.printf("test rows whose movie is not in train: %,d; whose user is not in train: %,d%n",
                unseen(split, MOVIE), unseen(split, USER));

        Map<String, RatingEvaluation> results = new LinkedHashMap<>();
        Map<String, Double> times = new LinkedHashMap<>();

        long t = System.nanoTime();
        GlobalMeanModel mean = GlobalMeanModel.fit(split.train());
        results.put(mean.describe(), RatingEvaluation.of(mean.predict(split.test()), split.testCount()));
        times.put("global mean", seconds(t));

        t = System.nanoTime();
        BiasModel.Tuned biases = BiasModel.tune(split, settings.biasDampings());
        results.put("tuned " + biases.model().describe(),
                RatingEvaluation.of(biases.model().predict(split.test()), split.testCount()));
        times.put("biases, tuning " + biases.candidates().size() + " pairs", seconds(t));
        BiasModel reference = BiasModel.fit(split.train(), REFERENCE_DAMPING, REFERENCE_DAMPING);
        results.put("reference " + reference.describe(),
                RatingEvaluation.of(reference.predict(split.test()), split.testCount()));
        System.out.printf("bias tuning: best λ_u=%s λ_i=%s, validation RMSE %.4f%n", biases.best().userDamping(),
                biases.best().itemDamping(), biases.best().validation().rmse());

        t = System.nanoTime();
        BiasModel tuningFallback = BiasModel.fit(split.tuningTrain(), biases.best().userDamping(),
                biases.best().itemDamping());
        AlsModel.Tuned als = AlsModel.tune(split, settings.alsRanks(), settings.alsRegParams(), settings.alsMaxIter(),
                settings.seed(), new UserSample(settings.alsTuningUsers(), settings.seed()), tuningFallback,
                biases.model());
        times.put("ALS, tuning " + als.candidates().size() + " grid points", seconds(t));
        System.out.printf("ALS tuning (validation RMSE, unscorable rows filled):%n");
        als.candidates().forEach(c -> System.out.printf("  rank %2d regParam %.2f: %.4f (%d fallback rows)%n",
                c.rank(), c.regParam(), c.validation().rmse(), c.validation().fallbackRows()));
        addAls(results, "tuned", als.model(), split);
        t = System.nanoTime();
        AlsModel referenceAls = AlsModel.fit(split.train(), REFERENCE_RANK, REFERENCE_REG_PARAM,
                settings.alsMaxIter(), settings.seed(), biases.model());
        addAls(results, "reference", referenceAls, split);
        times.put("ALS, one fit at the reference configuration", seconds(t));

        System.out.printf("%-92s %7s %7s %8s %9s%n", "method (test)", "RMSE", "MAE", "rows", "fallback");
        results.forEach((name, e) -> System.out.printf("%-92s %7.4f %7.4f %,8d %,9d%n", name, e.rmse(), e.mae(),
                e.count(), e.fallbackRows()));
        times.forEach((step, s) -> System.out.printf("time: %-45s %6.1f s%n", step, s));
        System.out.printf("split wall time %.1f s%n", seconds(start));
        split.unpersist();
    }

    private static void addAls(Map<String, RatingEvaluation> results, String label, AlsModel model, RatingSplit split) {
        Dataset<Row> predicted = model.predict(split.test()).persist(StorageLevel.MEMORY_AND_DISK());
        String name = label + " ALS rank " + model.rank() + " regParam " + model.regParam();
        results.put(name + ", unscorable rows filled by biases", RatingEvaluation.of(predicted, split.testCount()));
        results.put(name + ", unscorable rows dropped (flatters)", RatingEvaluation.scoredOnly(predicted));
        predicted.unpersist();
    }

    private static long unseen(RatingSplit split, String idColumn) {
        Dataset<Row> seen = split.train().select(org.apache.spark.sql.functions.col(idColumn).as("_seen")).distinct();
        return split.test().join(seen, split.test().col(idColumn).equalTo(seen.col("_seen")), "left_anti").count();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
