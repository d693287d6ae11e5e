package recsys.offline.training;

import static recsys.offline.testing.TrainingInputSchemas.RATINGS;
import static recsys.offline.testing.TrainingInputSchemas.MOVIES;
import static recsys.offline.testing.TrainingInputSchemas.VECTORS;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.core.features.FeatureEncoder;
import recsys.core.features.MovieEntry;
import recsys.core.features.RatedMovie;
import recsys.core.features.SparseFeatures;
import recsys.core.features.UserProfile;
import recsys.offline.testing.MovieLensFixture;
import recsys.offline.testing.TestSpark;

/**
 * Features built by Spark ({@code local[2]}, shared test session) against the plain-Java {@link FeatureEncoder}:
 * the same doubles bit for bit; no test rating reaches any feature; how long the build takes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainingFeaturesTest {

    private static final long SEED = 42;
    private static final int DIMENSION = 384;

    private SparkSession spark;
    private List<Row> train;
    private List<Row> test;
    private Dataset<Row> movies;
    private Dataset<Row> vectors;

    @BeforeAll
    void data() {
        spark = TestSpark.session();
        MovieLensFixture fixture = new MovieLensFixture(SEED, 150, 80, 40);
        Random random = new Random(SEED);
        train = new ArrayList<>();
        test = new ArrayList<>();
        for (MovieLensFixture.FixtureRating r : fixture.expectedRatings().values()) {
            Row row = RowFactory.create(r.userId(), r.movieId(), r.rating(), r.timestamp());
            (random.nextDouble() < 0.8 ? train : test).add(row);
        }
        test.add(RowFactory.create("new-user", "1", 4.0, 1L));     // a user with no training ratings
        List<Row> movieRows = new ArrayList<>();
        List<Row> vectorRows = new ArrayList<>();
        for (MovieLensFixture.FixtureMovie m : fixture.movies) {
            int id = Integer.parseInt(m.id());
            movieRows.add(RowFactory.create(m.id(), id % 11 == 0 ? null : m.year(), m.genres(),
                    id % 3 == 0 ? List.of() : List.of("tag" + id % 17, "tag" + id % 5)));
            if (id % 13 != 0) {
                vectorRows.add(RowFactory.create(m.id(), unit(random)));
            }
        }
        movies = spark.createDataFrame(movieRows, MOVIES);
        vectors = spark.createDataFrame(vectorRows, VECTORS);
    }

    @Test
    void sparkFeaturesEqualThePlainJavaEncoder() {
        TrainingFeatures features = TrainingFeatures.fit(spark, ratings(train), movies, vectors);
        FeatureEncoder encoder = new FeatureEncoder(features.state());
        checkFittedOnTrainOnly(features);
        Map<String, List<RatedMovie>> histories = new HashMap<>();
        for (Row r : train) {
            histories.computeIfAbsent(r.getString(0), u -> new ArrayList<>())
                    .add(new RatedMovie(r.getString(1), r.getDouble(2)));
        }
        List<Row> trainRows = features.trainingRows(ratings(train)).collectAsList();
        List<Row> testRows = features.otherRows(ratings(train), ratings(test)).collectAsList();
        assertEquals(train.size(), trainRows.size());
        assertEquals(test.size(), testRows.size());
        for (Row row : trainRows) {
            UserProfile profile = encoder.profile(histories.get(row.getString(0)));
            double[] dense = encoder.embeddingFeaturesLeaveOneOut(profile, row.getString(1), row.getDouble(2));
            SparseFeatures sparse = encoder.sparseFeaturesLeaveOneOut(profile, row.getString(1), row.getDouble(2));
            assertSame(dense, sparse, row);
        }
        for (Row row : testRows) {
            List<RatedMovie> history = histories.get(row.getString(0));
            UserProfile profile = history == null ? UserProfile.empty(encoder.state()) : encoder.profile(history);
            assertSame(encoder.embeddingFeatures(profile, row.getString(1)),
                    encoder.sparseFeatures(profile, row.getString(1)), row);
        }
    }

    @Test
    void aRowSampleEncodesOnlyItsRowsEachExactlyAsAmongEveryRow() {
        TrainingFeatures features = TrainingFeatures.fit(spark, ratings(train), movies, vectors);
        Map<String, Row> every = new HashMap<>();
        for (Row row : features.trainingRows(ratings(train)).collectAsList()) {
            every.put(row.getString(0) + "/" + row.getString(1), row);
        }
        RowSample sample = RowSample.of(train.size() / 4, train.size(), SEED);
        List<Row> kept = features.trainingRows(ratings(train), sample).collectAsList();
        List<Row> keptOnOnePartition = features.trainingRows(spark.createDataFrame(train, RATINGS).coalesce(1), sample)
                .collectAsList();
        java.util.Set<String> keys = new java.util.TreeSet<>();
        for (Row row : kept) {
            String key = row.getString(0) + "/" + row.getString(1);
            assertTrue(keys.add(key), "each row once: " + key);
            Row full = every.get(key);
            assertEquals(full.getDouble(2), row.getDouble(2), key);
            assertEquals(full.get(3), row.get(3), "the embedding block of " + key + " as among every row");
            assertEquals(full.get(4), row.get(4), "the sparse block of " + key + " as among every row");
        }
        java.util.Set<String> keysOnOnePartition = new java.util.TreeSet<>();
        keptOnOnePartition.forEach(row -> keysOnOnePartition.add(row.getString(0) + "/" + row.getString(1)));
        assertEquals(keys, keysOnOnePartition, "the same pairs on any partitioning");
        double share = (double) kept.size() / train.size();
        assertTrue(Math.abs(share - 0.25) < 0.05, "about a quarter of " + train.size() + " rows, kept " + kept.size());
        List<Row> otherSeed = features.trainingRows(ratings(train), new RowSample(sample.fraction(), SEED + 1))
                .collectAsList();
        java.util.Set<String> otherKeys = new java.util.TreeSet<>();
        otherSeed.forEach(row -> otherKeys.add(row.getString(0) + "/" + row.getString(1)));
        assertNotEquals(keys, otherKeys, "another seed, another sample");
    }

    @Test
    void changingTestRatingsChangesNoFeature() {
        Map<String, Row> before = featuresByKey(test);
        List<Row> changed = new ArrayList<>();
        for (Row r : test) {
            changed.add(RowFactory.create(r.get(0), r.get(1), 5.5 - r.getDouble(2), r.get(3)));
        }
        Map<String, Row> after = featuresByKey(changed);
        assertEquals(before.keySet(), after.keySet());
        int testRows = 0;
        for (Map.Entry<String, Row> e : before.entrySet()) {
            Row a = e.getValue();
            Row b = after.get(e.getKey());
            assertEquals(a.get(3), b.get(3), e.getKey());
            assertEquals(a.get(4), b.get(4), e.getKey());
            if (e.getKey().startsWith("test/")) {
                testRows++;
                if (a.getDouble(2) != 2.75) {
                    assertNotEquals(a.getDouble(2), b.getDouble(2));
                }
            }
        }
        assertEquals(test.size(), testRows);
    }

    @Test
    void encodesEveryTrainAndTestRowOnce() {
        long start = System.nanoTime();
        TrainingFeatures features = TrainingFeatures.fit(spark, ratings(train), movies, vectors);
        long fitted = System.nanoTime();
        long rows = features.trainingRows(ratings(train)).count()
                + features.otherRows(ratings(train), ratings(test)).count();
        long built = System.nanoTime();
        System.out.printf("TrainingFeatures: fit %.2f s, %d rows encoded in %.2f s"
                        + " (%d embedding, %d sparse features)%n",
                (fitted - start) / 1e9, rows, (built - fitted) / 1e9,
                new FeatureEncoder(features.state()).embeddingFeatureNames().size(),
                new FeatureEncoder(features.state()).sparseFeatureNames().size());
        assertEquals(train.size() + test.size(), rows);
    }

    private void checkFittedOnTrainOnly(TrainingFeatures features) {
        double sum = 0;
        Map<String, long[]> counts = new HashMap<>();
        for (Row r : train) {
            sum += r.getDouble(2);
            counts.computeIfAbsent(r.getString(1), m -> new long[1])[0]++;
        }
        assertEquals(sum / train.size(), features.state().parameters().globalMean(), 1e-12);
        for (MovieEntry entry : features.state().movies().values()) {
            long[] count = counts.get(entry.movieId());
            assertEquals(count == null ? 0 : count[0], entry.ratingCount(), entry.movieId());
        }
        assertTrue(features.state().movies().values().stream().anyMatch(m -> m.year() == null));
        assertTrue(features.state().movies().values().stream().anyMatch(m -> m.vector() == null));
    }

    private Map<String, Row> featuresByKey(List<Row> testPart) {
        TrainingFeatures features = TrainingFeatures.fit(spark, ratings(train), movies, vectors);
        Map<String, Row> byKey = new HashMap<>();
        for (Row row : features.trainingRows(ratings(train)).collectAsList()) {
            byKey.put("train/" + row.getString(0) + "/" + row.getString(1), row);
        }
        for (Row row : features.otherRows(ratings(train), ratings(testPart)).collectAsList()) {
            byKey.put("test/" + row.getString(0) + "/" + row.getString(1), row);
        }
        return byKey;
    }

    private static void assertSame(double[] dense, SparseFeatures sparse, Row row) {
        String key = row.getString(0) + "/" + row.getString(1);
        assertArrayEquals(dense, ((DenseVector) row.get(3)).values(), 0, key);
        SparseVector actual = (SparseVector) row.get(4);
        assertEquals(sparse.size(), actual.size(), key);
        assertArrayEquals(sparse.indices(), actual.indices(), key);
        assertArrayEquals(sparse.values(), actual.values(), 0, key);
    }

    private Dataset<Row> ratings(List<Row> rows) {
        return spark.createDataFrame(rows, RATINGS).repartition(3);
    }

    private static List<Float> unit(Random random) {
        float[] v = new float[DIMENSION];
        double norm = 0;
        for (int d = 0; d < DIMENSION; d++) {
            v[d] = (float) random.nextGaussian();
            norm += (double) v[d] * v[d];
        }
        List<Float> list = new ArrayList<>(DIMENSION);
        for (float x : v) {
            list.add((float) (x / Math.sqrt(norm)));
        }
        return list;
    }
}
