package recsys.offline.benchmarks;

import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.regression.RandomForestRegressionModel;
import org.apache.spark.ml.regression.RandomForestRegressor;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import recsys.offline.storage.StorageLayout;
import recsys.offline.training.TrainingFeatures;

/**
 * A quick measurement, not a pipeline step: test RMSE of a Spark random forest on the {@link TrainingFeatures}
 * embedding features (leave-one-out for training rows), on the latest ingest (with its vectors) under a storage
 * root, random 80/20 split. Compare with "Reference accuracy" in DESIGN.md.
 *
 * <p>Usage: {@code FeatureRmseMeasurement [storage URI] [seed] [master]}; defaults
 * {@code file:///work/main/var/storage 42 local[2]}. Reads only.
 */
public final class FeatureRmseMeasurement {

    private static final int TREES = 50;
    private static final int DEPTH = 10;

    private FeatureRmseMeasurement() {
    }

    public static void main(String[] args) {
        URI storageRoot = URI.create(args.length > 0 ? args[0] : "file:///work/main/var/storage");
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        String master = args.length > 2 ? args[2] : "local[2]";
        SparkSession spark = SparkSession.builder().appName("feature-rmse").master(master)
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8").getOrCreate();

        // The latest ingest and the vectors its embed run wrote.
        StorageLayout storage = new StorageLayout(storageRoot, new Configuration());
        String run = storage.latestRun().orElseThrow(() -> new IllegalStateException("no ingest under " + storageRoot));
        String vectorsName = storage.vectorsOf(run);
        Dataset<Row> ratings = spark.read().parquet(storage.dataset(run, "ratings")).select("user_id", "movie_id",
                "rating");
        Dataset<Row> movies = spark.read().parquet(storage.dataset(run, "movies"));
        Dataset<Row> vectors = spark.read().parquet(storage.dataset(run, vectorsName));

        // Random 80/20 split; the encoder sees the training part only.
        Dataset<Row>[] split = ratings.randomSplit(new double[] {0.8, 0.2}, seed);
        Dataset<Row> train = split[0].persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> test = split[1].persist(StorageLevel.MEMORY_AND_DISK());
        long start = System.nanoTime();
        TrainingFeatures features = TrainingFeatures.fit(spark, train, movies, vectors);
        Dataset<Row> trainRows = features.trainingRows(train).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> testRows = features.otherRows(train, test).persist(StorageLevel.MEMORY_AND_DISK());
        long trainCount = trainRows.count();
        long testCount = testRows.count();
        double featureSeconds = (System.nanoTime() - start) / 1e9;

        // The forest of the design measurement, on the embedding features.
        start = System.nanoTime();
        RandomForestRegressionModel forest = new RandomForestRegressor().setFeaturesCol(
                        TrainingFeatures.EMBEDDING_FEATURES).setLabelCol("rating").setNumTrees(TREES).setMaxDepth(DEPTH)
                .setSeed(seed).fit(trainRows);
        double fitSeconds = (System.nanoTime() - start) / 1e9;
        RegressionEvaluator evaluator = new RegressionEvaluator().setLabelCol("rating").setPredictionCol("prediction");
        Dataset<Row> predicted = forest.transform(testRows);
        double rmse = evaluator.setMetricName("rmse").evaluate(predicted);
        double mae = evaluator.setMetricName("mae").evaluate(predicted);
        System.out.printf("run %s, seed %d: train %d rows, test %d rows; features built in %.1f s, forest (%d trees,"
                        + " depth %d) fitted in %.1f s%nembedding features, leave-one-out: test RMSE %.4f, MAE %.4f%n",
                run, seed, trainCount, testCount, featureSeconds, TREES, DEPTH, fitSeconds, rmse, mae);
        spark.stop();
    }
}
