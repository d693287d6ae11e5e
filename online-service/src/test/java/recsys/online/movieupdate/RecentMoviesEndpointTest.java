package recsys.online.movieupdate;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.core.index.IndexSchema;
import recsys.online.movies.MovieStore;
import recsys.online.testing.ElasticsearchHttp;
import recsys.online.testing.ScratchIndices;
import recsys.online.testing.ServiceHttp;
import recsys.online.testing.ServiceHttp.Answer;
import recsys.online.vectors.VectorStore;

/**
 * "A new movie can be recommended right away" with no refresh at all between the write and the recommendation:
 * scratch indices whose {@code refresh_interval} is {@code -1} (so Elasticsearch publishes nothing on its own, not
 * even when a search wakes an idle shard) and the service's background refresh replaced by a gate the test opens
 * and closes. While the gate is closed every search of Elasticsearch misses the new movie (the tests check that),
 * so whatever the service finds, it found through {@link RecentMovies}. The real ONNX model embeds; no serving
 * model, so a user with one rating takes the cosine path.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecentMoviesEndpointTest implements TestPropertyProvider {

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

    @Override
    public Map<String, String> getProperties() {
        scratch = ScratchIndices.create("recent-it");
        es = scratch.http();
        for (IndexSchema schema : List.of(IndexSchema.MOVIES, IndexSchema.MOVIE_VECTORS)) {
            es.send("PUT", "/" + es.alias(schema) + "/_settings", "{\"index\": {\"refresh_interval\": \"-1\"}}");
        }
        Map<String, String> properties = new HashMap<>(scratch.serviceProperties());
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

    @Test
    void aNewMovieIsRecommendedRightAwayWithoutAnyRefresh() throws InterruptedException {
        writeCopyOf("9900101", "1");
        assertFalse(searchable("9900101"), "Elasticsearch's searches do not see the new movie yet");

        List<JsonNode> items = recommend("9900000101", "1", "");

        assertEquals("9900101", items.get(0).path("movie_id").asText(), items.toString());
        assertEquals("Toy Story (1995)", items.get(0).path("title").asText(), "metadata reads are realtime");
        assertTrue(items.stream().noneMatch(item -> "1".equals(item.path("movie_id").asText())), items.toString());

        gateOpen.set(true);
        await(() -> recent.movies().isEmpty(), "the background refresh lets the movie go");
        assertTrue(searchable("9900101"), "and Elasticsearch's searches see it from then on");
    }

    @Test
    void aNewMovieMatchesTheGenreFilterRightAway() {
        writeCopyOf("9900102", "2");
        assertFalse(searchable("9900102"), "Elasticsearch's searches do not see the new movie yet");

        List<JsonNode> fantasy = recommend("9900000102", "2", "&genre=fantasy");

        assertEquals("9900102", fantasy.get(0).path("movie_id").asText(), fantasy.toString());
        assertEquals("Adventure|Children|Fantasy", fantasy.get(0).path("genres").asText());
        List<JsonNode> thrillers = recommend("9900000102", "2", "&genre=Thriller");
        assertTrue(thrillers.stream().noneMatch(item -> "9900102".equals(item.path("movie_id").asText())),
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

        assertEquals(Set.of(), movieStore.withGenre(List.of("3", "4"), "Thriller"));
        assertEquals(Set.of("3", "4"), movieStore.withGenre(List.of("3", "4"), "Comedy"));

        // put it back for the other tests
        answer = service.post("/update_movie", "{\"3\": {\"title\": \"Heat (1995)\", "
                + "\"genres\": \"Action|Crime|Thriller\", \"tags\": \"heist\"}}", AUTH);
        assertEquals(200, answer.status(), answer.text());
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

    /** A new user who rates {@code movieId} 5, then their recommendations with metadata. */
    private List<JsonNode> recommend(String userId, String movieId, String extraQuery) {
        Answer rated = service.post("/update_ratings",
                "{\"" + userId + "\": {\"movie_id\": \"" + movieId + "\", \"rating\": 5.0}}", AUTH);
        assertEquals(200, rated.status(), rated.text());
        Answer answer = service.get("/recommendations?user_id=" + userId + "&returnMetadata=true&limit=5"
                + extraQuery, Map.of());
        assertEquals(200, answer.status(), answer.text());
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
