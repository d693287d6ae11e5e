package recsys.offline.training;

import static recsys.core.model.ModelKind.ALS;
import static recsys.core.model.ModelKind.BIASES;
import static recsys.core.model.ModelKind.FOREST_EMBEDDING;
import static recsys.core.model.ModelKind.FOREST_SPARSE;
import static recsys.core.model.ModelKind.GLOBAL_MEAN;
import static recsys.core.model.ModelKind.HYBRID;
import static recsys.core.model.ModelKind.POPULARITY_BY_COUNT;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.ml.regression.RandomForestRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import recsys.core.evaluation.UserSample;
import recsys.core.features.FeatureEncoder;
import recsys.core.model.BiasBaselineFormat;
import recsys.core.model.FeatureSchema;
import recsys.core.model.ModelDescription;
import recsys.core.model.ModelKind;
import recsys.core.model.Representation;
import recsys.core.model.TreeEnsemble;
import recsys.core.model.TreeRatingModel;
import recsys.core.model.VersionLayout;
import recsys.core.ranking.BlendSearch;
import recsys.core.ranking.RankingBlend;
import recsys.core.topn.TopNArtifacts;
import recsys.offline.evaluation.HeldOutSample;
import recsys.offline.models.ModelPublisher;
import recsys.offline.models.PublishedVersion;
import recsys.offline.models.VersionStaging;
import recsys.offline.ranking.CandidateScorer;
import recsys.offline.ranking.RankingSpec;
import recsys.offline.ranking.Scorers;
import recsys.offline.ranking.TopKEvaluator;
import recsys.offline.ranking.TopKResults;
import recsys.offline.storage.RunIds;
import recsys.offline.storage.StorageLayout;

/**
 * Fits, tunes and chooses every rating model on the training part of the latest ingest, and publishes them as one
 * model version. Every decision here is made on the <em>validation</em> part carved out of train; the test part is
 * never read (the {@code evaluate} job, {@code recsys.offline.evaluation.EvaluateJob}, scores the published
 * version on it).
 * <ol>
 *   <li>read the latest ingest's ratings, catalogue and movie vectors; split the ratings ({@link RatingSplit}:
 *   train and test, and train again into a tuning part and validation);</li>
 *   <li>baselines: global mean; damped biases and ALS, both tuned on validation and refitted on train;</li>
 *   <li>forests: an encoder fitted on the tuning part gives leave-one-out tuning rows and validation rows; how many
 *   of them the tree models learn from is chosen by a validation learning curve ({@link LearningCurve},
 *   {@link TreeRowBudget}); the embedding and the sparse forest are tuned over the {@link ForestGrid}
 *   ({@link ForestTuning}); the hybrid (biases + gradient-boosted trees on their residual, {@link HybridTraining})
 *   over its iteration counts;</li>
 *   <li>the serving model: the one of those three with the lowest validation RMSE (each is a core tree ensemble
 *   over the encoder's features, the hybrid with its biases, which is what the online service can score);</li>
 *   <li>the top-N models and re-ranker ({@link TopNTraining}), and with their tuning-part tables the similar-movies
 *   blend ({@link recsys.offline.similar.SimilarTuning});</li>
 *   <li>the rating models' ranking blend: {@link BlendSearch} over {@link BlendSearch#DEFAULT_GRID} on the
 *   validation users, maximising NDCG@10 of core's Ranker over the tuning-part serving forest (the exact model scored
 *   on validation) within each user's candidate pool of the tuned top-N sources, as the evaluation ranks; popularity
 *   by count is measured beside it for the report;</li>
 *   <li>refit: the encoder on all of train, both forests and the hybrid's trees at their chosen settings on its
 *   leave-one-out rows, as many as the curve chose (the hybrid over the biases refitted on train);</li>
 *   <li>publish: the serving model as a core tree ensemble, the biases (under the hybrid's trees), the encoder
 *   state, the top-N tables, every Spark-native model (both forests, the hybrid's trees and ALS) into their
 *   {@link VersionLayout} slots, and a manifest with validation metrics, parameters (split included, so the
 *   evaluation can rebuild it) and the chosen ranking blend; CURRENT moves only once all of it is written.</li>
 * </ol>
 */
public final class TrainJob {

    /** The ranking cut-off the blend is chosen at. */
    public static final int BLEND_K = 10;
    /** The blend search's name for the tuned top-N sources whose pools it ranks. */
    private static final String CANDIDATES = "top_n_sources";

    private final SparkSession spark;
    private final StorageLayout storage;
    private final ModelPublisher publisher;
    private final BaselineSettings baselineSettings;
    private final ForestGrid forestGrid;
    private final HybridSettings hybridSettings;
    private final TopNSettings topNSettings;
    private final TreeRowBudget treeRowBudget;
    private final Clock clock;
    private final PrintStream out;
    private final Consumer<VersionStaging> extraArtifacts;

    public TrainJob(SparkSession spark, StorageLayout storage, ModelPublisher publisher,
                    BaselineSettings baselineSettings, ForestGrid forestGrid, HybridSettings hybridSettings,
                    Clock clock, PrintStream out) {
        this(spark, storage, publisher, baselineSettings, forestGrid, hybridSettings, TopNSettings.DEFAULTS,
                TreeRowBudget.DEFAULTS, clock, out, staging -> { });
    }

    public TrainJob(SparkSession spark, StorageLayout storage, ModelPublisher publisher,
                    BaselineSettings baselineSettings, ForestGrid forestGrid, HybridSettings hybridSettings,
                    TopNSettings topNSettings, Clock clock, PrintStream out) {
        this(spark, storage, publisher, baselineSettings, forestGrid, hybridSettings, topNSettings,
                TreeRowBudget.DEFAULTS, clock, out, staging -> { });
    }

    /**
     * @param extraArtifacts writes further artifacts into the staged version after the job's own, before it is
     *                       published; if it throws, nothing is published and CURRENT stays where it was
     */
    public TrainJob(SparkSession spark, StorageLayout storage, ModelPublisher publisher,
                    BaselineSettings baselineSettings, ForestGrid forestGrid, HybridSettings hybridSettings,
                    TopNSettings topNSettings, TreeRowBudget treeRowBudget, Clock clock, PrintStream out,
                    Consumer<VersionStaging> extraArtifacts) {
        this.spark = spark;
        this.storage = storage;
        this.publisher = publisher;
        this.baselineSettings = baselineSettings;
        this.forestGrid = forestGrid;
        this.hybridSettings = hybridSettings;
        this.topNSettings = topNSettings;
        this.treeRowBudget = treeRowBudget;
        this.clock = clock;
        this.out = out;
        this.extraArtifacts = extraArtifacts;
    }

    /**
     * Runs the pipeline on the latest ingest with {@code strategy}. The seed of ALS and the forests is the random
     * strategy's seed, or the baseline settings' seed otherwise.
     */
    public TrainReport run(SplitStrategy strategy) {
        return run(strategy, true);
    }

    /**
     * @param makeCurrent false to publish the version beside the serving one without moving CURRENT (a retrain
     *                    evaluates it and lets its gate decide)
     */
    public TrainReport run(SplitStrategy strategy, boolean makeCurrent) {
        return run(strategy, makeCurrent, storage.latestRun().orElseThrow(() -> new IllegalStateException(
                "no ingested data under " + storage.root() + ": run 'recsys ingest --data DIR' first")));
    }

    /** @param run the ingest run to train on (a retrain's staged one, not yet LATEST) */
    public TrainReport run(SplitStrategy strategy, boolean makeCurrent, String run) {
        long seed = strategy instanceof SplitStrategy.Random random ? random.seed() : baselineSettings.seed();
        BaselineSettings settings = baselineSettings.withSeed(seed);
        String version = RunIds.next(clock);
        long started = System.nanoTime();

        // 1. The latest ingest and the split.
        TrainingInputs inputs = TrainingInputs.read(spark, storage, run);
        SplitParameters splitParameters = new SplitParameters(strategy, settings.testFraction(),
                settings.validationFraction(), run);
        RatingSplit split = splitParameters.split(spark, inputs.ratings());
        out.printf("train: run %s, %s: train %,d (tuning %,d + validation %,d), test %,d (not read here)%n", run,
                splitParameters.describe(), split.trainCount(), split.tuningTrainCount(), split.validationCount(),
                split.testCount());
        Map<String, RatingEvaluation> validation = new LinkedHashMap<>();
        Map<String, Map<String, String>> parameters = new LinkedHashMap<>();
        List<Dataset<Row>> persisted = new ArrayList<>();
        try {
            // 2. Baselines, tuned on validation and refitted on train.
            GlobalMeanModel mean = GlobalMeanModel.fit(split.train());
            validation.put(GLOBAL_MEAN.reportName(), LocalRatings.collect(split.validation())
                    .evaluate(GlobalMeanModel.fit(split.tuningTrain()).toBaseline()));
            parameters.put(GLOBAL_MEAN.reportName(), Map.of("mean", Double.toString(mean.mean())));

            BiasModel.Tuned biases = BiasModel.tune(split, settings.biasDampings());
            validation.put(BIASES.reportName(), biases.best().validation());
            // ordered: Map.of's iteration order changes from one JVM to the next, and the manifest must not
            Map<String, String> biasParameters = new LinkedHashMap<>();
            biasParameters.put("user_damping", Double.toString(biases.best().userDamping()));
            biasParameters.put("item_damping", Double.toString(biases.best().itemDamping()));
            parameters.put(BIASES.reportName(), biasParameters);

            BiasModel tuningFallback = BiasModel.fit(split.tuningTrain(), biases.best().userDamping(),
                    biases.best().itemDamping());
            AlsModel.Tuned als = AlsModel.tune(split, settings.alsRanks(), settings.alsRegParams(),
                    settings.alsMaxIter(), seed, new UserSample(settings.alsTuningUsers(), seed), tuningFallback,
                    biases.model());
            validation.put(ALS.reportName(), als.best().validation());
            parameters.put(ALS.reportName(), alsParameters(als, settings, seed));
            out.printf("  baselines tuned in %.0f s (the ALS grid on %,d of %,d tuning users)%n",
                    (System.nanoTime() - started) / 1e9, als.searchUsers(), als.tuningUsers());

            // 3. Forests tuned on validation, with an encoder that has seen the tuning part only.
            TrainingFeatures tuningFeatures = TrainingFeatures.fit(spark, split.tuningTrain(), inputs.movies(),
                    inputs.vectors());
            // 3a. How many rows the tree models learn from: a learning curve on validation past the first size,
            // over at most the budget's cap of rows, sampled before they are encoded
            RowSample curveRows = LearningCurve.encodedRows(split.tuningTrainCount(), treeRowBudget, seed);
            Dataset<Row> tuningRows = persist(persisted, tuningFeatures.trainingRows(split.tuningTrain(), curveRows));
            // the tree models' validation rows, capped like their training rows and drawn before encoding
            RowSample validationSample = treeRowBudget.validationSample(split.validationCount(), seed);
            Dataset<Row> validationRows = persist(persisted, tuningFeatures.otherRows(split.tuningTrain(),
                    split.validation().filter(validationSample.keeps())));
            long treeValidationRows = validationSample.all() ? split.validationCount() : validationRows.count();
            LearningCurve.Result treeRows = LearningCurve.measure(tuningRows, split.tuningTrainCount(),
                    validationRows, TrainingFeatures.column(FOREST_EMBEDDING.representation()), forestGrid.largest(),
                    treeRowBudget, seed);
            out.printf("  tree models learn from %s, scored on %,d of %,d validation rows, in %.0f s%n",
                    treeRows.describe(), treeValidationRows, split.validationCount(),
                    (System.nanoTime() - started) / 1e9);
            Dataset<Row> treeTuningRows = treeRows.chosenShare() < 1
                    ? persist(persisted, LearningCurve.chosen(tuningRows, treeRows, seed)) : tuningRows;
            Map<ModelKind, ForestTuning.Tuned> forests = new LinkedHashMap<>();
            for (ModelKind model : List.of(FOREST_EMBEDDING, FOREST_SPARSE)) {
                // the curve's probe is the embedding forest at the grid's largest point, grown on these rows
                ForestTuning.Tuned tuned = ForestTuning.tune(treeTuningRows, validationRows,
                        TrainingFeatures.column(model.representation()), forestGrid, seed,
                        model == FOREST_EMBEDDING ? treeRows.chosenProbe() : null);
                forests.put(model, tuned);
                validation.put(model.reportName(), new RatingEvaluation(tuned.best().validation(), 0));
                out.printf("  %s tuned in %.0f s: %s%n", model.reportName(), (System.nanoTime() - started) / 1e9,
                        tuned.best().settings());
            }
            HybridTraining.Tuned hybrid = HybridTraining.tune(tuningFallback, treeTuningRows, validationRows,
                    hybridSettings, seed);
            validation.put(HYBRID.reportName(), new RatingEvaluation(hybrid.best().validation(), 0));
            out.printf("  %s tuned in %.0f s: %d iterations%n", HYBRID.reportName(),
                    (System.nanoTime() - started) / 1e9, hybrid.best().iterations());
            validation.forEach((name, e) -> out.printf("  %-17s validation RMSE %.4f  MAE %.4f%n", name, e.rmse(),
                    e.mae()));

            // 4. The serving model: the best of the tree models on validation (the first on a tie).
            ModelKind servingKind = ModelKind.servable().get(0);
            for (ModelKind model : ModelKind.servable()) {
                if (validation.get(model.reportName()).rmse() < validation.get(servingKind.reportName()).rmse()) {
                    servingKind = model;
                }
            }
            String serving = servingKind.reportName();
            Representation representation = servingKind.representation();
            TreeRatingModel tuningRatingModel = servingKind == HYBRID
                    ? TreeRatingModel.hybrid(hybrid.bestModel(tuningFallback.toBaseline()))
                    : TreeRatingModel.forest(forests.get(servingKind).bestEnsemble(),
                            representation == Representation.SPARSE);
            CandidateScorer tuningScorer = servingKind == HYBRID
                    ? Scorers.hybrid(hybrid.bestModel(tuningFallback.toBaseline()))
                    : Scorers.trees(forests.get(servingKind).bestEnsemble(), representation.manifestName());

            tuningRows.unpersist();
            treeTuningRows.unpersist();
            validationRows.unpersist();

            // 5. The top-N models and the serving re-ranker, on the validation users.
            TopNTraining.Tuned topN = TopNTraining.tune(split, tuningFeatures.state(), tuningRatingModel,
                    topNSettings, seed, out);

            // 5b. The rating models' ranking blend, on the same validation users, over the candidate pools of the
            // top-N sources just tuned, as the evaluation ranks them.
            List<RankingSpec> specs = new ArrayList<>();
            for (RankingBlend blend : BlendSearch.DEFAULT_GRID) {
                specs.add(new RankingSpec(blendName(blend), serving, blend));
            }
            specs.add(new RankingSpec(POPULARITY_BY_COUNT.reportName(), "none", RankingBlend.POPULARITY_BY_COUNT));
            // at most maxValidationUsers users, drawn by the top-N search's seeded rule (UserSample) from the users with
            // a validation row: each costs a ranking of their pool per blend, so their number, not the dataset's,
            // sets this search's cost
            HeldOutSample blendUsers = HeldOutSample.of(spark, split.validation(),
                    new UserSample(topNSettings.maxValidationUsers(), seed));
            TopKResults ranked = TopKEvaluator.evaluate(spark, split.tuningTrain(), blendUsers.rows(),
                    tuningFeatures.state(), Map.of(serving, tuningScorer, "none", Scorers.none()), specs,
                    Map.of(CANDIDATES, topN.sources()), List.of(), CANDIDATES, BLEND_K);
            BlendSearch.Result blend = BlendSearch.search(BlendSearch.DEFAULT_GRID,
                    b -> ranked.ndcg(blendName(b), BLEND_K));
            double popularityNdcg = ranked.ndcg(POPULARITY_BY_COUNT.reportName(), BLEND_K);
            out.printf("  ranking blend %s: validation NDCG@%d %.4f (popularity by count %.4f) over %,d of %,d"
                            + " validation users, in %.0f s%n", blend.best().blend(), BLEND_K,
                    blend.best().objective(), popularityNdcg, blendUsers.rankedUsers(), blendUsers.testUsers(),
                    (System.nanoTime() - started) / 1e9);

            // 6. Refit on all of train.
            TrainingFeatures features = TrainingFeatures.fit(spark, split.train(), inputs.movies(), inputs.vectors());
            FeatureEncoder encoder = new FeatureEncoder(features.state());
            // the curve's size, not its share: past the plateau more rows buy nothing, whatever the part; drawn
            // before encoding, like the curve's rows
            Dataset<Row> trainRows = persist(persisted, features.trainingRows(split.train(), treeRows.samples()
                    ? RowSample.of(treeRows.chosenRows(), split.trainCount(), seed) : RowSample.ALL));
            out.printf("  train features in %.0f s (%,d of %,d rows)%n", (System.nanoTime() - started) / 1e9,
                    trainRows.count(), split.trainCount());
            Map<ModelKind, RandomForestRegressionModel> fitted = new LinkedHashMap<>();
            forests.forEach((model, tuned) -> {
                ForestSettings chosen = tuned.best().settings();
                String column = TrainingFeatures.column(model.representation());
                fitted.put(model, ForestTuning.fit(trainRows, column, chosen, seed));
                parameters.put(model.reportName(), forestParameters(chosen, seed, column));
                out.printf("  %s refitted in %.0f s%n", model.reportName(), (System.nanoTime() - started) / 1e9);
            });
            GBTRegressionModel hybridTrees = HybridTraining.fit(biases.model(), trainRows, hybridSettings,
                    hybrid.best().iterations(), seed);
            parameters.put(HYBRID.reportName(), hybridParameters(hybrid.best().iterations(), biases, seed));
            out.printf("  %s refitted in %.0f s%n", HYBRID.reportName(), (System.nanoTime() - started) / 1e9);
            TopNTraining.Fitted topNFitted = TopNTraining.fit(split.train(), topN, topNSettings, seed);
            out.printf("  top-N models refitted in %.0f s (EASE over %,d movies, %,d weights kept; liked EASE over %,d"
                            + " movies, %,d weights)%n", (System.nanoTime() - started) / 1e9, topNFitted.ease().size(),
                    topNFitted.ease().entries(), topNFitted.liked().size(), topNFitted.liked().entries());

            // 7. Publish.
            FeatureSchema schema = servingKind.featureSchema(encoder);
            TreeEnsemble ensemble = servingKind == HYBRID ? TreeEnsembleExporter.export(hybridTrees)
                    : TreeEnsembleExporter.export(fitted.get(servingKind));
            if (ensemble.numFeatures() != schema.size()) {
                throw new IllegalStateException("the " + serving + " model takes " + ensemble.numFeatures()
                        + " features but the encoder names " + schema.size());
            }
            Map<String, String> flat = flatten(parameters);
            flat.putAll(splitParameters.toMap());
            // the tree models' validation figures depend on it (per-partition samples), so a rerun needs it
            flat.put("training.partitions", Integer.toString(spark.sparkContext().defaultParallelism()));
            flat.putAll(treeRows.parameters());
            flat.put("training.tree_validation_rows", Long.toString(treeValidationRows));
            flat.put("training.tree_validation_rows_available", Long.toString(split.validationCount()));
            flat.put("ranking.validation_ndcg@10", Double.toString(blend.best().objective()));
            flat.put("ranking.validation_popularity_by_count_ndcg@10", Double.toString(popularityNdcg));
            flat.put("ranking.validation_users", Long.toString(blendUsers.rankedUsers()));
            eventsUntil(run).ifPresent(until -> flat.put(ModelDescription.EVENTS_UNTIL, Long.toString(until)));
            flat.put(ModelDescription.DATA_RATINGS, Long.toString(split.trainCount() + split.testCount()));
            topN.validationNdcg().forEach((model, ndcg) ->
                    flat.put(ModelDescription.VALIDATION_NDCG_PREFIX + model, Double.toString(ndcg)));
            flat.putAll(TopNTraining.parameters(topN, topNSettings, seed));
            flat.putAll(topN.weights().toParameters(TopNArtifacts.WEIGHTS_PREFIX));
            // the similar-movies blend (similar.collaborative) the service reads, and its validation figures
            flat.putAll(topN.similar().parameters());
            flat.put(TopNArtifacts.POOL_PER_SOURCE, Integer.toString(topNSettings.poolPerSource()));
            flat.put(TopNArtifacts.CONTENT_NOMINATES, Boolean.toString(topN.contentNominates()));
            ModelDescription description = new ModelDescription(serving, schema, manifestMetrics(validation),
                    "ingest run " + run, splitParameters.describe(), seed, flat)
                    .withRankingBlend(blend.best().blend());
            PublishedVersion published;
            try (VersionStaging staging = publisher.begin(version)) {
                staging.write(VersionLayout.TREE_ENSEMBLE, ensemble::write);
                staging.write(VersionLayout.BIASES,
                        stream -> BiasBaselineFormat.write(biases.model().toBaseline(), stream));
                staging.write(VersionLayout.ENCODER_STATE, features.state()::write);
                staging.write(VersionLayout.ITEM_ITEM, topNFitted.ease()::write);
                staging.write(VersionLayout.ITEM_KNN, topNFitted.itemKnn()::write);
                staging.write(VersionLayout.ITEM_ITEM_LIKED, topNFitted.liked()::write);
                staging.write(VersionLayout.ALS_FACTORS, topNFitted.als()::write);
                fitted.forEach(staging::saveSparkModel);
                staging.saveSparkModel(HYBRID, hybridTrees);
                staging.saveSparkModel(ALS, als.model().als());
                extraArtifacts.accept(staging);
                published = staging.publish(description, makeCurrent);
            }
            out.printf("published model version %s (%s, blend %s) at %s in %.0f s%n", version, serving,
                    blend.best().blend(), published.location(), (System.nanoTime() - started) / 1e9);
            return new TrainReport(version, run, splitParameters.describe(), seed, serving, validation,
                    blend.best().blend(), blend.best().objective(), popularityNdcg, topN.weights(),
                    topN.validationNdcg(), published.location());
        } finally {
            persisted.forEach(Dataset::unpersist);
            split.unpersist();
        }
    }

    /** The online events the ingest run merged in, up to this time, from its report; none for a plain ingest. */
    private Optional<Long> eventsUntil(String run) {
        String report = storage.runDir(run) + "/ingest-report.json";
        if (!storage.exists(report)) {
            return Optional.empty();
        }
        try {
            long until = new ObjectMapper().readTree(storage.readText(report))
                    .path("onlineEventsUntil").asLong(0);
            return until > 0 ? Optional.of(until) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + report, e);
        }
    }

    static String blendName(RankingBlend blend) {
        return "blend(" + blend.ratingWeight() + "," + blend.popularityWeight() + "," + blend.meanWeight() + ")";
    }

    /**
     * Keeps feature rows in memory for the many passes tree growing makes, in as many partitions as the parallelism
     * setting (default 4): the random split leaves them in {@link RatingSplit#RANDOM_SPLIT_PARTITIONS}, and every
     * pass of a forest level or boosting iteration is a Spark job whose per-task overhead, not the work, dominates
     * at this size.
     */
    private Dataset<Row> persist(List<Dataset<Row>> persisted, Dataset<Row> rows) {
        Dataset<Row> kept = rows.coalesce(spark.sparkContext().defaultParallelism())
                .persist(StorageLevel.MEMORY_AND_DISK());
        persisted.add(kept);
        return kept;
    }

    private static Map<String, String> alsParameters(AlsModel.Tuned als, BaselineSettings settings, long seed) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("rank", Integer.toString(als.best().rank()));
        values.put("reg_param", Double.toString(als.best().regParam()));
        values.put("max_iter", Integer.toString(settings.alsMaxIter()));
        values.put("seed", Long.toString(seed));
        values.put("fallback", "tuned biases");
        values.put("grid_users", als.searchUsers() + " of " + als.tuningUsers());
        return values;
    }

    private Map<String, String> hybridParameters(int iterations, BiasModel.Tuned biases, long seed) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("features", TrainingFeatures.EMBEDDING_FEATURES);
        values.put("iterations", Integer.toString(iterations));
        values.put("max_depth", Integer.toString(hybridSettings.depth()));
        values.put("step_size", Double.toString(hybridSettings.stepSize()));
        values.put("user_damping", Double.toString(biases.best().userDamping()));
        values.put("item_damping", Double.toString(biases.best().itemDamping()));
        values.put("seed", Long.toString(seed));
        return values;
    }

    private static Map<String, String> forestParameters(ForestSettings settings, long seed, String featuresColumn) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("features", featuresColumn);
        values.put("trees", Integer.toString(settings.trees()));
        values.put("max_depth", Integer.toString(settings.maxDepth()));
        values.put("subsampling_rate", Double.toString(settings.subsamplingRate()));
        values.put("feature_subset_strategy", settings.featureSubsetStrategy());
        values.put("seed", Long.toString(seed));
        return values;
    }

    /** {@code model → {validation_rmse, validation_mae}}: what the choices were made on. */
    private static Map<String, Map<String, Double>> manifestMetrics(Map<String, RatingEvaluation> validation) {
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        validation.forEach((name, e) -> {
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("validation_rmse", e.rmse());
            values.put("validation_mae", e.mae());
            metrics.put(name, values);
        });
        return metrics;
    }

    /** {@code model.parameter → value}, for the manifest's flat parameter map. */
    static Map<String, String> flatten(Map<String, Map<String, String>> parameters) {
        Map<String, String> flat = new LinkedHashMap<>();
        parameters.forEach((model, values) -> values.forEach((name, value) -> flat.put(model + "." + name, value)));
        return flat;
    }
}
