package recsys.online.movieupdate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.core.index.IndexSchema;
import recsys.testing.Vectors;
import recsys.online.testing.ElasticsearchHttp;
import recsys.online.testing.FixtureEndpointTest;
import recsys.online.testing.JsonHttp;
import recsys.online.testing.TopNVersions;
import recsys.online.testing.ServiceHttp.Answer;

/**
 * {@code POST /update_movie} against the real Elasticsearch and the real ONNX model, compared with the vectors the
 * offline embed job (Spark NLP) wrote for the generated fixture. New movies use ids of their own (99xxxxx). The
 * service serves a top-N copy of the fixture's trained version ({@link TopNVersions}), so a new movie, which that
 * version does not know, reaches the top-N ranking through its content.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpdateMovieEndpointTest extends FixtureEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("recsys.storage", TopNVersions.fixtureStorageWithTopN().toString());
        return properties;
    }

    @Test
    void vectorsMatchTheOfflineJobForTheSameMovies() {
        // movie 1, and movies with tags (the template's longest texts)
        List<JsonNode> movies = new ArrayList<>();
        movies.add(es.source(IndexSchema.MOVIES, "1").orElseThrow());
        es.search(IndexSchema.MOVIES, "{\"size\": 4, \"query\": {\"exists\": {\"field\": \"tags\"}}, "
                + "\"sort\": [{\"movie_id\": \"asc\"}]}").path("hits").path("hits")
                .forEach(hit -> movies.add(hit.get("_source")));
        ObjectNode body = JSON.createObjectNode();
        Map<String, float[]> offline = new HashMap<>();
        for (JsonNode movie : movies) {
            String id = movie.get("movie_id").asText();
            offline.put(id, vector(es.source(IndexSchema.MOVIE_VECTORS, id).orElseThrow()));
            ObjectNode entry = body.putObject(id);
            entry.put("title", movie.get("title").asText());
            entry.put("genres", String.join("|", ElasticsearchHttp.strings(movie.get("genres"))));
            entry.put("tags", String.join("|", ElasticsearchHttp.strings(movie.get("tags"))));
        }
        assertTrue(movies.stream().anyMatch(movie -> !movie.get("tags").isEmpty()), "some movie has tags");
        JsonNode before = es.source(IndexSchema.MOVIES, "1").orElseThrow();

        Answer answer = service.post("/update_movie", body.toString(), API_KEY);

        assertEquals(200, answer.status(), answer.text());
        assertEquals(offline.size(), answer.json().get("movies_written").asInt());
        assertEquals(0, answer.json().get("movies_created").asInt());
        for (Map.Entry<String, float[]> expected : offline.entrySet()) {
            float[] online = vector(es.source(IndexSchema.MOVIE_VECTORS, expected.getKey()).orElseThrow());
            double cosine = Vectors.cosine(expected.getValue(), online);
            assertTrue(cosine >= 0.9999, "movie " + expected.getKey() + ": cosine " + cosine);
        }
        assertEquals(before, es.source(IndexSchema.MOVIES, "1").orElseThrow(),
                "same description: same document, statistics and links kept");
    }

    /**
     * The documents are there when the call returns (reads by id are realtime) and Elasticsearch's searches find
     * them shortly after, once the service's background refresh has run (no refresh is part of the request).
     */
    @Test
    void aNewMovieIsStoredWhenTheCallReturnsAndSearchableSoonAfter() throws InterruptedException {
        Answer answer = service.post("/update_movie", "{\"9900001\": {\"title\": \"Quantum Gardeners, The (2031)\", "
                + "\"genres\": \"Sci-Fi|Comedy\", \"tags\": \"Robots|time travel\"}}", API_KEY);

        assertEquals(200, answer.status(), answer.text());
        assertEquals(1, answer.json().get("movies_created").asInt());
        JsonNode movie = es.source(IndexSchema.MOVIES, "9900001").orElseThrow();
        assertEquals("Quantum Gardeners, The (2031)", movie.get("title").asText());
        assertEquals(2031, movie.get("year").asInt());
        assertEquals(List.of("Sci-Fi", "Comedy"), ElasticsearchHttp.strings(movie.get("genres")));
        assertEquals(List.of("robots", "time travel"), ElasticsearchHttp.strings(movie.get("tags")));
        assertEquals(0, movie.get("rating_count").asInt());

        JsonNode found = searchSoon(IndexSchema.MOVIES, "{\"query\": {\"term\": {\"movie_id\": \"9900001\"}}}",
                hits -> hits.size() == 1);
        assertEquals(1, found.path("hits").path("total").path("value").asInt(), found.toString());

        float[] vector = vector(es.source(IndexSchema.MOVIE_VECTORS, "9900001").orElseThrow());
        StringBuilder query = new StringBuilder("{\"knn\": {\"field\": \"movie_vector\", \"k\": 1, "
                + "\"num_candidates\": 50, \"query_vector\": [");
        for (int i = 0; i < vector.length; i++) {
            query.append(i == 0 ? "" : ",").append(vector[i]);
        }
        query.append("]}, \"_source\": [\"movie_id\"]}");
        JsonNode nearest = searchSoon(IndexSchema.MOVIE_VECTORS, query.toString(),
                hits -> "9900001".equals(hits.path(0).path("_id").asText())).path("hits").path("hits");
        assertEquals("9900001", nearest.get(0).path("_source").path("movie_id").asText(), nearest.toString());
    }

    @Test
    void aRejectedBatchWritesNothing() {
        Answer answer = service.post("/update_movie", "{\"9900002\": {\"title\": \"Fine (2000)\"}, "
                + "\"9900003\": {\"title\": \"\"}}", API_KEY);

        assertEquals(400, answer.status(), answer.text());
        assertEquals("9900003.title", answer.error().path("field").asText());
        assertFalse(es.source(IndexSchema.MOVIES, "9900002").isPresent());
        assertFalse(es.source(IndexSchema.MOVIE_VECTORS, "9900002").isPresent());
    }

    @Test
    void writesNeedTheKey() {
        Answer answer = service.post("/update_movie", "{\"9900004\": {\"title\": \"Nope (2000)\"}}",
                Map.of("X-Api-Key", "not-the-key"));
        assertEquals(401, answer.status());
        assertEquals("Authorization", answer.error().path("field").asText());
        assertFalse(es.source(IndexSchema.MOVIES, "9900004").isPresent());
    }

    /**
     * The search's answer once its hits satisfy {@code expected}, or the last answer after five seconds: time for the
     * service's background refresh (one second after the write) or Elasticsearch's own (every second) to publish it.
     */
    private JsonNode searchSoon(IndexSchema schema, String query, Predicate<JsonNode> expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        JsonNode found = es.search(schema, query);
        while (!expected.test(found.path("hits").path("hits")) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            found = es.search(schema, query);
        }
        return found;
    }

    private static float[] vector(JsonNode source) {
        JsonNode values = source.get("movie_vector");
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) values.get(i).asDouble();
        }
        return vector;
    }

    /**
     * "A new movie can be recommended right away": a user created after the movie, who rated the catalogue movie
     * the new one duplicates (same title, genres and tags, so the same vector), gets the new movie first on the top-N
     * path, with no retraining or refresh in between (the request refreshes nothing; {@link RecentMoviesEndpointTest}
     * shows the same with every refresh held back).
     */
    @Test
    void aNewMovieIsRecommendedRightAway() {
        JsonNode original = es.source(IndexSchema.MOVIES, "1").orElseThrow();
        ObjectNode body = JSON.createObjectNode();
        ObjectNode entry = body.putObject("9900005");
        entry.put("title", original.get("title").asText());
        entry.put("genres", String.join("|", ElasticsearchHttp.strings(original.get("genres"))));
        entry.put("tags", String.join("|", ElasticsearchHttp.strings(original.get("tags"))));
        assertEquals(200, service.post("/update_movie", body.toString(), API_KEY).status());
        Answer rated = service.post("/update_ratings",
                "{\"9900000005\": {\"movie_id\": \"1\", \"rating\": 5.0}}", API_KEY);
        assertEquals(200, rated.status(), rated.text());

        JsonHttp.Response answer = new JsonHttp(server.getURL())
                .get("/recommendations?user_id=9900000005&returnMetadata=true&limit=5");

        assertEquals(200, answer.status(), answer.body());
        assertEquals("top-n", answer.header("X-Recsys-Ranking").orElseThrow(), "the version's top-N ranking");
        JsonNode first = answer.json().get("items").get(0);
        assertEquals("9900005", first.get("movie_id").asText(), answer.body());
        assertEquals(original.get("title").asText(), first.get("title").asText());
        answer.json().get("items").forEach(item -> assertFalse("1".equals(item.get("movie_id").asText()),
                "the rated movie is never recommended: " + answer.body()));
    }
}
