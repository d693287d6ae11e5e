package recsys.offline.training;

import static recsys.offline.testing.TrainingInputSchemas.MOVIES;
import static recsys.offline.testing.TrainingInputSchemas.VECTORS;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.RandomForestRegressionModel;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import recsys.core.features.EncoderState;
import recsys.core.features.FeatureEncoder;
import recsys.core.features.RatedMovie;
import recsys.core.features.SparseFeatures;
import recsys.core.features.UserProfile;
import recsys.core.model.FeatureSchema;
import recsys.core.model.LoadedVersion;
import recsys.core.model.ModelArtifact;
import recsys.core.model.ModelStore;
import recsys.core.model.ModelVersions;
import recsys.core.model.TreeEnsemble;
import recsys.offline.models.ModelPublisher;
import recsys.offline.storage.StorageLayout;
import recsys.offline.testing.MovieLensFixture;
import recsys.offline.testing.TestSpark;

/**
 * A whole training run on a generated fixture (40 movies, 30 users × 20 ratings) written straight into a temporary
 * storage in the ingest's layout: the published version verifies and its serving forest predicts like Spark's, the
 * report has its keys, and a run that fails while exporting leaves CURRENT where it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainJobTest {

    private static final long SEED = 7;
    private static final int DIMENSION = 384;
    private static final String RUN = "20260101-000000-000-abcd";

    private Path root;
    private SparkSession spark;
    private StorageLayout layout;
    private MovieLensFixture fixture;
    private TrainReport first;
    private String firstOutput;

    @BeforeAll
    void ingestAndTrain(@TempDir Path storage) {
        root = storage;
        spark = TestSpark.session();
        layout = new StorageLayout(root.toUri(), spark.sparkContext().hadoopConfiguration());
        fixture = new MovieLensFixture(SEED, 40, 30, 20);
        writeIngest();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        first = job(new PrintStream(output, true, StandardCharsets.UTF_8), staging -> { })
                .run(new SplitStrategy.Random(SEED));
        firstOutput = output.toString(StandardCharsets.UTF_8);
    }

    @Test
    void publishesAVersionThatVerifiesAndServesLikeSpark() throws IOException {
        LoadedVersion loaded = ModelStore.current(root).orElseThrow();
        assertEquals(first.version(), loaded.version());
        assertEquals(first.servingModel(), loaded.manifest().description().servingModel());
        assertEquals(SEED, loaded.manifest().description().seed());
        assertTrue(loaded.manifest().description().metrics().keySet().containsAll(List.of(TrainJob.GLOBAL_MEAN,
                TrainJob.BIASES, TrainJob.ALS, TrainJob.FOREST_EMBEDDING, TrainJob.FOREST_SPARSE)));
        assertEquals(TrainJob.TREE_ENSEMBLE_PATH, loaded.manifest()
                .artifactsWithRole(ModelArtifact.ROLE_SERVING_TREE_ENSEMBLE).get(0).path());
        assertEquals(TrainJob.ENCODER_STATE_PATH, loaded.manifest()
                .artifactsWithRole(ModelArtifact.ROLE_ENCODER_STATE).get(0).path());
        assertTrue(firstOutput.contains("published model version " + first.version()), firstOutput);

        FeatureSchema schema = loaded.manifest().description().featureSchema();
        TreeEnsemble ensemble;
        try (InputStream in = Files.newInputStream(loaded.single(ModelArtifact.ROLE_SERVING_TREE_ENSEMBLE))) {
            ensemble = TreeEnsemble.read(in, schema.size());
        }
        EncoderState state;
        try (InputStream in = Files.newInputStream(loaded.single(ModelArtifact.ROLE_ENCODER_STATE))) {
            state = EncoderState.read(in);
        }
        RandomForestRegressionModel forest = RandomForestRegressionModel.load(
                loaded.single(ModelArtifact.ROLE_SPARK_NATIVE).toString());
        assertEquals(forest.numFeatures(), ensemble.numFeatures());

        // Every user × every movie, encoded as the online service would, scored by both forms of the forest.
        FeatureEncoder encoder = new FeatureEncoder(state);
        Map<String, List<RatedMovie>> histories = new HashMap<>();
        fixture.expectedRatings().values().forEach(r -> histories.computeIfAbsent(r.userId(), u -> new ArrayList<>())
                .add(new RatedMovie(r.movieId(), r.rating())));
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

    @Test
    void writesTheReportWithEveryModel() throws IOException {
        Path json = Path.of(URI.create(first.reportJson()));
        assertEquals(root.resolve("reports").resolve(first.version()).resolve("report.json").toRealPath(),
                json.toRealPath());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertTrue(report.get("split").asText().startsWith("random(seed=" + SEED + ")"), report.toString());
        assertEquals(SEED, report.get("seed").asLong());
        assertEquals(first.servingModel(), report.get("serving_model").asText());
        assertTrue(report.get("baselines").asText().contains("TEST RMSE"));
        for (String model : List.of(TrainJob.GLOBAL_MEAN, TrainJob.BIASES, TrainJob.ALS, TrainJob.FOREST_EMBEDDING,
                TrainJob.FOREST_SPARSE)) {
            JsonNode metrics = report.get("models").get(model);
            assertTrue(metrics.get("rmse").asDouble() > 0, model);
            assertTrue(metrics.get("mae").asDouble() > 0, model);
            assertEquals(first.models().get(model).testRows(), metrics.get("test_rows").asLong(), model);
            assertTrue(metrics.get("ndcg@10").isNull(), model);
        }
        // the serving forest is the better of the two forests on test, as the note says
        double embedding = first.models().get(TrainJob.FOREST_EMBEDDING).rmse();
        double sparse = first.models().get(TrainJob.FOREST_SPARSE).rmse();
        assertEquals(embedding <= sparse ? TrainJob.FOREST_EMBEDDING : TrainJob.FOREST_SPARSE, first.servingModel());
        // forests count the same fallback rows: test rows of movies unseen in train
        assertEquals(first.models().get(TrainJob.FOREST_EMBEDDING).fallbackRows(),
                first.models().get(TrainJob.FOREST_SPARSE).fallbackRows());
        assertTrue(first.summaryLine().contains(first.version()));
    }

    @Test
    void aRunThatFailsWhileExportingLeavesCurrentInPlace() throws IOException {
        String before = ModelStore.currentVersion(root).orElseThrow();
        TrainJob failing = job(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                staging -> staging.write("extra/broken.bin", "test", out -> {
                    out.write(1);
                    throw new IOException("disk full (injected)");
                }));
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
        try (Stream<Path> reports = Files.list(root.resolve("reports"))) {
            assertEquals(List.of(before), reports.map(p -> p.getFileName().toString()).toList());
        }
    }

    private TrainJob job(PrintStream out, java.util.function.Consumer<recsys.offline.models.VersionStaging> extra) {
        BaselineSettings baselines = new BaselineSettings(BaselineSettings.DEFAULT_SEED,
                BaselineSettings.DEFAULT_TEST_FRACTION, BaselineSettings.DEFAULT_VALIDATION_FRACTION, List.of(5.0),
                List.of(5), List.of(0.1), 5);
        return new TrainJob(spark, layout, new ModelPublisher(layout), baselines, new ForestSettings(5, 4, 0.8,
                "onethird"), Clock.systemUTC(), out, extra);
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
        layout.writeText(layout.dataset(RUN, "VECTORS"), "vectors-test\n");
        layout.markLatest(RUN);
    }
}
