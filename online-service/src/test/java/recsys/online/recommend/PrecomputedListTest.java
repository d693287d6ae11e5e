package recsys.online.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.core.index.IndexNames;
import recsys.core.index.UserFields;
import recsys.online.model.ServingModels;
import recsys.online.testing.FixtureData;
import recsys.online.testing.JsonHttp;
import recsys.online.testing.OfflineFixture;

/**
 * The per-user lists stored in user documents: the start-up sweep writes them for every user, requests serve them,
 * and a list computed from other ratings than the user's current ones is never served (even when the writer that
 * changed the ratings left it in place).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrecomputedListTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;
    @Inject
    ElasticsearchClient client;
    @Inject
    IndexNames names;
    @Inject
    ServingModels models;
    @Inject
    PrecomputeSweep sweep;

    @Override
    public Map<String, String> getProperties() {
        return OfflineFixture.get().serviceProperties(Map.of("recsys.recommendations.precompute-on-start", "true"));
    }

    @Test
    void theSweepStoresAFreshListForEveryUserAndRequestsServeIt() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (sweep.busy() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(sweep.busy(), "the sweep did not finish");
        FixtureData data = new FixtureData(client, names);
        String version = models.current().orElseThrow().version();
        for (String userId : List.of("3", FixtureData.FIVE_RATINGS_USER)) {
            JsonNode user = data.user(userId);
            JsonNode stored = user.get(UserFields.RECOMMENDATIONS);
            assertTrue(stored != null, "no stored list for user " + userId);
            List<String> ids = FixtureData.strings(user.get("movie_ids"));
            List<Double> ratings = new ArrayList<>();
            user.get("ratings").forEach(r -> ratings.add(r.asDouble()));
            assertEquals(UserFields.ratingsFingerprint(ids, ratings), stored.get("ratings_fingerprint").asText());
            assertEquals(version, stored.get("model_version").asText());
            assertEquals(userId.equals("3") ? "model" : "cosine", stored.get("path").asText());
            List<String> list = FixtureData.strings(stored.get("movie_ids"));
            assertEquals(Math.min(100, 80 - new HashSet<>(ids).size()), list.size());
            assertTrue(list.stream().noneMatch(new HashSet<>(ids)::contains), "a rated movie in the stored list");

            JsonHttp.Response response = new JsonHttp(server.getURL())
                    .get("/recommendations?user_id=" + userId + "&returnMetadata=false");
            List<String> served = new ArrayList<>();
            response.json().get("items").forEach(item -> served.add(item.get("movie_id").asText()));
            assertEquals(list.subList(0, 10), served);
        }
    }

    @Test
    void aListFromOlderRatingsIsNeverServed() throws Exception {
        FixtureData data = new FixtureData(client, names);
        String userId = data.copyOfUser("4", "stale");
        JsonHttp http = new JsonHttp(server.getURL());
        List<String> first = served(http, userId);
        JsonNode stored = await(userId, doc -> doc.has(UserFields.RECOMMENDATIONS)).get(UserFields.RECOMMENDATIONS);
        assertEquals(first, FixtureData.strings(stored.get("movie_ids")).subList(0, 10));

        // a writer adds a rating of the top recommendation and (wrongly) leaves the stored list in place
        ObjectNode rated = (ObjectNode) data.user(userId).deepCopy();
        ((ArrayNode) rated.get("movie_ids")).add(first.get(0));
        ((ArrayNode) rated.get("ratings")).add(4.5);
        ((ArrayNode) rated.get("timestamps")).add(2_100_000_000L);
        rated.put("rating_count", rated.get("movie_ids").size());
        data.index(userId, rated);

        List<String> second = served(http, userId);
        assertFalse(second.contains(first.get(0)), "served the movie the user just rated: " + second);
        Set<String> ratedIds = new HashSet<>(FixtureData.strings(rated.get("movie_ids")));
        JsonNode refreshed = await(userId, doc -> !doc.at("/recommendations/ratings_fingerprint").asText()
                .equals(stored.get("ratings_fingerprint").asText()));
        assertTrue(FixtureData.strings(refreshed.at("/recommendations/movie_ids")).stream()
                .noneMatch(ratedIds::contains));
    }

    private List<String> served(JsonHttp http, String userId) {
        JsonHttp.Response response = http.get("/recommendations?user_id=" + userId + "&returnMetadata=false");
        assertEquals(200, response.status(), response.body());
        List<String> ids = new ArrayList<>();
        response.json().get("items").forEach(item -> ids.add(item.get("movie_id").asText()));
        return ids;
    }

    private JsonNode await(String userId, Predicate<JsonNode> condition) throws InterruptedException {
        FixtureData data = new FixtureData(client, names);
        long deadline = System.currentTimeMillis() + 20_000;
        JsonNode doc = data.user(userId);
        while (!condition.test(doc) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            doc = data.user(userId);
        }
        assertTrue(condition.test(doc), "user " + userId + " never reached the expected state: " + doc);
        return doc;
    }
}
