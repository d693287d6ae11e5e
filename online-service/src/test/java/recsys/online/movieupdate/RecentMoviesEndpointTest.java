package recsys.online.movieupdate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import recsys.core.filter.MovieFilter;
import recsys.core.features.EncoderParameters;
import recsys.core.features.EncoderState;
import recsys.core.features.MovieEntry;
import recsys.core.index.IndexSchema;
import recsys.online.model.ServingModel;
import recsys.online.model.ServingModels;
import recsys.online.movies.MovieStore;
import recsys.online.testing.ElasticsearchHttp;
import recsys.online.testing.JsonHttp;
import recsys.online.testing.OfflineFixture;
import recsys.online.testing.PublishedModels;
import recsys.online.testing.ScratchIndices;
import recsys.online.testing.TopNVersions;
import recsys.online.testing.ServiceHttp;
import recsys.online.testing.ServiceHttp.Answer;
import recsys.online.vectors.VectorStore;

/**
 * "A new movie can be recommended right away" with no refresh at all between the write and the recommendation:
 * scratch indices whose {@code refresh_interval} is {@code -1} (so Elasticsearch publishes nothing on its own, not
 * even when a search wakes an idle shard) and the service's background refresh replaced by a gate the test opens
 * and closes. While the gate is closed every search of Elasticsearch misses the new movie (the tests check that),
 * so whatever the service finds, it found through {@link RecentMovies}. The real ONNX model embeds.
 *
 * <p>The recommendation tests run on two paths. {@code cosine}: first with no serving model at all, later (after the
 * top-N run) with a model version over this catalogue without top-N, where a user with one rating takes the cosine
 * path too. {@code top-n}: a version over this catalogue with a top-N ranking ({@link TopNVersions}: the fixture's
 * trained version with its encoder state replaced by these six movies, their vectors as written here), where the new
 * movie, unknown to the version, is found by the kNN search on the user's profile and scored by its content.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecentMoviesEndpointTest implements TestPropertyProvider {

    static final String COSINE = "cosine";
    static final String TOP_N = "top-n";
    private static final String PLAIN_VERSION = "recent-movies-plain";
    private static final String TOP_N_VERSION = "recent-movies-topn";
    /** Who rated what, for the top-N version's item-item table over the six movies. */
    private static final Map<String, List<String>> RATED = Map.of("u1", List.of("1", "2", "4"),
            "u2", List.of("2", "3", "5"), "u3", List.of("3", "5", "6"), "u4", List.of("1", "4", "6"));

    private static final String KEY = "recent-movies-key";
    private static final Map<String, String> AUTH = Map.of("X-Api-Key", KEY);
    /** A small catalogue, written through the service and published before the tests. */
    private static final String CATALOGUE = "{"
            + "\"1\": {\"title\": \"Toy Story (1995)\", \"genres\": \"Adventure|Animation|Children|Comedy|Fantasy\", "
            + "\"tags\": \"pixar|fun\"},"
            + "\"2\": {\"title\": \"Jumanji (1995)\", \"genres\": \"Adventure|Children|Fantasy\", "
            + "\"tags\": \"board game|jungle\"},"
            + "\"3\": {\"title\": \"Heat (1995)\", \"genres\": \"Action|Crime|Thriller\", \"tags\": \"heist\"},"
            + "\"4\": {\"title\": \"Sabrina (1995)\", \"genres\": \"Comedy|Romance\"},"
            + "\"5\": {\"title\": \"GoldenEye (1995)\", \"genres\": \"Action|Adventure|Thriller\", "
            + "\"tags\": \"james bond\"},"
            + "\"6\": {\"title\": \"Casino (1995)\", \"genres\": \"Crime|Drama\", \"tags\": \"las vegas\"}}";

    /** The service's background refresh: a real {@code _refresh} of both aliases while open, a failure while shut. */
    private final AtomicBoolean gateOpen = new AtomicBoolean(true);
    private ScratchIndices scratch;
    private ElasticsearchHttp es;
    private ServiceHttp service;

    @Inject
    EmbeddedServer server;
    @Inject
    RecentMovies recent;
    @Inject
    MovieStore movieStore;
    @Inject
    VectorStore vectorStore;
    @Inject
    ServingModels models;

    /** The service's storage root (empty at start: no model) and where the test's two versions are made. */
    private Path storage;
    private Path staging;

    @Override
    public Map<String, String> getProperties() {
        scratch = ScratchIndices.create("recent-it");
        es = scratch.http();
        for (IndexSchema schema : List.of(IndexSchema.MOVIES, IndexSchema.MOVIE_VECTORS)) {
            es.send("PUT", "/" + es.alias(schema) + "/_settings", "{\"index\": {\"refresh_interval\": \"-1\"}}");
        }
        Map<String, String> properties = new HashMap<>(scratch.serviceProperties());
        storage = OfflineFixture.get().newFolder("recent-movies-storage-");
        properties.put("recsys.storage", storage.toString());
        properties.put("recsys.api-key", KEY);
        properties.put("recsys.movie-updates.refresh-delay", "100ms");
        properties.put("recsys.movie-updates.refresh-retry", "50ms");
        return properties;
    }

    @MockBean(MovieIndicesRefresh.class)
    RecentMovies.Refresh gate() {
        return () -> {
            if (!gateOpen.get()) {
                throw new IllegalStateException("the test holds the refresh back");
            }
            es.send("POST", "/" + es.alias(IndexSchema.MOVIES) + "," + es.alias(IndexSchema.MOVIE_VECTORS)
                    + "/_refresh", null);
        };
    }

    @BeforeAll
    void loadCatalogue() throws InterruptedException {
        service = new ServiceHttp(server.getURI());
        Answer answer = service.post("/update_movie", CATALOGUE, AUTH);
        assertEquals(200, answer.status(), answer.text());
        await(() -> recent.movies().isEmpty(), "the catalogue is published");
        assertEquals(6, es.search(IndexSchema.MOVIES, "{\"size\": 0, \"track_total_hits\": true}")
                .path("hits").path("total").path("value").asInt());
    }

    @BeforeEach
    void holdRefreshesBack() {
        gateOpen.set(false);
    }

    @AfterEach
    void publishEverything() throws InterruptedException {
        gateOpen.set(true);
        await(() -> recent.movies().isEmpty(), "the background refresh publishes the test's movies");
    }

    @AfterAll
    void deleteIndices() {
        if (scratch != null) {
            scratch.close();
        }
    }

    /**
     * A new movie with the same text as a catalogue movie (so the same vector) is first for a user who rated that
     * movie 5. Each path copies another movie: a copy written by an earlier run would tie with this one.
     */
    @ParameterizedTest
    @CsvSource({COSINE + ",1,Toy Story (1995)", TOP_N + ",5,GoldenEye (1995)"})
    @Order(1)
    void aNewMovieIsRecommendedRightAwayWithoutAnyRefresh(String path, String original, String title)
            throws InterruptedException {
        serve(path);
        String movieId = newId(path, 1);
        writeCopyOf(movieId, original);
        assertFalse(searchable(movieId), "Elasticsearch's searches do not see the new movie yet");

        List<JsonNode> items = recommend(path, userOf(movieId), original, "");

        assertEquals(movieId, items.get(0).path("movie_id").asText(), items.toString());
        assertEquals(title, items.get(0).path("title").asText(), "metadata reads are realtime");
        assertTrue(items.stream().noneMatch(item -> original.equals(item.path("movie_id").asText())),
                items.toString());

        gateOpen.set(true);
        await(() -> recent.movies().isEmpty(), "the background refresh lets the movie go");
        assertTrue(searchable(movieId), "and Elasticsearch's searches see it from then on");
    }

    @ParameterizedTest
    @CsvSource({COSINE + ",2,fantasy,Adventure|Children|Fantasy", TOP_N + ",6,crime,Crime|Drama"})
    @Order(2)
    void aNewMovieMatchesTheGenreFilterRightAway(String path, String original, String genre, String genres) {
        serve(path);
        String movieId = newId(path, 2);
        writeCopyOf(movieId, original);
        assertFalse(searchable(movieId), "Elasticsearch's searches do not see the new movie yet");

        List<JsonNode> inGenre = recommend(path, userOf(movieId), original, "&genre=" + genre);

        assertEquals(movieId, inGenre.get(0).path("movie_id").asText(), inGenre.toString());
        assertEquals(genres, inGenre.get(0).path("genres").asText());
        List<JsonNode> thrillers = recommend(path, userOf(movieId), original, "&genre=Thriller");
        assertTrue(thrillers.stream().noneMatch(item -> movieId.equals(item.path("movie_id").asText())),
                thrillers.toString());
    }

    @Test
    void aRewrittenMovieIsFilteredByItsNewGenresRightAway() {
        Answer answer = service.post("/update_movie",
                "{\"3\": {\"title\": \"Heat (1995)\", \"genres\": \"Comedy\", \"tags\": \"heist\"}}", AUTH);
        assertEquals(200, answer.status(), answer.text());
        JsonNode stale = es.search(IndexSchema.MOVIES, "{\"query\": {\"bool\": {\"filter\": ["
                + "{\"term\": {\"movie_id\": \"3\"}}, {\"term\": {\"genres\": \"Thriller\"}}]}}}");
        assertEquals(1, stale.path("hits").path("total").path("value").asInt(), "the search still sees the old genres");

        assertEquals(Set.of(), movieStore.matching(List.of("3", "4"), MovieFilter.genre("Thriller")));
        assertEquals(Set.of("3", "4"), movieStore.matching(List.of("3", "4"), MovieFilter.genre("Comedy")));

        // put it back for the other tests
        answer = service.post("/update_movie", "{\"3\": {\"title\": \"Heat (1995)\", "
                + "\"genres\": \"Action|Crime|Thriller\", \"tags\": \"heist\"}}", AUTH);
        assertEquals(200, answer.status(), answer.text());
    }

    /**
     * The movies a model lacks are found with more known ids than one terms query may list: every searchable vector
     * but one, plus 70,000 ids no movie has, leaves exactly that one, with its stored vector.
     */
    @Test
    void theMoviesAModelLacksAreFoundPastOneTermsQuerysLimit() {
        List<String> known = new ArrayList<>();
        es.search(IndexSchema.MOVIE_VECTORS, "{\"size\": 1000, \"_source\": false}").path("hits").path("hits")
                .forEach(hit -> known.add(hit.path("_id").asText()));
        assertTrue(known.remove("2"), known.toString());
        for (int i = 0; i < 70_000; i++) {
            known.add("absent-" + i);
        }

        Map<String, float[]> lacking = vectorStore.allExcept(known, 10).orElseThrow();

        assertEquals(Set.of("2"), lacking.keySet());
        assertArrayEquals(vectorStore.vectors(List.of("2")).get("2"), lacking.get("2"));
    }

    /**
     * A merged movie gets the score Elasticsearch gives the same vector: a copy of movie 4, not yet searchable,
     * against movie 4 itself, for two weighted clauses over a catalogue smaller than k (so every movie is among both
     * clauses' nearest and Elasticsearch sums both); and the formula reproduces every score of the search.
     */
    @Test
    void mergedScoresAreElasticsearchsScores() {
        writeCopyOf("9900103", "4");
        assertFalse(searchable("9900103"), "Elasticsearch's searches do not see the copy yet");
        Map<String, float[]> stored = vectorStore.vectors(List.of("1", "4"));
        List<VectorStore.Probe> probes = List.of(new VectorStore.Probe(stored.get("1"), 5f),
                new VectorStore.Probe(stored.get("4"), 2.5f));

        List<VectorStore.Neighbour> found = vectorStore.nearest(probes, Set.of(), 50, 50);

        Map<String, Double> scores = new HashMap<>();
        found.forEach(neighbour -> scores.put(neighbour.movieId(), neighbour.score()));
        assertTrue(scores.containsKey("9900103") && scores.containsKey("4"), found.toString());
        assertEquals(scores.get("4"), scores.get("9900103"), 1e-5, found.toString());
        Map<String, float[]> vectors = vectorStore.vectors(new ArrayList<>(scores.keySet()));
        for (VectorStore.Neighbour neighbour : found) {
            assertEquals(neighbour.score(), VectorStore.knnScore(probes, vectors.get(neighbour.movieId())), 1e-5,
                    "movie " + neighbour.movieId());
        }
        for (int i = 1; i < found.size(); i++) {
            assertTrue(found.get(i - 1).score() >= found.get(i).score(), "best first: " + found);
        }
    }

    /**
     * Makes the service rank by {@code path}: for {@code cosine} no model (as long as none was loaded), else the
     * version without top-N; for {@code top-n} the version with it. Both are made once, from the fixture's trained
     * version with this catalogue as its encoder state.
     */
    private void serve(String path) {
        if (COSINE.equals(path) && models.current().isEmpty()) {
            return;
        }
        if (staging == null) {
            staging = OfflineFixture.get().newFolder("recent-movies-versions-");
            PublishedModels.copyModels(OfflineFixture.get().storage(), staging);
            EncoderState state = catalogueState(TopNVersions.currentState(staging).parameters());
            PublishedModels.publishVariantOfCurrent(staging, PLAIN_VERSION, PublishedModels::withoutTopN,
                    List.of(TopNVersions.encoderStateFile(state)));
            TopNVersions.publishTopNOfCurrent(staging, TOP_N_VERSION, null, RATED, TopNVersions.Recipe.TESTS);
            PublishedModels.copyModels(staging, storage);
        }
        String version = COSINE.equals(path) ? PLAIN_VERSION : TOP_N_VERSION;
        PublishedModels.pointCurrentAt(storage, version);
        models.refresh();
        assertEquals(version, models.current().map(ServingModel::version).orElse("none"),
                "loaded: " + models.status().lastError().orElse("no error"));
        assertEquals(TOP_N.equals(path), models.current().orElseThrow().hasTopN());
    }

    /** The catalogue written before the tests, as a model version's encoder state: vectors as stored. */
    private EncoderState catalogueState(EncoderParameters parameters) {
        List<MovieEntry> entries = new ArrayList<>();
        for (String id : List.of("1", "2", "3", "4", "5", "6")) {
            JsonNode movie = es.source(IndexSchema.MOVIES, id).orElseThrow();
            JsonNode stored = es.source(IndexSchema.MOVIE_VECTORS, id).orElseThrow().get("movie_vector");
            float[] vector = new float[stored.size()];
            for (int d = 0; d < vector.length; d++) {
                vector[d] = (float) stored.get(d).asDouble();
            }
            entries.add(new MovieEntry(id, 10, 35.0, movie.hasNonNull("year") ? movie.get("year").asInt() : null,
                    EncoderState.genreIndices(parameters.genres(), ElasticsearchHttp.strings(movie.get("genres"))),
                    ElasticsearchHttp.strings(movie.get("tags")), vector));
        }
        return EncoderState.of(parameters, entries);
    }

    /** The id of the {@code n}th new movie of a path's run: each run writes movies and users of its own. */
    private static String newId(String path, int n) {
        return (COSINE.equals(path) ? "99001" : "99002") + String.format(Locale.ROOT, "%02d", n);
    }

    /** The new user who rates the original of {@code movieId}. */
    private static String userOf(String movieId) {
        return "990" + movieId;
    }

    /** Writes a new movie with the same title, genres and tags as {@code originalId}, so with the same vector. */
    private void writeCopyOf(String newId, String originalId) {
        JsonNode original = es.source(IndexSchema.MOVIES, originalId).orElseThrow();
        String body = "{\"" + newId + "\": {\"title\": \"" + original.get("title").asText() + "\", \"genres\": \""
                + String.join("|", ElasticsearchHttp.strings(original.get("genres"))) + "\", \"tags\": \""
                + String.join("|", ElasticsearchHttp.strings(original.get("tags"))) + "\"}}";
        Answer answer = service.post("/update_movie", body, AUTH);
        assertEquals(200, answer.status(), answer.text());
        assertEquals(1, answer.json().get("movies_created").asInt());
    }

    /** The ranking path of the user's list; a new user who rates {@code movieId} 5, then their recommendations. */
    private List<JsonNode> recommend(String path, String userId, String movieId, String extraQuery) {
        Answer rated = service.post("/update_ratings",
                "{\"" + userId + "\": {\"movie_id\": \"" + movieId + "\", \"rating\": 5.0}}", AUTH);
        assertEquals(200, rated.status(), rated.text());
        JsonHttp.Response answer = new JsonHttp(server.getURL()).get("/recommendations?user_id=" + userId
                + "&returnMetadata=true&limit=5" + extraQuery);
        assertEquals(200, answer.status(), answer.body());
        assertEquals(path, answer.header("X-Recsys-Ranking").orElseThrow(), "the ranking path");
        List<JsonNode> items = new ArrayList<>();
        answer.json().get("items").forEach(items::add);
        return items;
    }

    private boolean searchable(String movieId) {
        String query = "{\"query\": {\"term\": {\"movie_id\": \"" + movieId + "\"}}}";
        return es.search(IndexSchema.MOVIES, query).path("hits").path("total").path("value").asInt() == 1
                && es.search(IndexSchema.MOVIE_VECTORS, query).path("hits").path("total").path("value").asInt() == 1;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }
}
