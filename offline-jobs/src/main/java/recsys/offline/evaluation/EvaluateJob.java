package recsys.offline.evaluation;

import static org.apache.spark.sql.functions.col;
import static recsys.offline.training.RatingColumns.FALLBACK;
import static recsys.offline.training.RatingColumns.MOVIE;
import static recsys.offline.training.RatingColumns.PREDICTION;
import static recsys.offline.training.RatingColumns.RATING;
import static recsys.core.model.ModelKind.ALS;
import static recsys.core.model.ModelKind.BIASES;
import static recsys.core.model.ModelKind.CONTENT;
import static recsys.core.model.ModelKind.EASE;
import static recsys.core.model.ModelKind.EASE_LIKED;
import static recsys.core.model.ModelKind.FOREST_EMBEDDING;
import static recsys.core.model.ModelKind.FOREST_SPARSE;
import static recsys.core.model.ModelKind.GLOBAL_MEAN;
import static recsys.core.model.ModelKind.HYBRID;
import static recsys.core.model.ModelKind.IMPLICIT_ALS;
import static recsys.core.model.ModelKind.ITEM_KNN;
import static recsys.core.model.ModelKind.POPULARITY;
import static recsys.core.model.ModelKind.POPULARITY_BY_COUNT;
import static recsys.core.model.ModelKind.TOP_N_SERVING;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import recsys.core.evaluation.UserSample;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.ml.regression.RandomForestRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import recsys.core.features.EncoderState;
import recsys.core.model.HybridModel;
import recsys.core.model.LoadedVersion;
import recsys.core.model.ModelKind;
import recsys.core.model.ModelVersionException;
import recsys.core.model.PublishedModels;
import recsys.core.model.TreeRatingModel;
import recsys.core.similar.SimilarityBlend;
import recsys.core.topn.ItemNeighbours;
import recsys.core.topn.RerankWeights;
import recsys.core.topn.TopNArtifacts;
import recsys.core.topn.TopNModel;
import recsys.offline.models.PublishedVersionReader;
import recsys.offline.ranking.TopNSpec;
import recsys.offline.similar.SimilarEvaluation;
import recsys.offline.similar.SimilarMoviesResults;
import recsys.offline.training.TopNTraining;
import recsys.core.model.ModelDescription;
import recsys.core.ranking.RankingBlend;
import recsys.offline.models.ModelPublisher;
import recsys.offline.ranking.CandidateScorer;
import recsys.offline.ranking.RankingSpec;
import recsys.offline.ranking.Scorers;
import recsys.offline.ranking.TopKEvaluator;
import recsys.offline.ranking.TopKResults;
import recsys.offline.storage.StorageLayout;
import recsys.offline.training.AlsModel;
import recsys.offline.training.BiasModel;
import recsys.offline.training.GlobalMeanModel;
import recsys.offline.training.HybridTraining;
import recsys.offline.training.RatingEvaluation;
import recsys.offline.training.RatingSplit;
import recsys.offline.training.RowSample;
import recsys.offline.training.SplitParameters;
import recsys.offline.training.TrainingFeatures;
import recsys.offline.training.TrainingInputs;
import recsys.offline.training.TreeEnsembleExporter;

/**
 * Scores the published CURRENT model version on the test part, which training never read, and reports:
 * <ol>
 *   <li>read the version through core's ModelStore, which verifies every artifact against the manifest (the
 *   Spark-native folders too) and refuses a version that does not verify; rebuild its split from the manifest's
 *   parameters (every strategy is deterministic, so train and test are the rows training used and held out);</li>
 *   <li>load its models: the Spark-native forests, hybrid trees and ALS it saved, the encoder state it fitted on
 *   train; the global mean and damped biases are refitted on train with the manifest's dampings (closed-form and
 *   deterministic, so they are the trained ones, and the ones under the hybrid's trees);</li>
 *   <li>rating error: every model predicts every test row through Spark; rows a model cannot score get its
 *   fallback and are counted (ALS: the biases; biases: 0 for the unknown side; forests: the encoder's defaults for
 *   a movie unseen in train);</li>
 *   <li>ranking: for every test user (or a seeded sample of them, {@link HeldOutSample}), the user's candidate pool
 *   of the top-N sources (every source nominating; every unrated catalogue movie for a version without top-N
 *   artifacts) is ranked by core's {@link recsys.core.ranking.Ranker} under the manifest's blend with each model's
 *   predictions ({@link TopKEvaluator}); beside them the model-free popularity rankings and the serving model ranked by its
 *   predicted rating alone; the top-N rankings (the serving re-ranker, EASE, implicit ALS, content and the item-kNN
 *   baseline alone) through core's {@link TopNModel}, built from the version's artifacts as core's ModelStore reads
 *   them for the online service; NDCG, precision, recall, MAP and coverage at k = 1 … 20;</li>
 *   <li>similar movies: the collaborative, content and blend lists of core's
 *   {@link recsys.core.similar.SimilarMovies} (the blend weight from the manifest), popularity and the item-kNN
 *   table, for each test user's most recent liked training movie ({@link SimilarEvaluation});</li>
 *   <li>the report ({@code report.json}, {@code report.md}, charts) under {@code reports/<version>/}, and its
 *   summary document in the {@code models} index.</li>
 * </ol>
 * Nothing is chosen here: the serving model and the blend were chosen on validation by
 * {@link recsys.offline.training.TrainJob}.
 */
public final class EvaluateJob {

    static final String RATING_ONLY_SUFFIX = "_by_predicted_rating";
    /** Who was ranked, with each ranking's confidence half-width of NDCG@10, in report order. */
    private RankedUsers rankedUsers(TopKResults ranked, java.util.Collection<String> rankings, HeldOutSample test,
                                    long seed) {
        Map<String, Double> halfWidths = new LinkedHashMap<>();
        rankings.forEach(name -> halfWidths.put(name, ranked.ndcgHalfWidth(name, RankingMetric.HEADLINE_K)));
        return new RankedUsers(test.testUsers(), test.rankedUsers(), maxRankedUsers, seed, halfWidths);
    }

    private static final String NO_MODEL = "none";
    private static final String SERVED_TOP_N = "served_top_n";
    private static final String ALL_SOURCES = "all_sources";

    private final SparkSession spark;
    private final StorageLayout storage;
    private final ModelSummaryIndexer indexer;
    private final Clock clock;
    private final PrintStream out;
    private final int maxRankedUsers;
    private final long maxScoredRows;

    /**
     * Test users ranked at most; beyond it a seeded sample ({@link HeldOutSample}). Each ranked user costs a pass
     * over the catalogue per top-N source and a ranking of their candidate pool per model (2,000 users took 47 s on
     * a 39k-movie catalogue), so the evaluation's rankings stay within a minute or two however many users there are;
     * 2,000 users put NDCG@10 within about ±0.013 (95 %), and every user of ml-latest-small (610) is ranked.
     */
    public static final int DEFAULT_MAX_RANKED_USERS = 2_000;

    /**
     * Test rows every model's rating error is measured on, at most; beyond it a seeded sample of (user, movie)
     * pairs, the same for every model. Each scored row is encoded for the tree models (a 384-dimension embedding
     * block and the sparse block) and persisted: 2.5M test rows at 25M ratings would be several gigabytes for
     * figures that 500,000 rows already put within a few thousandths (the report gives each RMSE's half-width), as
     * the training's validation cap ({@link recsys.offline.training.TreeRowBudget}) does for validation.
     */
    public static final long DEFAULT_MAX_SCORED_ROWS = 500_000;

    public EvaluateJob(SparkSession spark, StorageLayout storage, ModelSummaryIndexer indexer, Clock clock,
                       PrintStream out) {
        this(spark, storage, indexer, clock, out, DEFAULT_MAX_RANKED_USERS, DEFAULT_MAX_SCORED_ROWS);
    }

    /**
     * @param maxRankedUsers test users ranked at most, at least 2 (a confidence interval needs two)
     * @param maxScoredRows  test rows scored for the rating errors at most, at least 2
     */
    public EvaluateJob(SparkSession spark, StorageLayout storage, ModelSummaryIndexer indexer, Clock clock,
                       PrintStream out, int maxRankedUsers, long maxScoredRows) {
        if (maxRankedUsers < 2) {
            throw new IllegalArgumentException("at least 2 users must be ranked, got " + maxRankedUsers);
        }
        if (maxScoredRows < 2) {
            throw new IllegalArgumentException("at least 2 test rows must be scored, got " + maxScoredRows);
        }
        this.spark = spark;
        this.storage = storage;
        this.indexer = indexer;
        this.clock = clock;
        this.out = out;
        this.maxRankedUsers = maxRankedUsers;
        this.maxScoredRows = maxScoredRows;
    }

    /** What one evaluation wrote. */
    public record Result(EvaluationReport report, String reportJson) {
    }

    /** Evaluates the version {@code models/CURRENT} names. */
    public Result run() {
        String version = new ModelPublisher(storage).currentVersion().orElseThrow(() -> new IllegalStateException(
                "no published model version under " + storage.modelsDir() + ": run train first"));
        return run(version);
    }

    public Result run(String version) {
        long started = System.nanoTime();
        // the version as the service reads it, verified through core's ModelStore (the Spark-native folders too)
        // before anything of it is loaded, and read once for every model
        LoadedVersion loaded;
        EncoderState state;
        try {
            loaded = PublishedVersionReader.load(storage, version);
            state = PublishedModels.encoderState(loaded);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot evaluate model version " + version + ": " + e.getMessage(), e);
        }
        ModelDescription description = loaded.manifest().description();
        Map<String, String> parameters = description.parameters();
        SplitParameters splitParameters = SplitParameters.fromMap(parameters);
        TrainingInputs inputs = TrainingInputs.read(spark, storage, splitParameters.run());
        RatingSplit split = splitParameters.split(spark, inputs.ratings());
        out.printf("evaluate: version %s (%s), %s: test %,d rows%n", version, description.servingModel(),
                splitParameters.describe(), split.testCount());
        Dataset<Row> testRows = null;
        Dataset<Row> sampledTest = null;
        try {
            // The models as trained.
            GlobalMeanModel mean = GlobalMeanModel.fit(split.train());
            BiasModel biases = BiasModel.fit(split.train(), number(parameters, BIASES.parameter("user_damping")),
                    number(parameters, BIASES.parameter("item_damping")));
            AlsModel als = AlsModel.of(PipelineModel.load(sparkModel(loaded, ALS)), biases,
                    (int) number(parameters, ALS.parameter("rank")), number(parameters, ALS.parameter("reg_param")),
                    (int) number(parameters, ALS.parameter("max_iter")), description.seed());
            Map<ModelKind, RandomForestRegressionModel> forests = new LinkedHashMap<>();
            for (ModelKind model : List.of(FOREST_EMBEDDING, FOREST_SPARSE)) {
                forests.put(model, RandomForestRegressionModel.load(sparkModel(loaded, model)));
            }
            GBTRegressionModel hybridTrees = GBTRegressionModel.load(sparkModel(loaded, HYBRID));

            // Rating error on every test row, or on a seeded sample of them: the same rows for every model.
            RowSample scoredSample = RowSample.of(maxScoredRows, split.testCount(), description.seed());
            if (!scoredSample.all()) {
                sampledTest = split.test().filter(scoredSample.keeps()).persist(StorageLevel.MEMORY_AND_DISK());
            }
            Dataset<Row> scoredTest = sampledTest == null ? split.test() : sampledTest;
            long scoredCount = sampledTest == null ? split.testCount() : sampledTest.count();
            testRows = markUnseenMovies(TrainingFeatures.using(spark, state).otherRows(split.train(), scoredTest),
                    split.train()).persist(StorageLevel.MEMORY_AND_DISK());
            Map<String, RatingEvaluation> errors = new LinkedHashMap<>();
            Map<String, Dataset<Row>> treePredictions = new LinkedHashMap<>();
            for (Map.Entry<ModelKind, RandomForestRegressionModel> forest : forests.entrySet()) {
                treePredictions.put(forest.getKey().reportName(), forest.getValue().transform(testRows));
            }
            treePredictions.put(HYBRID.reportName(), HybridTraining.predict(biases, hybridTrees, testRows));
            errors.put(GLOBAL_MEAN.reportName(), RatingEvaluation.of(mean.predict(scoredTest), scoredCount));
            errors.put(BIASES.reportName(), RatingEvaluation.of(biases.predict(scoredTest), scoredCount));
            errors.put(ALS.reportName(), RatingEvaluation.of(als.predict(scoredTest), scoredCount));
            treePredictions.forEach((model, predicted) ->
                    errors.put(model, RatingEvaluation.of(predicted, scoredCount)));
            out.printf("  rating errors over %s in %.0f s%n", scoredSample.all()
                    ? String.format(Locale.ROOT, "every one of the %,d test rows", scoredCount)
                    : String.format(Locale.ROOT, "a seeded sample of %,d of the %,d test rows", scoredCount,
                            split.testCount()), (System.nanoTime() - started) / 1e9);
            Map<String, Double> rmseHalfWidths = new LinkedHashMap<>();
            errors.forEach((model, e) -> rmseHalfWidths.put(model, e.rmseHalfWidth95()));
            ScoredRows scoredRows = new ScoredRows(split.testCount(), scoredCount, maxScoredRows,
                    description.seed(), rmseHalfWidths);

            // Ranking through core's Ranker.
            Map<String, CandidateScorer> scorers = new LinkedHashMap<>();
            scorers.put(GLOBAL_MEAN.reportName(), Scorers.baseline(mean.toBaseline()));
            scorers.put(BIASES.reportName(), Scorers.baseline(biases.toBaseline()));
            scorers.put(ALS.reportName(), Scorers.als(als.userFactors(), als.movieFactors(), biases.toBaseline()));
            forests.forEach((model, forest) -> scorers.put(model.reportName(), Scorers.trees(
                    TreeEnsembleExporter.export(forest), model.representation().manifestName())));
            scorers.put(HYBRID.reportName(), Scorers.hybrid(new HybridModel(biases.toBaseline(),
                    TreeEnsembleExporter.export(hybridTrees))));
            scorers.put(NO_MODEL, Scorers.none());
            RankingBlend blend = description.rankingBlend();
            List<RankingSpec> specs = new ArrayList<>();
            errors.keySet().forEach(model -> specs.add(new RankingSpec(model, model, blend)));
            Map<String, String> rankingBaselines = new LinkedHashMap<>();
            String servingByRating = description.servingModel() + RATING_ONLY_SUFFIX;
            specs.add(new RankingSpec(POPULARITY_BY_COUNT.reportName(), NO_MODEL, RankingBlend.POPULARITY_BY_COUNT));
            rankingBaselines.put(POPULARITY_BY_COUNT.reportName(),
                    "most training ratings first (RankingBlend.POPULARITY_BY_COUNT)");
            specs.add(new RankingSpec(POPULARITY.reportName(), NO_MODEL, RankingBlend.POPULARITY));
            rankingBaselines.put(POPULARITY.reportName(),
                    "log count and damped mean, equal weights (RankingBlend.POPULARITY)");
            specs.add(new RankingSpec(servingByRating, description.servingModel(), RankingBlend.PREDICTED_RATING));
            rankingBaselines.put(servingByRating, "the serving model's predicted rating alone");
            Map<String, TopNModel> topNModels = new LinkedHashMap<>();
            List<TopNSpec> topNSpecs = new ArrayList<>();
            TopNModel served = null;
            try {
                if (TopNArtifacts.present(loaded)) {
                    served = TopNArtifacts.load(loaded, state, PublishedModels.ratingModel(loaded, state));
                    topNModels.put(SERVED_TOP_N, served);
                    // the single-source baselines rank every source's nominees, content's too, even when the
                    // served ranking does without content's
                    if (!served.contentNominates()) {
                        topNModels.put(ALL_SOURCES, served.withContentNominating(true));
                    }
                    // the baseline ranks by its table alone: no rating model, so no feature encoder to build
                    topNModels.put(ITEM_KNN.reportName(), new TopNModel(state, TopNArtifacts.itemKnn(loaded),
                            null, null, RerankWeights.ITEM_ITEM_ONLY, served.poolPerSource()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read model version " + version + " as the service does", e);
            }
            // the pool every source nominates: the single-source baselines rank it, and the rating models rank
            // within it
            String baselinePool = null;
            if (served != null) {
                topNSpecs.add(new TopNSpec(TOP_N_SERVING.reportName(), SERVED_TOP_N, served.weights()));
                baselinePool = served.contentNominates() ? SERVED_TOP_N : ALL_SOURCES;
                rankingBaselines.put(TOP_N_SERVING.reportName(), "THE SERVED RANKING: the top-N re-ranker "
                        + served.weights() + " (item-item, ALS, content, popularity, rating, item-item × rating, liked,"
                        + " novelty weights, chosen on validation) over the candidates of EASE, implicit ALS, "
                        + (served.contentNominates() ? "content, " : "") + "popularity and liked EASE, computed by"
                        + " core's TopNModel"
                        + " from the published artifacts");
                topNSpecs.add(new TopNSpec(EASE.reportName(), baselinePool, RerankWeights.ITEM_ITEM_ONLY));
                rankingBaselines.put(EASE.reportName(), "EASE alone (λ " + parameters.get(EASE.parameter("lambda"))
                        + ", " + parameters.get(EASE.parameter("neighbours")) + " weights kept per "
                        + parameters.getOrDefault(EASE.parameter("kept_per"), "row") + ")");
                if (served.liked() != null) {
                    topNSpecs.add(new TopNSpec(EASE_LIKED.reportName(), baselinePool, RerankWeights.LIKED_ONLY));
                    rankingBaselines.put(EASE_LIKED.reportName(), "EASE on the liked ratings alone (λ "
                            + parameters.get(EASE_LIKED.parameter("lambda")) + "), scored from the user's liked"
                            + " movies");
                }
                topNSpecs.add(new TopNSpec(IMPLICIT_ALS.reportName(), baselinePool, RerankWeights.ALS_ONLY));
                rankingBaselines.put(IMPLICIT_ALS.reportName(), "implicit-feedback ALS alone, user factors folded in"
                        + " from the training ratings");
                topNSpecs.add(new TopNSpec(CONTENT.reportName(), baselinePool, RerankWeights.CONTENT_ONLY));
                rankingBaselines.put(CONTENT.reportName(), "embedding cosine to the user's profile vector alone");
                topNSpecs.add(new TopNSpec(ITEM_KNN.reportName(), ITEM_KNN.reportName(),
                        RerankWeights.ITEM_ITEM_ONLY));
                rankingBaselines.put(ITEM_KNN.reportName(), "item-kNN baseline: cosine on the binary rating matrix, "
                        + parameters.get(ITEM_KNN.parameter("neighbours")) + " neighbours per movie, summed");
            }
            HeldOutSample rankedTest = HeldOutSample.of(spark, split.test(),
                    new UserSample(maxRankedUsers, description.seed()));
            TopKResults ranked = TopKEvaluator.evaluate(spark, split.train(), rankedTest.rows(), state, scorers, specs,
                    topNModels, topNSpecs, baselinePool, MetricCurves.REPORT_MAX_K);
            out.printf("  rankings of %,d users%s in %.0f s%n", ranked.users(description.servingModel()),
                    rankedTest.rankedUsers() < rankedTest.testUsers() ? String.format(Locale.ROOT,
                            " (a seeded sample of %,d of the %,d test users)", rankedTest.rankedUsers(),
                            rankedTest.testUsers()) : "", (System.nanoTime() - started) / 1e9);

            // Similar movies: the lists GET /movies/{id}/similar would return, on the same test part.
            SimilarMoviesResults similar = served == null ? null : similarMovies(split, served,
                    topNModels.get(ITEM_KNN.reportName()).itemItem(), parameters, description.seed());

            // The report.
            Map<String, ModelMetrics> metrics = new LinkedHashMap<>();
            Map<String, MetricCurves> curves = new LinkedHashMap<>();
            int k = RankingMetric.HEADLINE_K;
            for (RankingSpec spec : specs) {
                curves.put(spec.name(), ranked.curves(spec.name()));
            }
            for (TopNSpec spec : topNSpecs) {
                curves.put(spec.name(), ranked.curves(spec.name()));
            }
            errors.forEach((model, e) -> {
                MetricCurves c = curves.get(model);
                metrics.put(model, new ModelMetrics(e.rmse(), e.mae(), e.fallbackRows(), e.count(),
                        c.at(RankingMetric.NDCG, k), c.at(RankingMetric.PRECISION, k), c.at(RankingMetric.RECALL, k),
                        c.at(RankingMetric.MAP, k), c.at(RankingMetric.COVERAGE, k)));
                out.printf("  %-17s RMSE %.4f  MAE %.4f  NDCG@10 %.4f  P@10 %.4f  R@10 %.4f  MAP@10 %.4f"
                                + "  coverage@10 %.4f  fallback rows %,d of %,d%n", model, e.rmse(), e.mae(),
                        c.at(RankingMetric.NDCG, k), c.at(RankingMetric.PRECISION, k), c.at(RankingMetric.RECALL, k),
                        c.at(RankingMetric.MAP, k), c.at(RankingMetric.COVERAGE, k), e.fallbackRows(), e.count());
            });
            rankingBaselines.keySet().forEach(name -> {
                MetricCurves c = curves.get(name);
                out.printf("  %-17s ranking only    NDCG@10 %.4f  P@10 %.4f  R@10 %.4f  MAP@10 %.4f"
                                + "  coverage@10 %.4f%n", name, c.at(RankingMetric.NDCG, k),
                        c.at(RankingMetric.PRECISION, k), c.at(RankingMetric.RECALL, k), c.at(RankingMetric.MAP, k),
                        c.at(RankingMetric.COVERAGE, k));
            });
            Map<String, Map<String, String>> modelParameters = modelParameters(parameters, errors.keySet());
            EvaluationReport report = new EvaluationReport(splitParameters.describe(), description.seed(),
                    description.servingModel(), version, clock.instant(), description.dataFingerprint(), metrics,
                    modelParameters, curves,
                    sample(treePredictions.get(description.servingModel()), scoredCount, description.seed()),
                    note(description, blend, served != null, scoredRows.sampled()), rankingBaselines, similar,
                    rankedUsers(ranked, curves.keySet(), rankedTest, description.seed()), scoredRows);
            String reportJson = new ReportWriter(storage.hadoop()).write(report, reportsDir(version));
            indexer.index(report);
            double popularityNdcg = curves.get(POPULARITY_BY_COUNT.reportName()).at(RankingMetric.NDCG, k);
            if (curves.containsKey(TOP_N_SERVING.reportName())) {
                MetricCurves c = curves.get(TOP_N_SERVING.reportName());
                out.printf("  served ranking %s: NDCG@10 %.4f = %.2f × popularity by count, coverage@10 %.4f%n",
                        TOP_N_SERVING.reportName(), c.at(RankingMetric.NDCG, k),
                        c.at(RankingMetric.NDCG, k) / popularityNdcg,
                        c.at(RankingMetric.COVERAGE, k));
            }
            out.printf("evaluated version %s in %.0f s: serving %s RMSE %.4f, NDCG@10 %.4f with blend %s"
                            + " (popularity by count %.4f); summary in index %s%n", version,
                    (System.nanoTime() - started) / 1e9, description.servingModel(),
                    metrics.get(description.servingModel()).rmse(),
                    metrics.get(description.servingModel()).ndcgAt10(), blend,
                    popularityNdcg, indexer.index());
            return new Result(report, reportJson);
        } finally {
            if (testRows != null) {
                testRows.unpersist();
            }
            if (sampledTest != null) {
                sampledTest.unpersist();
            }
            split.unpersist();
        }
    }

    /** Measures the similar-movies lists on test, with the version's blend, and prints them. */
    private SimilarMoviesResults similarMovies(RatingSplit split, TopNModel served, ItemNeighbours itemKnn,
                                               Map<String, String> parameters, long seed) {
        long started = System.nanoTime();
        SimilarMoviesResults similar = SimilarEvaluation.evaluate(served, itemKnn,
                SimilarityBlend.fromParameters(parameters), TopNTraining.similarityProbes(split.train(), split.test(),
                        SimilarEvaluation.MAX_USERS, seed));
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  similar movies of %,d users%s,"
                        + " hit rate@%d / MRR@%d:", similar.users(),
                similar.sampled() ? " (a sample of " + similar.heldOutUsers() + ")" : "", similar.k(), similar.k()));
        similar.lists().forEach((name, m) -> line.append(String.format(Locale.ROOT, " %s %.4f / %.4f;", name,
                m.hitRate(), m.reciprocalRank())));
        out.println(line.append(String.format(Locale.ROOT, " in %.1f s", (System.nanoTime() - started) / 1e9)));
        return similar;
    }

    /** Where the report of {@code version} is written. */
    public String reportsDir(String version) {
        return storage.reportDir(version);
    }

    /** Where Spark loads {@code model} of the verified {@code loaded} from. */
    private String sparkModel(LoadedVersion loaded, ModelKind model) {
        try {
            return PublishedVersionReader.sparkModel(storage, loaded, model);
        } catch (ModelVersionException e) {
            throw new UncheckedIOException("cannot evaluate model version " + loaded.version() + ": "
                    + e.getMessage(), e);
        }
    }

    private static double number(Map<String, String> parameters, String key) {
        String value = parameters.get(key);
        if (value == null) {
            throw new IllegalArgumentException("the manifest has no parameter " + key);
        }
        return Double.parseDouble(value);
    }

    /** The manifest's flat {@code model.parameter} entries, grouped by model for the report. */
    private static Map<String, Map<String, String>> modelParameters(Map<String, String> flat,
                                                                     Iterable<String> models) {
        Map<String, Map<String, String>> grouped = new LinkedHashMap<>();
        for (String model : models) {
            Map<String, String> values = new LinkedHashMap<>();
            flat.forEach((key, value) -> {
                if (key.startsWith(model + ".")) {
                    values.put(key.substring(model.length() + 1), value);
                }
            });
            grouped.put(model, values);
        }
        return grouped;
    }

    /**
     * Adds {@code fallback}: true for rows whose movie has no training rating. The encoder still gives such rows
     * features (its defaults for an unrated movie), so the forest scores them, but from no evidence about the movie.
     */
    static Dataset<Row> markUnseenMovies(Dataset<Row> rows, Dataset<Row> train) {
        Dataset<Row> seen = train.select(col(MOVIE).as("_seen_movie")).distinct();
        return rows.join(seen, rows.col(MOVIE).equalTo(seen.col("_seen_movie")), "left")
                .withColumn(FALLBACK, col("_seen_movie").isNull())
                .drop("_seen_movie");
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

    private static String note(ModelDescription description, RankingBlend blend, boolean pooled, boolean sampled) {
        return "Every model is scored on " + (sampled ? "the same seeded sample of test rows" : "every test row")
                + "; the test part was not read in training. "
                + GLOBAL_MEAN.reportName() + ": the training mean. " + BIASES.reportName() + ": damped user and movie"
                + " biases, dampings tuned on validation. " + ALS.reportName() + ": Spark ALS, rank and regParam tuned"
                + " on validation; rows it cannot score (user or movie unseen in train) are predicted by the biases and"
                + " counted as fallback rows. " + FOREST_EMBEDDING.reportName() + " / " + FOREST_SPARSE.reportName()
                + ": random forests on the encoder's features, trees, depth, subsampling and features per split tuned"
                + " on validation; their fallback rows are test rows whose movie has no training rating, scored from"
                + " the encoder's defaults for an unrated movie. " + HYBRID.reportName() + ": the biases plus"
                + " gradient-boosted trees on their residual over the embedding features, iterations tuned on"
                + " validation; its fallback rows are those of the biases. " + description.servingModel()
                + " serves: the tree model with the"
                + " lowest VALIDATION RMSE. Rankings: core's Ranker over "
                + (pooled ? "each user's candidate pool, the movies the top-N sources (EASE, implicit ALS, content,"
                        + " popularity, liked EASE) nominate and the top-N rankings rank, as in the service"
                        : "every movie the user did not rate in train")
                + ", relevant = test rating >= 4; every model is ranked with the blend chosen on validation"
                + " (" + blend + ": rating, popularity, damped mean weights), the popularity rows without a model.";
    }
}
