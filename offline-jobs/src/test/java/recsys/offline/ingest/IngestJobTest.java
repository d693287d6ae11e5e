package recsys.offline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.elasticsearch.client.Request;
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
import recsys.offline.index.IndexLifecycleException;
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

    @Test
    void aRunFailingDuringTheBulkLoadChangesNothing() throws IOException {
        Path storage = temp.resolve("storage-bulk-failure");
        job(storage).run(write("bulk-good", fixture::writeMlLatest).toUri().toString());
        Published before = published(storage);

        // Elasticsearch refuses a keyword longer than Lucene's term limit (32,766 bytes), so the bulk load of the
        // movies index fails in the Spark task holding this movie, after the run's indices were created and while
        // other tasks write their documents
        Path broken = write("bulk-broken", fixture::writeMlLatest);
        Files.writeString(broken.resolve("tags.csv"), "1," + fixture.movies.get(0).id() + "," + "x".repeat(40_000)
                + ",1000000000\r\n", StandardOpenOption.APPEND);
        Throwable failure = assertThrows(Throwable.class, () -> job(storage).run(broken.toUri().toString()));

        assertTrue(messages(failure).contains("immense term"), messages(failure));
        assertEquals(before, published(storage));
        assertEquals(fixture.movies.size(), count(IndexSchema.MOVIES));
    }

    @Test
    void aRunFailingAtTheAliasSwapChangesNothing() throws IOException {
        Path storage = temp.resolve("storage-swap-failure");
        Path data = write("swap", fixture::writeMlLatest);
        IngestReport published = job(storage).run(data.toUri().toString());
        Published before = published(storage);

        // a read-only index refuses to lose its alias, so the one request that moves both aliases is refused
        // after both new indices were loaded; the movies alias must not move alone
        String users = published.indices().get(names.alias(IndexSchema.USERS));
        readOnly(users, true);
        try {
            IndexLifecycleException failure = assertThrows(IndexLifecycleException.class,
                    () -> job(storage).run(data.toUri().toString()));
            assertTrue(failure.getMessage().contains("swap aliases"), failure.getMessage());
        } finally {
            readOnly(users, false);
        }

        assertEquals(before, published(storage));
        assertEquals(fixture.movies.size(), count(IndexSchema.MOVIES));
        assertEquals(fixture.expectedUsers(), count(IndexSchema.USERS));
    }

    @Test
    void anOldVersionThatCannotBeDeletedDoesNotUndoThePublication() throws IOException {
        Path storage = temp.resolve("storage-prune-failure");
        Path data = write("prune", fixture::writeMlLatest);
        IngestReport oldest = job(storage).run(data.toUri().toString());
        job(storage).run(data.toUri().toString());

        // the third run deletes the oldest version after its swap; a read-only index refuses to be deleted
        String oldMovies = oldest.indices().get(names.alias(IndexSchema.MOVIES));
        readOnly(oldMovies, true);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        IngestReport third;
        try {
            third = new IngestJob(spark, new StorageLayout(storage.toUri(), spark.sparkContext().hadoopConfiguration()),
                    lifecycle, new IndexWriter(lifecycle), Clock.systemUTC(),
                    new PrintStream(output, true, StandardCharsets.UTF_8)).run(data.toUri().toString());
        } finally {
            readOnly(oldMovies, false);
        }

        assertEquals(third.indices().get(names.alias(IndexSchema.MOVIES)), single(lifecycle.aliasTargets(IndexSchema.MOVIES)));
        assertEquals(third.indices().get(names.alias(IndexSchema.USERS)), single(lifecycle.aliasTargets(IndexSchema.USERS)));
        assertEquals(third.runId(), Files.readString(storage.resolve("runs").resolve("LATEST")).trim());
        assertEquals(fixture.movies.size(), count(IndexSchema.MOVIES));
        assertTrue(lifecycle.physicalIndices(IndexSchema.MOVIES).contains(oldMovies));
        String printed = output.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("could not delete old index " + oldMovies), printed);
    }

    /** What readers and later jobs see: where the aliases point, every physical index, LATEST and the run folders. */
    private record Published(Set<String> movies, Set<String> users, List<String> movieIndices,
                             List<String> userIndices, String latest, List<String> runFolders) {
    }

    private Published published(Path storage) throws IOException {
        List<String> runFolders;
        try (Stream<Path> runs = Files.list(storage.resolve("runs"))) {
            runFolders = runs.filter(Files::isDirectory).map(run -> run.getFileName().toString()).sorted().toList();
        }
        return new Published(lifecycle.aliasTargets(IndexSchema.MOVIES), lifecycle.aliasTargets(IndexSchema.USERS),
                lifecycle.physicalIndices(IndexSchema.MOVIES), lifecycle.physicalIndices(IndexSchema.USERS),
                Files.readString(storage.resolve("runs").resolve("LATEST")), runFolders);
    }

    /**
     * Sets or lifts the read-only block, whose index refuses alias changes and deletion. Through the low-level
     * client: Elasticsearch lifts a block only from a request that names nothing but block settings, and the typed
     * settings request writes more.
     */
    private void readOnly(String index, boolean blocked) throws IOException {
        Request request = new Request("PUT", "/" + index + "/_settings");
        request.setJsonEntity("{\"index.blocks.read_only\": " + blocked + "}");
        ((RestClientTransport) client._transport()).restClient().performRequest(request);
    }

    /** The messages of an exception and its causes, one per line. */
    private static String messages(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t).append('\n');
        }
        return messages.toString();
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
