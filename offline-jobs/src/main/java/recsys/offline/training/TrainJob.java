package recsys.offline.training;

import static org.apache.spark.sql.functions.col;
import static recsys.offline.training.RatingColumns.FALLBACK;
import static recsys.offline.training.RatingColumns.MOVIE;
import static recsys.offline.training.RatingColumns.PREDICTION;
import static recsys.offline.training.RatingColumns.RATING;

import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.ml.regression.RandomForestRegressionModel;
import org.apache.spark.ml.regression.RandomForestRegressor;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import recsys.core.features.FeatureEncoder;
import recsys.core.model.FeatureSchema;
import recsys.core.model.ModelArtifact;
import recsys.core.model.ModelDescription;
import recsys.core.model.TreeEnsemble;
import recsys.offline.evaluation.EvaluationReport;
import recsys.offline.evaluation.ModelMetrics;
import recsys.offline.evaluation.PredictionSample;
import recsys.offline.evaluation.ReportWriter;
import recsys.offline.models.ModelPublisher;
import recsys.offline.models.PublishedVersion;
import recsys.offline.models.VersionStaging;
import recsys.offline.storage.RunIds;
import recsys.offline.storage.StorageLayout;

/**
 * Trains the rating models on the latest ingest and publishes the serving one:
 * <ol>
 *   <li>read the latest ingest's ratings, catalogue and movie vectors;</li>
 *   <li>split the ratings ({@link RatingSplit}: train, test, and train again into a tuning part and validation);</li>
 *   <li>fit the baselines: global mean, damped biases and ALS, both tuned on validation and refitted on train;</li>
 *   <li>fit the feature encoder on train and build the feature rows (train leave-one-out, test from train);</li>
 *   <li>fit a random forest on the embedding features and one on the sparse features, at the fixed
 *   {@link ForestSettings};</li>
 *   <li>score every model on every test row (RMSE, MAE, fallback rows);</li>
 *   <li>choose the serving forest and publish a model version: its {@link TreeEnsemble}, the encoder state and the
 *   Spark-native forest, with a manifest of metrics, split, seed and parameters; CURRENT moves only if all of it
 *   was written;</li>
 *   <li>write the evaluation report into {@code <storage>/reports/<version>/}.</li>
 * </ol>
 * Only a forest can serve (the online service scores tree ensembles), so the serving model is the forest with the
 * lower <em>test</em> RMSE: the forests have no validation predictions yet (that would mean fitting each on the
 * tuning part too), so the chosen forest's test RMSE is slightly optimistic. The report's {@code baselines} note
 * says so.
 */
public final class TrainJob {

    public static final String GLOBAL_MEAN = "global_mean";
    public static final String BIASES = "biases";
    public static final String ALS = "als";
    public static final String FOREST_EMBEDDING = "forest_embedding";
    public static final String FOREST_SPARSE = "forest_sparse";

    public static final String TREE_ENSEMBLE_PATH = "serving/tree-ensemble.bin";
    public static final String ENCODER_STATE_PATH = "encoder/state.bin";
    /** The Spark-native serving forest is saved under {@code spark/<this>}. */
    public static final String SPARK_FOREST = "forest";

    private final SparkSession spark;
    private final StorageLayout storage;
    private final ModelPublisher publisher;
    private final BaselineSettings baselineSettings;
    private final ForestSettings forestSettings;
    private final Clock clock;
    private final PrintStream out;
    private final Consumer<VersionStaging> extraArtifacts;

    public TrainJob(SparkSession spark, StorageLayout storage, ModelPublisher publisher,
                    BaselineSettings baselineSettings, ForestSettings forestSettings, Clock clock, PrintStream out) {
        this(spark, storage, publisher, baselineSettings, forestSettings, clock, out, staging -> { });
    }

    /**
     * @param extraArtifacts writes further artifacts into the staged version after the job's own, before it is
     *                       published; if it throws, nothing is published and CURRENT stays where it was
     */
    public TrainJob(SparkSession spark, StorageLayout storage, ModelPublisher publisher,
                    BaselineSettings baselineSettings, ForestSettings forestSettings, Clock clock, PrintStream out,
                    Consumer<VersionStaging> extraArtifacts) {
        this.spark = spark;
        this.storage = storage;
        this.publisher = publisher;
        this.baselineSettings = baselineSettings;
        this.forestSettings = forestSettings;
        this.clock = clock;
        this.out = out;
        this.extraArtifacts = extraArtifacts;
    }

    /**
     * Runs the pipeline on the latest ingest with {@code strategy} (random or per-user temporal). The seed of the
     * split, of ALS and of the forests is the random strategy's seed, or the baseline settings' seed for a temporal
     * split.
     */
    public TrainReport run(SplitStrategy strategy) {
        long seed = strategy instanceof SplitStrategy.Random random ? random.seed() : baselineSettings.seed();
        BaselineSettings settings = baselineSettings.withSeed(seed);
        String version = RunIds.next(clock);

        // 1. The latest ingest: ratings, catalogue, and the vectors its embed run wrote.
        String run = storage.latestRun().orElseThrow(
                () -> new IllegalStateException("no ingest run under " + storage.root() + ": run ingest first"));
        String vectorsName = storage.readText(storage.dataset(run, "VECTORS")).trim();
        Dataset<Row> ratings = RatingColumns.select(spark.read().parquet(storage.dataset(run, "ratings")));
        Dataset<Row> movies = spark.read().parquet(storage.dataset(run, "movies"));
        Dataset<Row> vectors = spark.read().parquet(storage.dataset(run, vectorsName));

        // 2. The split.
        RatingSplit split = RatingSplit.of(ratings, strategy, settings.testFraction(), settings.validationFraction());
        String splitDescription = strategy.describe() + ", test fraction " + settings.testFraction()
                + ", validation fraction " + settings.validationFraction() + " of train";
        out.printf("train: run %s, %s: train %,d (tuning %,d + validation %,d), test %,d%n", run, splitDescription,
                split.trainCount(), split.tuningTrainCount(), split.validationCount(), split.testCount());
        Map<String, RatingEvaluation> test = new LinkedHashMap<>();
        Map<String, Map<String, String>> parameters = new LinkedHashMap<>();
        Map<String, Double> validationRmse = new LinkedHashMap<>();
        Dataset<Row> trainRows = null;
        Dataset<Row> testRows = null;
        try {
            // 3. Baselines: global mean; biases and ALS tuned on validation, refitted on train.
            GlobalMeanModel mean = GlobalMeanModel.fit(split.train());
            test.put(GLOBAL_MEAN, RatingEvaluation.of(mean.predict(split.test()), split.testCount()));
            parameters.put(GLOBAL_MEAN, Map.of("mean", Double.toString(mean.mean())));

            BiasModel.Tuned biases = BiasModel.tune(split, settings.biasDampings());
            test.put(BIASES, RatingEvaluation.of(biases.model().predict(split.test()), split.testCount()));
            parameters.put(BIASES, Map.of("user_damping", Double.toString(biases.best().userDamping()),
                    "item_damping", Double.toString(biases.best().itemDamping())));
            validationRmse.put(BIASES, biases.best().validation().rmse());

            BiasModel tuningFallback = BiasModel.fit(split.tuningTrain(), biases.best().userDamping(),
                    biases.best().itemDamping());
            AlsModel.Tuned als = AlsModel.tune(split, settings.alsRanks(), settings.alsRegParams(),
                    settings.alsMaxIter(), seed, tuningFallback, biases.model());
            test.put(ALS, RatingEvaluation.of(als.model().predict(split.test()), split.testCount()));
            parameters.put(ALS, Map.of("rank", Integer.toString(als.best().rank()),
                    "reg_param", Double.toString(als.best().regParam()),
                    "max_iter", Integer.toString(settings.alsMaxIter()), "seed", Long.toString(seed),
                    "fallback", "tuned biases"));
            validationRmse.put(ALS, als.best().validation().rmse());

            // 4. Features: the encoder sees train only; test rows of movies unseen in train are fallback rows.
            TrainingFeatures features = TrainingFeatures.fit(spark, split.train(), movies, vectors);
            FeatureEncoder encoder = new FeatureEncoder(features.state());
            trainRows = features.trainingRows(split.train()).persist(StorageLevel.MEMORY_AND_DISK());
            testRows = markUnseenMovies(features.otherRows(split.train(), split.test()), split.train())
                    .persist(StorageLevel.MEMORY_AND_DISK());

            // 5. The forests, one per feature representation.
            RandomForestRegressionModel embeddingForest = fitForest(trainRows, TrainingFeatures.EMBEDDING_FEATURES,
                    seed);
            RandomForestRegressionModel sparseForest = fitForest(trainRows, TrainingFeatures.SPARSE_FEATURES, seed);

            // 6. Every model on every test row.
            test.put(FOREST_EMBEDDING, RatingEvaluation.of(embeddingForest.transform(testRows), split.testCount()));
            test.put(FOREST_SPARSE, RatingEvaluation.of(sparseForest.transform(testRows), split.testCount()));
            parameters.put(FOREST_EMBEDDING, forestParameters(seed, TrainingFeatures.EMBEDDING_FEATURES));
            parameters.put(FOREST_SPARSE, forestParameters(seed, TrainingFeatures.SPARSE_FEATURES));
            test.forEach((name, e) -> out.printf("  %-17s test RMSE %.4f  MAE %.4f  fallback rows %,d of %,d%n", name,
                    e.rmse(), e.mae(), e.fallbackRows(), e.count()));

            // 7. The serving forest, published with everything the online service needs to use it.
            boolean embeddingServes = test.get(FOREST_EMBEDDING).rmse() <= test.get(FOREST_SPARSE).rmse();
            String serving = embeddingServes ? FOREST_EMBEDDING : FOREST_SPARSE;
            RandomForestRegressionModel servingForest = embeddingServes ? embeddingForest : sparseForest;
            FeatureSchema schema = embeddingServes
                    ? new FeatureSchema(FeatureSchema.DENSE, encoder.embeddingFeatureNames())
                    : new FeatureSchema(FeatureSchema.SPARSE, encoder.sparseFeatureNames());
            TreeEnsemble ensemble = TreeEnsembleExporter.export(servingForest);
            if (ensemble.numFeatures() != schema.size()) {
                throw new IllegalStateException("the " + serving + " forest takes " + ensemble.numFeatures()
                        + " features but the encoder names " + schema.size());
            }
            String dataFingerprint = "ingest run " + run;
            ModelDescription description = new ModelDescription(serving, schema, manifestMetrics(test, validationRmse),
                    dataFingerprint, splitDescription, seed, flatten(parameters));
            PublishedVersion published;
            try (VersionStaging staging = publisher.begin(version)) {
                staging.writeTreeEnsemble(TREE_ENSEMBLE_PATH, ensemble);
                staging.write(ENCODER_STATE_PATH, ModelArtifact.ROLE_ENCODER_STATE, features.state()::write);
                staging.saveSparkModel(SPARK_FOREST, servingForest);
                extraArtifacts.accept(staging);
                published = staging.publish(description);
            }
            out.printf("published model version %s (%s) at %s%n", version, serving, published.location());

            // 8. The evaluation report, rating metrics only.
            Map<String, ModelMetrics> metrics = new LinkedHashMap<>();
            test.forEach((name, e) -> metrics.put(name, ModelMetrics.ratingOnly(e.rmse(), e.mae(), e.fallbackRows(),
                    e.count())));
            EvaluationReport report = new EvaluationReport(splitDescription, seed, serving, version, clock.instant(),
                    dataFingerprint, metrics, parameters, Map.of(),
                    sample(servingForest.transform(testRows), split.testCount(), seed), baselinesNote(serving));
            String reportJson = new ReportWriter(storage.hadoop()).write(report, reportsDir(version));
            return new TrainReport(version, run, splitDescription, seed, serving, metrics, published.location(),
                    reportJson);
        } finally {
            if (trainRows != null) {
                trainRows.unpersist();
            }
            if (testRows != null) {
                testRows.unpersist();
            }
            split.unpersist();
        }
    }

    /** Where the report of {@code version} is written. */
    public String reportsDir(String version) {
        return storage.root() + "/reports/" + version;
    }

    private RandomForestRegressionModel fitForest(Dataset<Row> trainRows, String featuresColumn, long seed) {
        return new RandomForestRegressor()
                .setFeaturesCol(featuresColumn)
                .setLabelCol(RATING)
                .setPredictionCol(PREDICTION)
                .setNumTrees(forestSettings.trees())
                .setMaxDepth(forestSettings.maxDepth())
                .setSubsamplingRate(forestSettings.subsamplingRate())
                .setFeatureSubsetStrategy(forestSettings.featureSubsetStrategy())
                .setSeed(seed)
                .fit(trainRows);
    }

    private Map<String, String> forestParameters(long seed, String featuresColumn) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("features", featuresColumn);
        values.put("trees", Integer.toString(forestSettings.trees()));
        values.put("max_depth", Integer.toString(forestSettings.maxDepth()));
        values.put("subsampling_rate", Double.toString(forestSettings.subsamplingRate()));
        values.put("feature_subset_strategy", forestSettings.featureSubsetStrategy());
        values.put("seed", Long.toString(seed));
        return values;
    }

    /**
     * Adds {@code fallback}: true for rows whose movie has no training rating. The encoder still gives such rows
     * features (its defaults for an unrated movie), so the forest scores them, but from no evidence about the movie.
     */
    private static Dataset<Row> markUnseenMovies(Dataset<Row> rows, Dataset<Row> train) {
        Dataset<Row> seen = train.select(col(MOVIE).as("_seen_movie")).distinct();
        return rows.join(seen, rows.col(MOVIE).equalTo(seen.col("_seen_movie")), "left")
                .withColumn(FALLBACK, col("_seen_movie").isNull())
                .drop("_seen_movie");
    }

    private static Map<String, Map<String, Double>> manifestMetrics(Map<String, RatingEvaluation> test,
                                                                    Map<String, Double> validationRmse) {
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        test.forEach((name, e) -> {
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("rmse", e.rmse());
            values.put("mae", e.mae());
            values.put("fallback_rows", (double) e.fallbackRows());
            values.put("test_rows", (double) e.count());
            if (validationRmse.containsKey(name)) {
                values.put("validation_rmse", validationRmse.get(name));
            }
            metrics.put(name, values);
        });
        return metrics;
    }

    /** {@code model.parameter → value}, for the manifest's flat parameter map. */
    private static Map<String, String> flatten(Map<String, Map<String, String>> parameters) {
        Map<String, String> flat = new LinkedHashMap<>();
        parameters.forEach((model, values) -> values.forEach((name, value) -> flat.put(model + "." + name, value)));
        return flat;
    }

    private static PredictionSample sample(Dataset<Row> predicted, long testCount, long seed) {
        double fraction = Math.min(1.0, (double) PredictionSample.MAX_PAIRS / testCount);
        List<PredictionSample.Pair> pairs = new ArrayList<>();
        for (Row row : predicted.select(PREDICTION, RATING).sample(false, fraction, seed)
                .limit(PredictionSample.MAX_PAIRS).collectAsList()) {
            pairs.add(new PredictionSample.Pair(row.getDouble(0), row.getDouble(1)));
        }
        return new PredictionSample(pairs, testCount, seed);
    }

    private static String baselinesNote(String serving) {
        return "Every model is scored on every test row. global_mean: the training mean. biases: damped user and"
                + " movie biases, dampings tuned on validation. als: Spark ALS, rank and regParam tuned on validation;"
                + " rows it cannot score (user or movie unseen in train) are predicted by the biases and counted as"
                + " fallback rows. forest_embedding / forest_sparse: random forests at fixed hyper-parameters (not"
                + " tuned) on the encoder's features; fallback rows are test rows whose movie has no training rating,"
                + " scored by the forest from the encoder's defaults for an unrated movie. " + serving + " serves:"
                + " only a forest can, and it was chosen over the other forest by lower TEST RMSE (the forests have no"
                + " validation predictions yet), so its test RMSE is slightly optimistic.";
    }
}
