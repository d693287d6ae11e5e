package recsys.online.ratings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.core.index.IndexSchema;
import recsys.online.testing.ElasticsearchHttp;
import recsys.online.testing.FixtureEndpointTest;
import recsys.online.testing.ServiceHttp.Answer;

/**
 * {@code POST /update_ratings} against the real Elasticsearch, on users ingested by the offline job from the
 * generated fixture. Tests write users with ids of their own (8xxxxxxx) so the fixture's users stay as ingested.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpdateRatingsEndpointTest extends FixtureEndpointTest {

    @Test
    void mergesIntoAnIngestedHistoryKeepingEverythingElse() {
        // an ingested user's document, copied as ingest wrote it under an id of this test
        JsonNode ingested = es.source(IndexSchema.USERS, "1").orElseThrow();
        es.send("PUT", "/" + es.alias(IndexSchema.USERS) + "/_doc/81000001?refresh=true",
                ingested.toString().replace("\"user_id\":\"1\"", "\"user_id\":\"81000001\""));
        List<String> movies = ElasticsearchHttp.strings(ingested.get("movie_ids"));
        String replaced = movies.get(0);
        int oldCount = ingested.get("rating_count").asInt();

        Answer answer = service.post("/update_ratings", "{\"81000001\": {\"movie_id\": [\"" + replaced
                + "\", \"99999\"], \"ratings\": [0.5, 4.5]}}", BEARER);

        assertEquals(200, answer.status(), answer.text());
        assertEquals(Map.of("users_written", 1, "ratings_written", 2, "users_created", 0), counts(answer.json()));
        JsonNode stored = es.source(IndexSchema.USERS, "81000001").orElseThrow();
        Map<String, Double> before = ratings(ingested);
        Map<String, Double> after = ratings(stored);
        Map<String, Double> expected = new HashMap<>(before);
        expected.put(replaced, 0.5);
        expected.put("99999", 4.5);
        assertEquals(expected, after);
        assertEquals(oldCount + 1, stored.get("rating_count").asInt());
        double mean = expected.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertEquals(mean, stored.get("rating_mean").asDouble(), 1e-5);
        List<Long> timestamps = new ArrayList<>();
        stored.get("timestamps").forEach(t -> timestamps.add(t.asLong()));
        assertEquals(timestamps.stream().sorted().toList(), timestamps, "history stays in time order");
        List<String> storedMovies = ElasticsearchHttp.strings(stored.get("movie_ids"));
        assertEquals(Set.of(replaced, "99999"), Set.copyOf(storedMovies.subList(storedMovies.size() - 2,
                storedMovies.size())), "the movies just rated are the most recent");
        assertEquals(Set.of("user_id", "movie_ids", "ratings", "timestamps", "rating_count", "rating_mean"),
                fieldNames(stored));
    }

    @Test
    void createsAnUnknownUserFromTheSingleValueShapes() {
        Answer answer = service.post("/update_ratings",
                "{\"81000002\": {\"movie_id\": \"456\", \"rating\": [5.0]}, \"81000003\": {\"movie_id\": \"7\", "
                        + "\"rating\": 3}}", API_KEY);

        assertEquals(200, answer.status(), answer.text());
        assertEquals(Map.of("users_written", 2, "ratings_written", 2, "users_created", 2), counts(answer.json()));
        JsonNode created = es.source(IndexSchema.USERS, "81000002").orElseThrow();
        assertEquals("81000002", created.get("user_id").asText());
        assertEquals(List.of("456"), ElasticsearchHttp.strings(created.get("movie_ids")));
        assertEquals(5.0, created.get("ratings").get(0).asDouble());
        assertEquals(1, created.get("rating_count").asInt());
        assertEquals(5.0, created.get("rating_mean").asDouble());
        assertTrue(created.get("timestamps").get(0).asLong() > 1_700_000_000L, created.toString());
    }

    /**
     * Ids as applications spell them (a UUID, an e-mail-like id, a prefixed id with a colon) are written, stored
     * under their own document id and read back by every read endpoint; a NUL after a valid id is a 400, not that
     * user.
     */
    @Test
    void stringIdsAreWrittenAndReadBackEverywhere() {
        List<String> users = List.of("3f2b8c1e-9a4d-4c6b-8e2f-1a2b3c4d5e6f", "someone@example.com", "tenant:u-42");
        for (String user : users) {
            Answer answer = service.post("/update_ratings", "{\"" + user + "\": {\"movie_id\": [\"1\", \"m-new.1\"], "
                    + "\"ratings\": [4.5, 3.0]}}", BEARER);
            assertEquals(200, answer.status(), answer.text());

            JsonNode stored = es.source(IndexSchema.USERS, java.net.URLEncoder.encode(user,
                    java.nio.charset.StandardCharsets.UTF_8)).orElseThrow();
            assertEquals(user, stored.get("user_id").asText());
            assertEquals(Map.of("1", 4.5, "m-new.1", 3.0), ratings(stored));
            String query = java.net.URLEncoder.encode(user, java.nio.charset.StandardCharsets.UTF_8);
            Answer features = service.get("/features?user_id=" + query, Map.of());
            assertEquals(200, features.status(), features.text());
            assertTrue(features.text().contains("m-new.1"), features.text());
            Answer recommendations = service.get("/recommendations?user_id=" + query, Map.of());
            assertEquals(200, recommendations.status(), recommendations.text());
            assertFalse(recommendations.json().get("items").isEmpty(), recommendations.text());
            Answer history = service.get("/users/" + query + "/ratings", Map.of());
            assertEquals(200, history.status(), history.text());
            assertEquals(2, history.json().get("ratings").size(), history.text());
        }
        Answer nul = service.get("/recommendations?user_id=1%00", Map.of());
        assertEquals(400, nul.status(), nul.text());
        assertEquals("user_id", nul.json().get("error").get("field").asText(), nul.text());
        Answer slash = service.post("/update_ratings", "{\"a/b\": {\"movie_id\": \"1\", \"rating\": 4}}", BEARER);
        assertEquals(400, slash.status(), slash.text());
        assertTrue(es.source(IndexSchema.USERS, "a%2Fb").isEmpty());
    }

    @Test
    void concurrentWritersToOneUserLoseNoRating() throws Exception {
        // 16 clients, 50 movies each, sent as 10 requests of 5 movies: every request races the other 15 clients
        String user = "81000004";
        int threads = 16;
        int perThread = 50;
        int perRequest = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<Integer> statuses = new ArrayList<>();
                    for (int first = 0; first < perThread; first += perRequest) {
                        List<String> movies = new ArrayList<>();
                        List<String> stars = new ArrayList<>();
                        for (int m = first; m < first + perRequest; m++) {
                            movies.add("\"" + (100_000 + thread * 1_000 + m) + "\"");
                            stars.add(String.valueOf(1 + m % 5));
                        }
                        statuses.add(service.post("/update_ratings", "{\"" + user + "\": {\"movie_id\": "
                                + movies + ", \"ratings\": " + stars + "}}", BEARER).status());
                    }
                    return statuses;
                }));
            }
            for (Future<List<Integer>> result : results) {
                assertEquals(List.of(200), result.get().stream().distinct().toList());
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode stored = es.source(IndexSchema.USERS, user).orElseThrow();
        Map<String, Double> ratings = ratings(stored);
        assertEquals(threads * perThread, ratings.size());
        assertEquals(threads * perThread, stored.get("rating_count").asInt());
        for (int t = 0; t < threads; t++) {
            for (int m = 0; m < perThread; m++) {
                assertEquals(1.0 + m % 5, ratings.get(String.valueOf(100_000 + t * 1_000 + m)));
            }
        }
    }

    @Test
    void aRejectedBatchWritesNothing() {
        Answer answer = service.post("/update_ratings", "{\"81000005\": {\"movie_id\": \"1\", \"rating\": 4}, "
                + "\"81000006\": {\"movie_id\": [\"1\", \"2\"], \"ratings\": [4]}}", BEARER);

        assertEquals(400, answer.status(), answer.text());
        assertEquals("81000006.ratings", answer.error().path("field").asText());
        assertTrue(answer.error().path("message").asText().contains("same length"), answer.text());
        assertFalse(es.source(IndexSchema.USERS, "81000005").isPresent(), "the valid user was not written");
    }

    @Test
    void badBodiesAreA400InTheErrorShape() {
        Answer malformed = service.post("/update_ratings", "{\"1\": ", BEARER);
        assertEquals(400, malformed.status());
        assertEquals("application/json", malformed.contentType());
        assertEquals("body", malformed.error().path("field").asText());
        assertEquals(400, malformed.error().path("status").asInt());

        Map<String, String> plainText = new HashMap<>(BEARER);
        plainText.put("Content-Type", "text/plain");
        Answer notJson = service.post("/update_ratings", "{\"1\": {\"movie_id\": \"1\", \"rating\": 4}}",
                plainText);
        assertEquals(415, notJson.status());
        assertEquals(415, notJson.error().path("status").asInt());

        Answer outOfRange = service.post("/update_ratings", "{\"1\": {\"movie_id\": \"1\", \"rating\": 5.5}}", BEARER);
        assertEquals(400, outOfRange.status());
        assertEquals("1.rating", outOfRange.error().path("field").asText());
    }

    @Test
    void writesNeedTheKey() {
        Answer answer = service.post("/update_ratings", "{\"81000007\": {\"movie_id\": \"1\", \"rating\": 4}}",
                Map.of());
        assertEquals(401, answer.status());
        assertEquals(401, answer.error().path("status").asInt());
        assertFalse(es.source(IndexSchema.USERS, "81000007").isPresent());
    }

    private static Map<String, Object> counts(JsonNode body) {
        Map<String, Object> counts = new HashMap<>();
        body.fields().forEachRemaining(field -> counts.put(field.getKey(), field.getValue().asInt()));
        return counts;
    }

    private static Map<String, Double> ratings(JsonNode user) {
        Map<String, Double> ratings = new HashMap<>();
        for (int i = 0; i < user.get("movie_ids").size(); i++) {
            ratings.put(user.get("movie_ids").get(i).asText(), user.get("ratings").get(i).asDouble());
        }
        return ratings;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
