package recsys.online.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.core.events.EventFields;
import recsys.core.index.IndexSchema;
import recsys.online.testing.ElasticsearchHttp;
import recsys.online.testing.FixtureEndpointTest;
import recsys.online.testing.ServiceHttp.Answer;

/**
 * Every accepted write is in the {@code events} index when the 200 arrives, with what the history got; a retried
 * request with the same {@code Idempotency-Key} rewrites its events; a rejected request appends nothing. Users of
 * these tests are 83xxxxxx, movies 983xxxxx.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventLogEndpointTest extends FixtureEndpointTest {

    @Test
    void anAcceptedRatingIsAnEventWithTheHistorysTimestamp() {
        Answer answer = service.post("/update_ratings", "{\"83000001\": {\"movie_id\": [\"1\", \"2\", \"1\"], "
                + "\"ratings\": [3.0, 4.5, 5.0]}}", with(API_KEY, "req-83000001"));
        assertEquals(200, answer.status(), answer.text());

        List<JsonNode> events = eventsOfUser("83000001");
        Map<String, Double> rated = new HashMap<>();
        for (JsonNode event : events) {
            rated.put(event.get(EventFields.MOVIE_ID).asText(), event.get(EventFields.RATING).asDouble());
            assertEquals(EventFields.RATING_TYPE, event.get(EventFields.TYPE).asText());
            assertEquals("req-83000001", event.get(EventFields.REQUEST_KEY).asText());
        }
        assertEquals(Map.of("1", 5.0, "2", 4.5), rated, "one event per movie, the request's latest rating");
        JsonNode user = es.source(IndexSchema.USERS, "83000001").orElseThrow();
        for (JsonNode event : events) {
            assertEquals(user.get("timestamps").get(0).asLong(), event.get(EventFields.TIMESTAMP).asLong());
            assertTrue(event.get(EventFields.RECEIVED_AT).asLong() / 1000 >= event.get(EventFields.TIMESTAMP).asLong());
        }
    }

    @Test
    void aRetriedRequestRewritesItsOwnEventsAndANewOneAddsItsOwn() {
        String body = "{\"83000002\": {\"movie_id\": \"7\", \"rating\": 4.0}}";
        for (int attempt = 0; attempt < 3; attempt++) {
            Answer answer = service.post("/update_ratings", body, with(API_KEY, "retried-83000002"));
            assertEquals(200, answer.status(), answer.text());
        }
        assertEquals(1, eventsOfUser("83000002").size(), "the same key three times: one event");

        Answer fresh = service.post("/update_ratings", body, API_KEY);
        assertEquals(200, fresh.status(), fresh.text());
        assertEquals(2, eventsOfUser("83000002").size(), "no key: a request of its own");
    }

    @Test
    void aRejectedRequestAppendsNothing() {
        Answer badKey = service.post("/update_ratings", "{\"83000003\": {\"movie_id\": \"7\", \"rating\": 4.0}}",
                with(API_KEY, "a b"));
        assertEquals(400, badKey.status(), badKey.text());
        assertEquals(RequestKey.HEADER, badKey.error().get("field").asText(), badKey.text());
        Answer badRating = service.post("/update_ratings", "{\"83000003\": {\"movie_id\": [\"7\", \"8\"], "
                + "\"ratings\": [4.0, 9.0]}}", API_KEY);
        assertEquals(400, badRating.status(), badRating.text());

        assertEquals(List.of(), eventsOfUser("83000003"));
        assertTrue(es.source(IndexSchema.USERS, "83000003").isEmpty());
    }

    @Test
    void aMovieEventCarriesTheFieldsAndTheVectorTheServiceWrote() {
        Answer answer = service.post("/update_movie", "{\"98300001\": {\"title\": \"Event Horizon (1997)\", "
                + "\"genres\": \"Horror|Sci-Fi\", \"tags\": \"space|dark\"}}", with(API_KEY, "movie-98300001"));
        assertEquals(200, answer.status(), answer.text());

        List<JsonNode> events = search("{\"term\": {\"" + EventFields.MOVIE_ID + "\": \"98300001\"}}");
        assertEquals(1, events.size(), events.toString());
        JsonNode event = events.get(0);
        assertEquals(EventFields.MOVIE_TYPE, event.get(EventFields.TYPE).asText());
        assertEquals("Event Horizon (1997)", event.get(EventFields.TITLE).asText());
        assertEquals(1997, event.get(EventFields.YEAR).asInt());
        assertEquals("[\"Horror\",\"Sci-Fi\"]", event.get(EventFields.GENRES).toString());
        assertEquals("[\"space\",\"dark\"]", event.get(EventFields.TAGS).toString());
        JsonNode stored = es.source(IndexSchema.MOVIE_VECTORS, "98300001").orElseThrow().get("movie_vector");
        assertEquals(stored.size(), event.get(EventFields.VECTOR).size());
        for (int i = 0; i < stored.size(); i++) {
            assertEquals((float) stored.get(i).asDouble(), (float) event.get(EventFields.VECTOR).get(i).asDouble());
        }
    }

    /** An operator deleted the events index: the next write recreates it with the strict mapping, not a guessed one. */
    @Test
    void aDeletedEventsIndexIsRecreatedWithItsMapping() {
        Answer first = service.post("/update_ratings", "{\"83000004\": {\"movie_id\": \"7\", \"rating\": 2.0}}",
                API_KEY);
        assertEquals(200, first.status(), first.text());
        es.send("DELETE", "/" + es.alias(IndexSchema.EVENTS) + "-" + IndexSchema.KEPT_INDEX_SUFFIX, null);

        Answer second = service.post("/update_ratings", "{\"83000004\": {\"movie_id\": \"8\", \"rating\": 2.5}}",
                API_KEY);
        assertEquals(200, second.status(), second.text());
        assertEquals(1, eventsOfUser("83000004").size());
        String mapping = es.send("GET", "/" + es.alias(IndexSchema.EVENTS) + "/_mapping", null);
        assertTrue(mapping.contains("\"dynamic\":\"strict\""), mapping);
    }

    private static Map<String, String> with(Map<String, String> headers, String key) {
        Map<String, String> all = new HashMap<>(headers);
        all.put(RequestKey.HEADER, key);
        return all;
    }

    private List<JsonNode> eventsOfUser(String user) {
        return search("{\"term\": {\"" + EventFields.USER_ID + "\": \"" + user + "\"}}");
    }

    /** Events matching {@code query}; none when the index does not exist yet (no write made it so far). */
    private List<JsonNode> search(String query) {
        String missingIsEmpty = "?ignore_unavailable=true&allow_no_indices=true";
        String alias = es.alias(IndexSchema.EVENTS);
        es.send("POST", "/" + alias + "/_refresh" + missingIsEmpty, null);
        List<JsonNode> hits = new ArrayList<>();
        JsonNode answer = ElasticsearchHttp.json(es.send("POST", "/" + alias + "/_search" + missingIsEmpty,
                "{\"size\": 100, \"query\": " + query + "}"));
        answer.path("hits").path("hits").forEach(hit -> hits.add(hit.get("_source")));
        return hits;
    }
}
