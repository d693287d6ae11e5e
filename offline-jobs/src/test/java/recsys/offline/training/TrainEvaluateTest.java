package recsys.offline.training;

import static recsys.offline.testing.TrainingInputSchemas.MOVIES;
import static recsys.offline.testing.TrainingInputSchemas.VECTORS;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.ml.regression.RandomForestRegressionModel;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import recsys.core.features.EncoderState;
import recsys.core.features.MovieEntry;
import recsys.core.evaluation.Relevance;
import recsys.core.movielens.Rating;
import recsys.core.similar.CollaborativeSignal;
import recsys.core.similar.SimilarMovie;
import recsys.core.similar.SimilarMovies;
import recsys.core.similar.SimilaritySource;
import recsys.core.similar.SimilarityBlend;
import recsys.core.topn.RerankWeights;
import recsys.core.topn.TopNArtifacts;
import recsys.core.topn.TopNModel;
import recsys.core.features.FeatureEncoder;
import recsys.core.features.RatedMovie;
import recsys.core.features.SparseFeatures;
import recsys.core.features.UserProfile;
import recsys.core.model.BiasBaseline;
import recsys.core.model.BiasBaselineFormat;
import recsys.core.model.FeatureSchema;
import recsys.core.model.HybridModel;
import recsys.core.model.LoadedVersion;
import recsys.core.model.ModelArtifact;
import recsys.core.model.ModelChecksums;
import recsys.core.model.ModelKind;
import recsys.core.model.ModelManifest;
import recsys.core.model.ModelStore;
import recsys.core.model.ModelVersions;
import recsys.core.model.PublishedModels;
import recsys.core.model.TreeEnsemble;
import recsys.core.model.VersionLayout;
import recsys.core.index.IndexNames;
import recsys.core.ranking.BlendSearch;
import recsys.core.ranking.Candidate;
import recsys.core.ranking.Ranker;
import recsys.core.ranking.RankingBlend;
import recsys.offline.config.ElasticsearchSettings;
import recsys.offline.evaluation.EvaluateJob;
import recsys.offline.evaluation.ScoredRows;
import recsys.offline.evaluation.MetricCurves;
import recsys.offline.evaluation.RankingMetric;
import recsys.offline.evaluation.ModelSummaryIndexer;
import recsys.offline.evaluation.ReportWriter;
import recsys.offline.index.ElasticsearchClients;
import recsys.offline.models.ModelPublisher;
import recsys.offline.ranking.CatalogueRanking;
import recsys.offline.ranking.RankingSpec;
import recsys.offline.ranking.Scorers;
import recsys.offline.testing.TestIndices;
import recsys.testing.LocalElasticsearch;
import recsys.offline.storage.StorageLayout;
import recsys.offline.testing.MovieLensFixture;
import recsys.offline.testing.TestSpark;

/**
 * Train then evaluate on a generated fixture (40 movies, 30 users × 20 ratings) written straight into a temporary
 * storage in the ingest's layout, as {@code recsys train} and {@code recsys evaluate} run them: the published
 * version verifies, its serving forest predicts like Spark's, its manifest carries the blend chosen on validation;
 * the evaluation writes report.json with every required key and the summary document into the real local
 * Elasticsearch; its top-10 lists are core's {@code Ranker.top}; a run that fails while exporting leaves CURRENT
 * where it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainEvaluateTest {

    private static final long SEED = 7;
    private static final int DIMENSION = 384;
    private static final String RUN = "20260101-000000-000-abcd";
    private static final List<String> MODELS = ModelKind.of(ModelKind.Family.RATING).stream()
            .map(ModelKind::reportName).toList();

    private Path root;
    private SparkSession spark;
    private StorageLayout layout;
    private MovieLensFixture fixture;
    /** Fewer than the fixture's validation users, so that the blend and top-N searches rank a sample. */
    private static final int MAX_VALIDATION_USERS = 20;
    /**
     * A curve from 100 rows, so that the fixture's few hundred tuning rows draw one, and fewer validation rows than
     * the fixture has, so that the tree models are scored on a sample of them.
     */
    private static final TreeRowBudget TREE_ROWS = new TreeRowBudget(100, 1_000_000, 0.001, 30);

    private final IndexNames names = new IndexNames("it-" + UUID.randomUUID().toString().substring(0, 8) + "-");
    private ElasticsearchClient client;
    private TrainReport first;
    private String firstOutput;
    private EvaluateJob.Result evaluation;
    /** Test rows scored at most in {@link #sampledEvaluation}: fewer than the fixture's test part has. */
    private static final long SCORED_ROWS = 40;
    /** The same version evaluated first with {@link #SCORED_ROWS}; {@link #evaluation} then replaced its files. */
    private EvaluateJob.Result sampledEvaluation;

    @BeforeAll
    void ingestTrainAndEvaluate(@TempDir Path storage) {
        root = storage;
        spark = TestSpark.session();
        layout = new StorageLayout(root.toUri(), spark.sparkContext().hadoopConfiguration());
        fixture = new MovieLensFixture(SEED, 40, 30, 20);
        writeIngest();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        first = job(new PrintStream(output, true, StandardCharsets.UTF_8), staging -> { })
                .run(new SplitStrategy.Random(SEED));
        URI url = URI.create(LocalElasticsearch.ensureRunning());
        client = ElasticsearchClients.create(new ElasticsearchSettings(url, null, null, null, 0, names));
        sampledEvaluation = new EvaluateJob(spark, layout, new ModelSummaryIndexer(client, names, 0),
                Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                EvaluateJob.DEFAULT_MAX_RANKED_USERS, SCORED_ROWS).run();
        evaluation = new EvaluateJob(spark, layout, new ModelSummaryIndexer(client, names, 0), Clock.systemUTC(),
                new PrintStream(output, true, StandardCharsets.UTF_8)).run();
        firstOutput = output.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    void cleanUp() throws IOException {
        if (client != null) {
            TestIndices.deleteAll(client, names);
            client._transport().close();
        }
    }

    /**
     * The tree models' rows: a learning curve from 100 rows (the fixture's tuning part has several hundred, so it is
     * drawn), every doubling up to the chosen size gaining the minimum and the next, if drawn, not; all in the
     * manifest.
     */
    @Test
    void theTreeModelsLearnFromAsManyRowsAsTheValidationLearningCurveChose() throws IOException {
        Map<String, String> parameters = ModelStore.current(root).orElseThrow().manifest().description().parameters();
        long chosen = Long.parseLong(parameters.get("training.tree_rows"));
        long available = Long.parseLong(parameters.get("training.tree_rows_available"));
        List<Long> rows = new java.util.ArrayList<>();
        List<Double> rmse = new java.util.ArrayList<>();
        for (String point : parameters.get("training.tree_rows_curve").split(";")) {
            String[] parts = point.split(":");
            rows.add(Long.parseLong(parts[0]));
            rmse.add(Double.parseDouble(parts[1]));
        }
        assertTrue(available > TREE_ROWS.startRows(), "the fixture draws a curve: " + available);
        assertTrue(rows.size() >= 2, parameters.get("training.tree_rows_curve"));
        int at = -1;
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                assertTrue(rows.get(i) > rows.get(i - 1), "sizes grow");
            }
            if (rows.get(i) == chosen) {
                at = i;
            }
        }
        assertTrue(at >= 0, "the chosen size is on the curve");
        for (int i = 1; i <= at; i++) {
            assertTrue(TREE_ROWS.gained(rmse.get(i - 1), rmse.get(i)));
        }
        if (at < rows.size() - 1) {
            assertEquals(at + 2, rows.size());
            assertFalse(TREE_ROWS.gained(rmse.get(at), rmse.get(at + 1)));
        } else {
            assertEquals(available, chosen, "no plateau: every row");
        }
        assertTrue(firstOutput.contains("tree models learn from"), firstOutput);
        long scored = Long.parseLong(parameters.get("training.tree_validation_rows"));
        long validation = Long.parseLong(parameters.get("training.tree_validation_rows_available"));
        assertTrue(validation > TREE_ROWS.maxValidationRows(), "the fixture's validation rows are sampled: "
                + validation);
        assertTrue(scored > 0 && scored < validation, scored + " of " + validation);
        assertTrue(firstOutput.contains(String.format("scored on %,d of %,d validation rows", scored, validation)),
                firstOutput);
    }

    /** The blend search ranks the same capped sample of validation users the top-N search does, and says how many. */
    @Test
    void theBlendSearchRanksTheCappedSampleOfValidationUsers() throws IOException {
        Map<String, String> parameters = ModelStore.current(root).orElseThrow().manifest().description().parameters();
        assertEquals(Integer.toString(MAX_VALIDATION_USERS), parameters.get("ranking.validation_users"),
                parameters.toString());
        assertTrue(firstOutput.contains("over " + MAX_VALIDATION_USERS + " of "), firstOutput);
    }

    @Test
    void publishesAVersionThatVerifiesAndServesLikeSpark() throws IOException {
        LoadedVersion loaded = ModelStore.current(root).orElseThrow();
        assertEquals(first.version(), loaded.version());
        assertEquals(first.servingModel(), loaded.manifest().description().servingModel());
        assertEquals(SEED, loaded.manifest().description().seed());
        assertTrue(loaded.manifest().description().metrics().keySet().containsAll(MODELS));
        assertEquals(first.blend(), loaded.manifest().description().rankingBlend());
        assertTrue(BlendSearch.DEFAULT_GRID.contains(first.blend()));
        // the serving model is the best tree model on VALIDATION
        String best = ModelKind.servable().stream().map(ModelKind::reportName)
                .min(java.util.Comparator.comparingDouble(model -> first.validation().get(model).rmse()))
                .orElseThrow();
        assertEquals(best, first.servingModel());
        assertTrue(firstOutput.contains("published model version " + first.version()), firstOutput);

        FeatureSchema schema = loaded.manifest().description().featureSchema();
        TreeEnsemble ensemble;
        try (InputStream in = Files.newInputStream(loaded.path(VersionLayout.TREE_ENSEMBLE))) {
            ensemble = TreeEnsemble.read(in, schema.size());
        }
        EncoderState state;
        try (InputStream in = Files.newInputStream(loaded.path(VersionLayout.ENCODER_STATE))) {
            state = EncoderState.read(in);
        }
        BiasBaseline biases;
        try (InputStream in = Files.newInputStream(loaded.path(VersionLayout.BIASES))) {
            biases = BiasBaselineFormat.read(in);
        }
        FeatureEncoder encoder = new FeatureEncoder(state);
        Map<String, List<RatedMovie>> histories = new HashMap<>();
        fixture.expectedRatings().values().forEach(r -> histories.computeIfAbsent(r.userId(), u -> new ArrayList<>())
                .add(new RatedMovie(r.movieId(), r.rating())));
        assertHybridPredictsWhatSparkPredicts(loaded, biases, encoder, histories,
                ModelKind.HYBRID.is(first.servingModel()) ? ensemble : null);
        if (ModelKind.HYBRID.is(first.servingModel())) {
            return;
        }
        RandomForestRegressionModel forest = RandomForestRegressionModel.load(
                loaded.sparkModel(ModelKind.fromReportName(first.servingModel())).toString());
        assertEquals(forest.numFeatures(), ensemble.numFeatures());

        // Every user × every movie, encoded as the online service would, scored by both forms of the forest.
        int compared = 0;
        for (List<RatedMovie> history : histories.values()) {
            UserProfile profile = encoder.profile(history);
            for (MovieLensFixture.FixtureMovie movie : fixture.movies) {
                if (FeatureSchema.DENSE.equals(schema.representation())) {
                    double[] x = encoder.embeddingFeatures(profile, movie.id());
                    assertEquals(forest.predict(Vectors.dense(x)), ensemble.predict(x), 1e-9);
                } else {
                    SparseFeatures x = encoder.sparseFeatures(profile, movie.id());
                    assertEquals(forest.predict(Vectors.sparse(x.size(), x.indices(), x.values())),
                            ensemble.predict(x.indices(), x.values(), x.size()), 1e-9);
                }
                compared++;
            }
        }
        assertEquals(30 * 40, compared);
    }

    /** What the train job publishes is laid out as core's VersionLayout says, slot for slot, and nothing else. */
    @Test
    void everyPathOfThePublishedVersionIsASlotOfTheLayout() throws IOException {
        LoadedVersion loaded = ModelStore.current(root).orElseThrow();
        Set<VersionLayout.Slot> filled = new HashSet<>();
        for (ModelArtifact artifact : loaded.manifest().artifacts()) {
            VersionLayout.Slot slot = VersionLayout.at(artifact.path()).orElseThrow(
                    () -> new AssertionError(artifact.path() + " is no slot of the layout"));
            assertTrue(slot.holds(artifact), artifact + " is not what the layout puts at " + slot);
            filled.add(slot);
        }
        assertEquals(Set.copyOf(VersionLayout.slots()), filled);
        try (Stream<Path> files = Files.walk(loaded.directory())) {
            // Hadoop's local file system writes a .<name>.crc beside every file; no reader looks at them
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(file -> !ModelChecksums.isChecksumSidecar(file.getFileName().toString())).toList()) {
                String path = loaded.directory().relativize(file).toString().replace(file.getFileSystem()
                        .getSeparator(), "/");
                assertTrue(path.equals(VersionLayout.MANIFEST) || filled.stream().anyMatch(slot ->
                        slot.path().equals(path) || slot.path().startsWith(path + "/")
                                || path.startsWith(slot.path() + "/")), path + " is outside every slot");
            }
        }
    }

    /**
     * A version whose Spark-native folder changed after it was published is refused before Spark loads anything of
     * it: the change keeps the folder loadable (a digit of the metadata's timestamp), so only the checksum tells.
     */
    @Test
    void evaluateRefusesAVersionWhoseSparkModelWasTamperedWith() throws IOException {
        LoadedVersion published = ModelStore.current(root).orElseThrow();
        String version = published.version() + "-tampered";
        Path copy = root.resolve(ModelVersions.MODELS_DIR).resolve(version);
        try {
            try (Stream<Path> files = Files.walk(published.directory())) {
                for (Path file : files.toList()) {
                    Path target = copy.resolve(published.directory().relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else if (!ModelChecksums.isChecksumSidecar(file.getFileName().toString())) {
                        Files.copy(file, target);   // without Hadoop's sidecars, which would catch the change
                    }
                }
            }
            ModelManifest manifest = published.manifest();
            Files.write(copy.resolve(VersionLayout.MANIFEST), new ModelManifest(manifest.formatVersion(), version,
                    manifest.createdAt(), manifest.description(), manifest.artifacts()).toJson());
            assertEquals(version, ModelStore.load(root, version).version());   // the copy itself verifies

            Path metadata = copy.resolve(VersionLayout.sparkModel(ModelKind.FOREST_EMBEDDING).path())
                    .resolve("metadata/part-00000");
            String json = Files.readString(metadata, StandardCharsets.UTF_8);
            int digit = json.indexOf("\"timestamp\":") + "\"timestamp\":".length();
            char changed = json.charAt(digit) == '9' ? '8' : (char) (json.charAt(digit) + 1);
            Files.writeString(metadata, json.substring(0, digit) + changed + json.substring(digit + 1),
                    StandardCharsets.UTF_8);

            EvaluateJob job = new EvaluateJob(spark, layout, new ModelSummaryIndexer(client, names, 0),
                    Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            UncheckedIOException error = assertThrows(UncheckedIOException.class, () -> job.run(version));
            String message = error.getMessage();
            assertTrue(message.startsWith("cannot evaluate model version " + version)
                    && message.contains("spark/forest_embedding") && message.contains("checksum mismatch"), message);
            assertFalse(Files.exists(Path.of(URI.create(job.reportsDir(version)))), "a report was written");
        } finally {
            // the other tests see the storage as the train job left it
            try (Stream<Path> files = Files.walk(copy)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /**
     * The hybrid as core scores it (the version's biases and its trees exported to core) against Spark's
     * prediction of the same rows through {@link HybridTraining#predict} (what evaluate runs), every user × every
     * movie; {@code served}, when the hybrid serves, is the version's serving ensemble, which must be those trees.
     */
    private void assertHybridPredictsWhatSparkPredicts(LoadedVersion loaded, BiasBaseline biases,
                                                       FeatureEncoder encoder,
                                                       Map<String, List<RatedMovie>> histories,
                                                       TreeEnsemble served) throws IOException {
        GBTRegressionModel trees = GBTRegressionModel.load(loaded.sparkModel(ModelKind.HYBRID).toString());
        HybridModel hybrid = new HybridModel(biases, TreeEnsembleExporter.export(trees));
        if (served != null) {
            assertEquals(hybrid.residual(), served);
        }
        List<Row> rows = new ArrayList<>();
        Map<String, Double> core = new HashMap<>();
        histories.forEach((user, history) -> {
            UserProfile profile = encoder.profile(history);
            for (MovieLensFixture.FixtureMovie movie : fixture.movies) {
                double[] x = encoder.embeddingFeatures(profile, movie.id());
                rows.add(RowFactory.create(user, movie.id(), 3.0, Vectors.dense(x)));
                core.put(user + "/" + movie.id(), hybrid.predict(biases.userBias(user), movie.id(), x));
            }
        });
        StructType schema = new StructType().add(RatingColumns.USER, DataTypes.StringType)
                .add(RatingColumns.MOVIE, DataTypes.StringType).add(RatingColumns.RATING, DataTypes.DoubleType)
                .add(TrainingFeatures.EMBEDDING_FEATURES, org.apache.spark.ml.linalg.SQLDataTypes.VectorType());
        List<Row> predicted = HybridTraining.predict(BiasModel.of(biases), trees, spark.createDataFrame(rows, schema))
                .select(RatingColumns.USER, RatingColumns.MOVIE, RatingColumns.PREDICTION).collectAsList();
        assertEquals(30 * 40, predicted.size());
        for (Row row : predicted) {
            double expected = row.getDouble(2);
            assertEquals(expected, core.get(row.getString(0) + "/" + row.getString(1)), 1e-9, row.toString());
        }
    }

    @Test
    void evaluateWritesTheReportWithEveryRequiredKeyAndTheModelsDocument() throws IOException {
        Path json = Path.of(URI.create(evaluation.reportJson()));
        assertEquals(root.resolve("reports").resolve(first.version()).resolve("report.json").toRealPath(),
                json.toRealPath());
        for (String file : ReportWriter.FILES) {
            assertTrue(Files.size(json.resolveSibling(file)) > 0, file);
        }
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertTrue(report.get("split").asText().startsWith("random(seed=" + SEED + ")"), report.toString());
        assertEquals(SEED, report.get("seed").asLong());
        assertEquals(first.servingModel(), report.get("serving_model").asText());
        for (String model : MODELS) {
            JsonNode metrics = report.get("models").get(model);
            for (String key : List.of("rmse", "mae", "ndcg@10", "precision@10", "recall@10", "map@10",
                    "coverage@10")) {
                assertTrue(metrics.get(key).isNumber(), model + " " + key);
                assertTrue(metrics.get(key).asDouble() >= 0, model + " " + key);
            }
            assertTrue(metrics.get("rmse").asDouble() > 0, model);
            assertEquals(evaluation.report().models().get(model).testRows(), metrics.get("test_rows").asLong());
            assertEquals(20, report.get("curves").get(model).get("ndcg").size(), model);
        }
        for (String baseline : List.of(ModelKind.POPULARITY_BY_COUNT.reportName(), ModelKind.POPULARITY.reportName())) {
            assertTrue(report.get("ranking_baselines").get(baseline).get("ndcg@10").isNumber(), baseline);
        }
        // every model scores every test row; forests count the same fallback rows (movies unseen in train)
        long testRows = evaluation.report().models().get(ModelKind.GLOBAL_MEAN.reportName()).testRows();
        MODELS.forEach(model -> assertEquals(testRows, evaluation.report().models().get(model).testRows()));
        assertEquals(evaluation.report().models().get(ModelKind.FOREST_EMBEDDING.reportName()).fallbackRows(),
                evaluation.report().models().get(ModelKind.FOREST_SPARSE.reportName()).fallbackRows());
        assertTrue(firstOutput.strip().endsWith("summary in index " + names.prefix() + "models"), firstOutput);

        GetResponse<ObjectNode> document = client.get(g -> g.index(names.prefix() + "models").id(first.version()),
                ObjectNode.class);
        assertTrue(document.found());
        ObjectNode source = document.source();
        assertEquals(first.version(), source.get("version").asText());
        assertEquals("ingest run " + RUN, source.get("data_fingerprint").asText());
        assertTrue(source.get("split").asText().startsWith("random"));
        assertTrue(source.hasNonNull("created_at"));
        assertTrue(source.get("parameters").has(ModelKind.FOREST_EMBEDDING.reportName()));
        assertEquals(report.get("models").get(first.servingModel()).get("ndcg@10").asDouble(),
                source.get("metrics").get(first.servingModel()).get("ndcg@10").asDouble(), 1e-12);
    }

    /**
     * The similar-movies figures of report.json against an independent computation on the fixture: the split rebuilt
     * from the manifest, each test user's query and relevant movies picked by hand, the lists taken from core's
     * SimilarMovies as the service would (popularity sorted by hand), hit and reciprocal rank counted here.
     */
    @Test
    void evaluateReportsTheSimilarMoviesFiguresOfAnIndependentComputation() throws IOException {
        LoadedVersion loaded = ModelStore.current(root).orElseThrow();
        Map<String, String> parameters = loaded.manifest().description().parameters();
        SimilarityBlend blend = SimilarityBlend.fromParameters(parameters);
        assertTrue(parameters.containsKey(SimilarityBlend.PARAMETER), parameters.toString());
        double chosenHitRate = Double.parseDouble(parameters.get("similar.validation_hit_rate@10.blend_"
                + blend.collaborative()));
        for (double w = 0; w <= 1.0001; w += 0.1) {
            double weight = Math.round(w * 10) / 10.0;
            assertTrue(Double.parseDouble(parameters.get("similar.validation_hit_rate@10.blend_" + weight))
                    <= chosenHitRate, "the chosen weight has the best validation hit rate: " + weight);
        }
        EncoderState state;
        try (InputStream in = Files.newInputStream(loaded.path(VersionLayout.ENCODER_STATE))) {
            state = EncoderState.read(in);
        }
        TopNModel served = TopNArtifacts.load(loaded, state, null);
        SimilarMovies similar = new SimilarMovies(served.prepared());
        SimilarMovies knn = new SimilarMovies(new TopNModel(state, TopNArtifacts.itemKnn(loaded), null, null,
                RerankWeights.ITEM_ITEM_ONLY, 10).prepared(), CollaborativeSignal.ROW);

        RatingSplit split = SplitParameters.fromMap(parameters).split(spark,
                TrainingInputs.read(spark, layout, RUN).ratings());
        Map<String, List<Rating>> training = new HashMap<>();
        for (Row row : split.train().select("user_id", "movie_id", "rating", "timestamp").collectAsList()) {
            training.computeIfAbsent(row.getString(0), u -> new ArrayList<>())
                    .add(new Rating(row.getString(0), row.getString(1), row.getDouble(2), row.getLong(3)));
        }
        Map<String, Set<String>> likedTest = new HashMap<>();
        for (Row row : split.test().select("user_id", "movie_id", "rating").collectAsList()) {
            if (row.getDouble(2) >= 4) {
                likedTest.computeIfAbsent(row.getString(0), u -> new HashSet<>()).add(row.getString(1));
            }
        }
        List<String> names = List.of("collaborative", "content", "blend", "popularity", "item_knn");
        double[] hits = new double[names.size()];
        double[] reciprocalRanks = new double[names.size()];
        int users = 0;
        for (Map.Entry<String, Set<String>> user : likedTest.entrySet()) {
            List<Rating> history = training.getOrDefault(user.getKey(), List.of());
            Rating query = null;
            for (Rating r : history) {
                if (r.rating() >= 4 && (query == null || r.timestamp() > query.timestamp()
                        || (r.timestamp() == query.timestamp() && (r.rating() > query.rating()
                        || (r.rating() == query.rating() && r.movieId().compareTo(query.movieId()) < 0))))) {
                    query = r;
                }
            }
            if (query == null) {
                continue;
            }
            users++;
            Set<String> rated = new HashSet<>();
            history.forEach(r -> rated.add(r.movieId()));
            List<List<String>> lists = new ArrayList<>();
            for (double[] scores : List.of(similar.scores(query.movieId(), SimilaritySource.COLLABORATIVE, blend),
                    similar.scores(query.movieId(), SimilaritySource.CONTENT, blend),
                    similar.scores(query.movieId(), SimilaritySource.BLEND, blend))) {
                lists.add(ids(similar.top(scores, 0, 10, i -> !rated.contains(similar.catalogue().id(i)))));
            }
            lists.add(state.movies().values().stream().filter(m -> !rated.contains(m.movieId()))
                    .sorted(java.util.Comparator.comparingLong((MovieEntry m) -> -m.ratingCount())
                            .thenComparing(MovieEntry::movieId))
                    .limit(10).map(MovieEntry::movieId).toList());
            lists.add(ids(knn.top(knn.scores(query.movieId(), SimilaritySource.COLLABORATIVE, blend), 0, 10,
                    i -> !rated.contains(knn.catalogue().id(i)))));
            for (int l = 0; l < lists.size(); l++) {
                for (int rank = 0; rank < lists.get(l).size(); rank++) {
                    if (user.getValue().contains(lists.get(l).get(rank))) {
                        hits[l]++;
                        reciprocalRanks[l] += 1.0 / (rank + 1);
                        break;
                    }
                }
            }
        }
        assertTrue(users >= 10, "the fixture has enough users to measure: " + users);

        JsonNode section = new ObjectMapper().readTree(Path.of(URI.create(evaluation.reportJson())).toFile())
                .get("similar_movies");
        assertEquals(users, section.get("users").asInt());
        assertEquals(likedTest.size(), section.get("held_out_users").asInt());
        assertFalse(section.get("sampled").asBoolean());
        assertEquals(blend.collaborative(), section.get("collaborative_weight").asDouble());
        assertEquals(names, fieldNames(section.get("lists")));
        for (int l = 0; l < names.size(); l++) {
            JsonNode list = section.get("lists").get(names.get(l));
            assertEquals(hits[l] / users, list.get("hit_rate@10").asDouble(), 1e-12, names.get(l));
            assertEquals(reciprocalRanks[l] / users, list.get("mrr@10").asDouble(), 1e-12, names.get(l));
        }
        assertTrue(Files.size(Path.of(URI.create(evaluation.reportJson())).resolveSibling(
                ReportWriter.SIMILAR_MOVIES_PNG)) > 0);
        assertTrue(firstOutput.contains("similar movies: blend "), firstOutput);
    }

    /**
     * report.json's RMSE, MAE, NDCG@k and coverage@k (k = 1 … 20) of the global mean and the damped biases, and the
     * NDCG@k and coverage@k of both popularity baselines, against {@link IndependentEvaluation}: the same split's
     * rows (rebuilt from the manifest as the job does), every prediction, ranking and metric recomputed in this test
     * from the definitions; the manifest gives the dampings and the blend, the encoder state its movie damping.
     */
    @Test
    void evaluateReportsTheRatingAndRankingFiguresOfAnIndependentComputation() throws IOException {
        LoadedVersion loaded = ModelStore.current(root).orElseThrow();
        Map<String, String> parameters = loaded.manifest().description().parameters();
        RankingBlend blend = loaded.manifest().description().rankingBlend();
        EncoderState state;
        try (InputStream in = Files.newInputStream(loaded.path(VersionLayout.ENCODER_STATE))) {
            state = EncoderState.read(in);
        }
        RatingSplit split = SplitParameters.fromMap(parameters).split(spark,
                TrainingInputs.read(spark, layout, RUN).ratings());
        Set<String> movies = new HashSet<>();
        fixture.movies.forEach(movie -> movies.add(movie.id()));
        IndependentEvaluation independent = new IndependentEvaluation(rated(split.train()), rated(split.test()),
                movies, Rating.MIN, Rating.MAX, Relevance.DEFAULT_THRESHOLD);
        assertTrue(independent.usersWithRelevantMovies() >= 10, "users to measure: "
                + independent.usersWithRelevantMovies());
        double movieDamping = state.parameters().movieDamping();
        // the candidate pools are given, like the split: every top-N source's nominees (core's TopNModel, tested
        // against a brute force in TopNModelTest), from the published tables and each user's training ratings; on
        // this small catalogue they hold nearly every unrated movie (CatalogueRankingTest restricts with small ones)
        TopNModel.Prepared sources = TopNArtifacts.load(loaded, state, PublishedModels.ratingModel(loaded, state))
                .withContentNominating(true).prepared();
        Map<String, List<RatedMovie>> histories = new HashMap<>();
        for (IndependentEvaluation.Rated r : rated(split.train())) {
            histories.computeIfAbsent(r.user(), u -> new ArrayList<>()).add(new RatedMovie(r.movie(), r.rating()));
        }
        Map<String, Set<String>> pools = new HashMap<>();
        for (IndependentEvaluation.Rated r : rated(split.test())) {
            pools.computeIfAbsent(r.user(), user -> new HashSet<>(sources.candidates(
                    histories.getOrDefault(user, List.of()), Set.of(), Map.of(), false).ids()));
        }

        JsonNode report = new ObjectMapper().readTree(Path.of(URI.create(evaluation.reportJson())).toFile());
        int maxK = report.get("curves").get(ModelKind.GLOBAL_MEAN.reportName()).get("k").size();
        assertEquals(MetricCurves.REPORT_MAX_K, maxK);
        Map<String, IndependentEvaluation.Predictor> models = Map.of(
                ModelKind.GLOBAL_MEAN.reportName(), independent.globalMean(),
                ModelKind.BIASES.reportName(), independent.biases(Double.parseDouble(parameters.get(ModelKind.BIASES.parameter("user_damping"))),
                        Double.parseDouble(parameters.get(ModelKind.BIASES.parameter("item_damping")))));
        Map<String, Map<String, List<String>>> lists = new HashMap<>();
        models.forEach((name, model) -> {
            JsonNode figures = report.get("models").get(name);
            assertEquals(split.testCount(), figures.get("test_rows").asLong(), name);
            assertEquals(independent.rmse(model), figures.get("rmse").asDouble(), 1e-9, name + " rmse");
            assertEquals(independent.mae(model), figures.get("mae").asDouble(), 1e-9, name + " mae");
            lists.put(name, independent.topK(model, blend.ratingWeight(), blend.popularityWeight(), blend.meanWeight(),
                    movieDamping, pools, maxK));
            assertRankingFigures(name, independent, lists.get(name), figures, report.get("curves").get(name));
        });
        for (Map.Entry<String, RankingBlend> baseline : Map.of(ModelKind.POPULARITY_BY_COUNT.reportName(),
                RankingBlend.POPULARITY_BY_COUNT, ModelKind.POPULARITY.reportName(), RankingBlend.POPULARITY).entrySet()) {
            RankingBlend weights = baseline.getValue();
            lists.put(baseline.getKey(), independent.topK(null, weights.ratingWeight(), weights.popularityWeight(),
                    weights.meanWeight(), movieDamping, pools, maxK));
            assertRankingFigures(baseline.getKey(), independent, lists.get(baseline.getKey()),
                    report.get("ranking_baselines").get(baseline.getKey()), report.get("curves").get(baseline.getKey()));
        }
        // the check has teeth: the rankings differ, so a mixed-up name or blend would not pass
        assertFalse(lists.get(ModelKind.POPULARITY_BY_COUNT.reportName()).equals(lists.get(ModelKind.POPULARITY.reportName())));
        assertTrue(independent.rmse(models.get(ModelKind.BIASES.reportName())) != independent.rmse(models.get(ModelKind.GLOBAL_MEAN.reportName())));
    }

    private static void assertRankingFigures(String name, IndependentEvaluation independent,
                                             Map<String, List<String>> lists, JsonNode headline, JsonNode curves) {
        int headlineK = RankingMetric.HEADLINE_K;
        assertEquals(independent.ndcg(lists, headlineK), headline.get("ndcg@" + headlineK).asDouble(), 1e-12,
                name + " ndcg@" + headlineK);
        assertEquals(independent.coverage(lists, headlineK), headline.get("coverage@" + headlineK).asDouble(), 1e-12,
                name + " coverage@" + headlineK);
        for (int k = 1; k <= curves.get("k").size(); k++) {
            assertEquals(independent.ndcg(lists, k), curves.get("ndcg").get(k - 1).asDouble(), 1e-12, name + " ndcg@" + k);
            assertEquals(independent.coverage(lists, k), curves.get("coverage").get(k - 1).asDouble(), 1e-12,
                    name + " coverage@" + k);
        }
    }

    private static List<IndependentEvaluation.Rated> rated(org.apache.spark.sql.Dataset<Row> ratings) {
        List<IndependentEvaluation.Rated> rated = new ArrayList<>();
        for (Row row : ratings.select("user_id", "movie_id", "rating").collectAsList()) {
            rated.add(new IndependentEvaluation.Rated(row.getString(0), row.getString(1), row.getDouble(2)));
        }
        return rated;
    }

    private static List<String> ids(List<SimilarMovie> movies) {
        return movies.stream().map(SimilarMovie::movieId).toList();
    }

    /** A JSON object's field names, in order. */
    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * Over its cap the evaluation scores every model on one seeded sample of test rows: the rows of the split's test
     * part the pair sample keeps, on which the rating errors and their half-widths equal a computation by hand.
     */
    @Test
    void evaluateScoresEveryModelOnTheSameSeededSampleOfTestRowsBeyondItsCap() throws IOException {
        LoadedVersion loaded = ModelStore.current(root).orElseThrow();
        Map<String, String> parameters = loaded.manifest().description().parameters();
        RatingSplit split = SplitParameters.fromMap(parameters).split(spark,
                TrainingInputs.read(spark, layout, RUN).ratings());
        List<IndependentEvaluation.Rated> sample = rated(split.test().filter(
                RowSample.of(SCORED_ROWS, split.testCount(), SEED).keeps()));
        ScoredRows scored = sampledEvaluation.report().scoredRows();
        assertTrue(scored.sampled() && sample.size() > 2 && sample.size() < split.testCount(), scored.toString());
        assertEquals(split.testCount(), scored.testRows());
        assertEquals(sample.size(), scored.scoredRows());
        assertEquals(SEED, scored.seed());
        sampledEvaluation.report().models().forEach((model, metrics) ->
                assertEquals(sample.size(), metrics.testRows(), model));

        Set<String> movies = new HashSet<>();
        fixture.movies.forEach(movie -> movies.add(movie.id()));
        IndependentEvaluation independent = new IndependentEvaluation(rated(split.train()), sample, movies,
                Rating.MIN, Rating.MAX, Relevance.DEFAULT_THRESHOLD);
        Map<String, IndependentEvaluation.Predictor> models = Map.of(
                ModelKind.GLOBAL_MEAN.reportName(), independent.globalMean(),
                ModelKind.BIASES.reportName(), independent.biases(
                        Double.parseDouble(parameters.get(ModelKind.BIASES.parameter("user_damping"))),
                        Double.parseDouble(parameters.get(ModelKind.BIASES.parameter("item_damping")))));
        models.forEach((name, model) -> {
            assertEquals(independent.rmse(model), sampledEvaluation.report().models().get(name).rmse(), 1e-9, name);
            double[] squared = sample.stream().mapToDouble(r -> Math.pow(model.predict(r.user(), r.movie())
                    - r.rating(), 2)).toArray();
            double mean = java.util.Arrays.stream(squared).average().orElseThrow();
            double variance = java.util.Arrays.stream(squared).map(x -> (x - mean) * (x - mean)).sum()
                    / (squared.length - 1);
            assertEquals(1.96 * Math.sqrt(variance / squared.length) / (2 * Math.sqrt(mean)),
                    scored.rmseHalfWidths().get(name), 1e-9, name);
        });
        // under the cap every row is scored
        assertFalse(evaluation.report().scoredRows().sampled());
        assertEquals(split.testCount(), evaluation.report().scoredRows().scoredRows());
    }

    @Test
    void theEvaluationsTopTenIsCoreRankersTop() throws IOException {
        LoadedVersion loaded = ModelStore.current(root).orElseThrow();
        EncoderState state;
        try (InputStream in = Files.newInputStream(loaded.path(VersionLayout.ENCODER_STATE))) {
            state = EncoderState.read(in);
        }
        TreeEnsemble ensemble;
        try (InputStream in = Files.newInputStream(loaded.path(VersionLayout.TREE_ENSEMBLE))) {
            ensemble = TreeEnsemble.read(in);
        }
        RankingBlend blend = loaded.manifest().description().rankingBlend();
        String representation = loaded.manifest().description().featureSchema().representation();
        boolean hybridServes = ModelKind.HYBRID.is(loaded.manifest().description().servingModel());
        HybridModel hybrid = null;
        if (hybridServes) {
            try (InputStream in = Files.newInputStream(loaded.path(VersionLayout.BIASES))) {
                hybrid = new HybridModel(BiasBaselineFormat.read(in), ensemble);
            }
        }
        CatalogueRanking ranking = new CatalogueRanking(state, Map.of("m", hybridServes ? Scorers.hybrid(hybrid)
                : Scorers.trees(ensemble, representation)), List.of(new RankingSpec("m", "m", blend)), 10);

        // user 2's history (any train rows will do: the point is the ranking path, not the split)
        List<RatedMovie> history = fixture.expectedRatings().values().stream().filter(r -> r.userId().equals("2"))
                .limit(12).map(r -> new RatedMovie(r.movieId(), r.rating())).toList();
        FeatureEncoder encoder = new FeatureEncoder(state);
        UserProfile profile = encoder.profile(history);
        Set<String> rated = new HashSet<>();
        history.forEach(r -> rated.add(r.movieId()));
        long maxCount = state.movies().values().stream().mapToLong(m -> m.ratingCount()).max().orElse(0);
        List<Candidate> candidates = new ArrayList<>();
        for (String id : state.movies().keySet()) {
            double predicted = hybridServes
                    ? hybrid.predict(hybrid.biases().userBias("2"), id, encoder.embeddingFeatures(profile, id))
                    : "dense".equals(representation) ? ensemble.predict(encoder.embeddingFeatures(profile, id))
                    : predictSparse(ensemble, encoder.sparseFeatures(profile, id));
            var movie = state.movie(id);
            double dampedMean = (movie.ratingSum() + state.parameters().movieDamping() * state.parameters().globalMean())
                    / (movie.ratingCount() + state.parameters().movieDamping());
            candidates.add(new Candidate(id, predicted, movie.ratingCount(), dampedMean, List.of()));
        }
        List<String> expected = new Ranker(blend, maxCount).top(candidates, rated, 10);
        assertEquals(10, expected.size());
        assertEquals(expected, ranking.top("2", history).get("m"));
    }

    private static double predictSparse(TreeEnsemble ensemble, SparseFeatures x) {
        return ensemble.predict(x.indices(), x.values(), x.size());
    }

    @Test
    void aRunThatFailsWhileExportingLeavesCurrentInPlace() throws IOException {
        String before = ModelStore.currentVersion(root).orElseThrow();
        TrainJob failing = job(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                staging -> {
                    throw new UncheckedIOException(new IOException("disk full (injected)"));
                });
        RuntimeException error = assertThrows(RuntimeException.class,
                () -> failing.run(new SplitStrategy.PerUserTemporal()));   // the temporal path, up to the export
        assertTrue(String.valueOf(error.getCause()).contains("injected"), String.valueOf(error));

        assertEquals(before, ModelStore.currentVersion(root).orElseThrow());
        assertEquals(before, ModelStore.current(root).orElseThrow().version());
        try (Stream<Path> models = Files.list(root.resolve("models"))) {
            List<String> names = models.map(p -> p.getFileName().toString()).toList();
            assertFalse(names.stream().anyMatch(name -> name.contains(".tmp-")), names.toString());
            assertEquals(List.of(before), names.stream().filter(ModelVersions::isVersion).toList(), names.toString());
        }
    }

    private TrainJob job(PrintStream out, java.util.function.Consumer<recsys.offline.models.VersionStaging> extra) {
        BaselineSettings baselines = new BaselineSettings(BaselineSettings.DEFAULT_SEED,
                BaselineSettings.DEFAULT_TEST_FRACTION, BaselineSettings.DEFAULT_VALIDATION_FRACTION, List.of(5.0),
                List.of(5), List.of(0.1), 5, BaselineSettings.DEFAULT_ALS_TUNING_USERS);
        ForestGrid forests = new ForestGrid(List.of(3, 5), List.of(3, 4), List.of(0.8), List.of("onethird"));
        return new TrainJob(spark, layout, new ModelPublisher(layout), baselines, forests,
                new HybridSettings(6, 3, 0.3, 2), new TopNSettings(10_000, List.of(30.0, 100.0), List.of(50), List.of(30.0), 20,
                        List.of(new TopNSettings.AlsConfig(8, 0.05, 10)), 5, 50, MAX_VALIDATION_USERS, 0, false),
                TREE_ROWS,
                Clock.systemUTC(), out, extra);
    }

    /** The three Parquet datasets an ingest + embed leave behind, with the LATEST pointer and VECTORS name. */
    private void writeIngest() {
        Random random = new Random(SEED);
        List<Row> ratings = fixture.expectedRatings().values().stream()
                .map(r -> RowFactory.create(r.userId(), r.movieId(), r.rating(), r.timestamp())).toList();
        List<Row> movies = new ArrayList<>();
        List<Row> vectors = new ArrayList<>();
        for (MovieLensFixture.FixtureMovie m : fixture.movies) {
            int id = Integer.parseInt(m.id());
            movies.add(RowFactory.create(m.id(), m.year(), m.genres(),
                    id % 3 == 0 ? List.of() : List.of("tag" + id % 7)));
            if (id % 9 != 0) {
                float[] v = new float[DIMENSION];
                double norm = 0;
                for (int d = 0; d < DIMENSION; d++) {
                    v[d] = (float) random.nextGaussian();
                    norm += v[d] * v[d];
                }
                List<Float> vector = new ArrayList<>(DIMENSION);
                for (float x : v) {
                    vector.add((float) (x / Math.sqrt(norm)));
                }
                vectors.add(RowFactory.create(m.id(), vector));
            }
        }
        spark.createDataFrame(ratings, RatingSplit.SCHEMA).write().parquet(layout.dataset(RUN, "ratings"));
        spark.createDataFrame(movies, MOVIES).write().parquet(layout.dataset(RUN, "movies"));
        spark.createDataFrame(vectors, VECTORS).write().parquet(layout.dataset(RUN, "vectors-test"));
        layout.markVectors(RUN, "vectors-test");
        layout.markLatest(RUN);
    }
}
