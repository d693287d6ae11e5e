package recsys.offline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.offline.config.RecsysSettings;
import recsys.offline.index.ElasticsearchClients;
import recsys.offline.index.IndexLifecycle;
import recsys.offline.index.IndexWriter;
import recsys.offline.storage.StorageLayout;
import recsys.offline.testing.MovieLensFixture;
import recsys.offline.testing.MovieLensFixture.FixtureMovie;
import recsys.offline.testing.MovieLensFixture.FixtureRating;
import recsys.offline.testing.TestIndices;
import recsys.offline.testing.TestSpark;

/** The ingest job end to end: generated MovieLens files in, real Spark local[2] and the real local Elasticsearch. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestJobTest {

    private final MovieLensFixture fixture = new MovieLensFixture(42, 40, 25, 12);
    private final IndexNames names = new IndexNames("it-" + UUID.randomUUID().toString().substring(0, 8) + "-");

    @TempDir
    Path temp;

    private SparkSession spark;
    private ElasticsearchClient client;
    private IndexLifecycle lifecycle;

    @BeforeAll
    void start() {
        spark = TestSpark.session();
        RecsysSettings settings = TestSpark.settings(Path.of("target"), names);
        client = ElasticsearchClients.create(settings.elasticsearch());
        lifecycle = new IndexLifecycle(client, names, 0);
    }

    @AfterAll
    void cleanUp() throws IOException {
        TestIndices.deleteAll(client, names);
        client._transport().close();
    }

    private IngestJob job(Path storage) {
        return new IngestJob(spark, new StorageLayout(storage.toUri(), spark.sparkContext().hadoopConfiguration()),
                lifecycle, new IndexWriter(lifecycle), Clock.systemUTC(), System.out);
    }

    private Path write(String format, Function<Path, Path> writer) {
        return writer.apply(temp.resolve(format));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ml-latest", "ml-dat", "ml-100k"})
    void ingestsEveryFormatIntoTheIndicesAndStorage(String format) throws IOException {
        Path data = switch (format) {
            case "ml-latest" -> write(format, fixture::writeMlLatest);
            case "ml-dat" -> write(format, fixture::writeMlDat);
            default -> write(format, fixture::writeMl100k);
        };
        Path storage = temp.resolve("storage-" + format);

        IngestReport report = job(storage).run(data.toUri().toString());

        Map<String, FixtureRating> expected = fixture.expectedRatings();
        assertEquals(fixture.movies.size(), report.movies());
        assertEquals(expected.size(), report.ratings());
        assertEquals(fixture.expectedUsers(), report.users());
        assertEquals(fixture.unknownMovieRatings(), report.unknownMovieRatings());
        assertEquals(1, report.duplicateRatings());
        FileReport ratings = report.files().get(1);
        assertEquals(fixture.malformedRatingLines, ratings.rejected(), ratings.toString());
        assertEquals(ratings.lines(), ratings.parsed() + ratings.rejected());
        // every rejected rating line is reported with its line number and a reason
        assertEquals(fixture.malformedRatingLines, ratings.examples().size());
        ratings.examples().forEach(example -> {
            assertTrue(example.line() > 0);
            assertFalse(example.reason().isBlank());
        });
        assertEquals(2, report.unknownMovieExamples().size());

        // the aliases point at this run's indices, which hold exactly the cleaned data
        assertEquals(report.indices().get(names.alias(IndexSchema.MOVIES)), single(lifecycle.aliasTargets(IndexSchema.MOVIES)));
        assertEquals(fixture.movies.size(), count(IndexSchema.MOVIES));
        assertEquals(fixture.expectedUsers(), count(IndexSchema.USERS));

        FixtureMovie quoted = fixture.movies.stream().filter(m -> m.title().contains(",")).findFirst().orElseThrow();
        JsonNode movie = document(IndexSchema.MOVIES, quoted.id());
        assertEquals(quoted.title(), movie.get("title").asText());
        assertEquals(quoted.year().intValue(), movie.get("year").asInt());
        assertEquals(quoted.genres(), strings(movie.get("genres")));
        long expectedCount = expected.values().stream().filter(r -> r.movieId().equals(quoted.id())).count();
        assertEquals(expectedCount, movie.get("rating_count").asLong());

        FixtureMovie accented = fixture.movies.stream().filter(m -> m.title().contains("é")).findFirst().orElseThrow();
        assertEquals(accented.title(), document(IndexSchema.MOVIES, accented.id()).get("title").asText());
        FixtureMovie noGenres = fixture.movies.stream().filter(m -> m.genres().isEmpty()).findFirst().orElseThrow();
        assertEquals(List.of(), strings(document(IndexSchema.MOVIES, noGenres.id()).get("genres")));

        // user 1's history: time order, and the repeated movie carries the later rating
        List<FixtureRating> history = new ArrayList<>(expected.values().stream().filter(r -> r.userId().equals("1")).toList());
        history.sort(Comparator.comparingLong(FixtureRating::timestamp).thenComparing(FixtureRating::movieId));
        JsonNode user = document(IndexSchema.USERS, "1");
        assertEquals(history.stream().map(FixtureRating::movieId).toList(), strings(user.get("movie_ids")));
        assertEquals(history.stream().map(r -> (float) r.rating()).toList(), floats(user.get("ratings")));
        assertEquals(history.stream().map(FixtureRating::timestamp).toList(), longs(user.get("timestamps")));

        // tags: normalised, distinct, most frequent first; the ml-100k format has none
        long taggedMovies = spark.read().parquet(storage.resolve("runs").resolve(report.runId()).resolve("movies").toString())
                .filter("size(tags) > 0").count();
        assertEquals(!format.equals("ml-100k"), taggedMovies > 0);
        assertTrue(Files.exists(storage.resolve("runs").resolve(report.runId()).resolve("ingest-report.json")));
        assertEquals(report.runId(), Files.readString(storage.resolve("runs").resolve("LATEST")).trim());
    }

    @Test
    void aSecondRunIsIdempotentAndKeepsOnePreviousVersion() {
        Path data = write("idempotent", fixture::writeMlLatest);
        Path storage = temp.resolve("storage-idempotent");
        IngestReport first = job(storage).run(data.toUri().toString());
        IngestReport second = job(storage).run(data.toUri().toString());
        IngestReport third = job(storage).run(data.toUri().toString());

        assertEquals(first.movies(), third.movies());
        assertEquals(first.ratings(), third.ratings());
        assertEquals(fixture.movies.size(), count(IndexSchema.MOVIES));
        assertEquals(fixture.expectedUsers(), count(IndexSchema.USERS));
        assertEquals(third.indices().get(names.alias(IndexSchema.USERS)), single(lifecycle.aliasTargets(IndexSchema.USERS)));
        // the version the swap replaced stays for rollback, older ones are gone
        List<String> movieIndices = lifecycle.physicalIndices(IndexSchema.MOVIES);
        assertTrue(movieIndices.contains(second.indices().get(names.alias(IndexSchema.MOVIES))), movieIndices.toString());
        assertFalse(movieIndices.contains(first.indices().get(names.alias(IndexSchema.MOVIES))), movieIndices.toString());
    }

    @Test
    void aFailingRunLeavesThePublishedIndicesInPlace() throws IOException {
        Path good = write("before-failure", fixture::writeMlLatest);
        Path storage = temp.resolve("storage-failure");
        IngestReport published = job(storage).run(good.toUri().toString());
        List<String> indicesBefore = lifecycle.physicalIndices(IndexSchema.MOVIES);

        Path broken = write("broken", fixture::writeMlLatest);
        Files.delete(broken.resolve("ratings.csv"));
        // a ratings file that is listed but cannot be read
        Files.createSymbolicLink(broken.resolve("ratings.csv"), broken.resolve("missing-target.csv"));

        assertThrows(RuntimeException.class, () -> job(storage).run(broken.toUri().toString()));

        assertEquals(published.indices().get(names.alias(IndexSchema.MOVIES)), single(lifecycle.aliasTargets(IndexSchema.MOVIES)));
        assertEquals(published.indices().get(names.alias(IndexSchema.USERS)), single(lifecycle.aliasTargets(IndexSchema.USERS)));
        assertEquals(indicesBefore, lifecycle.physicalIndices(IndexSchema.MOVIES));
        assertEquals(fixture.movies.size(), count(IndexSchema.MOVIES));
        assertEquals(published.runId(), Files.readString(storage.resolve("runs").resolve("LATEST")).trim());
    }

    private long count(IndexSchema schema) {
        try {
            return client.count(c -> c.index(names.alias(schema))).count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode document(IndexSchema schema, String id) throws IOException {
        GetResponse<ObjectNode> response = client.get(g -> g.index(names.alias(schema)).id(id), ObjectNode.class);
        assertTrue(response.found(), schema + " " + id + " not found");
        return response.source();
    }

    private static String single(java.util.Set<String> values) {
        assertEquals(1, values.size(), values.toString());
        return values.iterator().next();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(node -> values.add(node.asText()));
        }
        return values;
    }

    private static List<Float> floats(JsonNode array) {
        List<Float> values = new ArrayList<>();
        array.forEach(node -> values.add((float) node.asDouble()));
        return values;
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asLong()));
        return values;
    }
}
