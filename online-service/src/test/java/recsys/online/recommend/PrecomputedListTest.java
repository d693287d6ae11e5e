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
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
import recsys.online.testing.TopNVersions;
import recsys.online.users.UserStore;

/**
 * The per-user lists stored in user documents, as the offline job writes them for a top-N version (path
 * {@code top-n}, the version, core's ratings fingerprint) and as the service stores the ones it computes: a list whose
 * fingerprint matches the user's current ratings is served as it is; one from another model version still serves
 * while its replacement is computed in the background; one computed from other ratings is never served. Nothing
 * walks the users at start: a user without a list gets one computed by their first request.
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
    UserStore users;
    @Inject
    RankedListComputer computer;

    private Path storage;

    @Override
    public Map<String, String> getProperties() {
        storage = TopNVersions.fixtureStorageWithTopN();
        return OfflineFixture.get().serviceProperties(Map.of("recsys.storage", storage.toString()));
    }

    @Test
    void aListTheOfflineJobStoredForTheCurrentRatingsIsServedAsItIs() {
        FixtureData data = new FixtureData(client, names);
        String userId = data.copyOfUser("3", "offline-list");
        String version = models.current().orElseThrow().version();
        // not the list the service would compute, so serving it proves it was read, not recomputed
        List<String> offline = new ArrayList<>(computer.compute(users.find(userId).orElseThrow().document())
                .movieIds());
        Collections.reverse(offline);
        storeAsTheOfflineJob(data, userId, offline, version);

        JsonHttp.Response response = new JsonHttp(server.getURL())
                .get("/recommendations?user_id=" + userId + "&returnMetadata=false&limit=100");

        assertEquals(offline.subList(0, Math.min(100, offline.size())), ids(response));
        assertEquals("top-n", response.header("X-Recsys-Ranking").orElseThrow());
        assertEquals(version, response.header("X-Recsys-Model").orElseThrow());
    }

    @Test
    void aListOfAnotherModelVersionServesWhileItsReplacementIsComputed() throws InterruptedException {
        FixtureData data = new FixtureData(client, names);
        String userId = data.copyOfUser("5", "older-version");
        String version = models.current().orElseThrow().version();
        List<String> older = new ArrayList<>(computer.compute(users.find(userId).orElseThrow().document())
                .movieIds());
        Collections.reverse(older);
        storeAsTheOfflineJob(data, userId, older, "an-older-version");
        JsonHttp http = new JsonHttp(server.getURL());

        JsonHttp.Response first = http.get("/recommendations?user_id=" + userId + "&returnMetadata=false");
        assertEquals(older.subList(0, 10), ids(first));
        assertEquals("an-older-version", first.header("X-Recsys-Model").orElseThrow());

        JsonNode replaced = await(data, userId, doc -> version.equals(doc.at("/recommendations/model_version")
                .asText()));
        List<String> stored = FixtureData.strings(replaced.at("/recommendations/movie_ids"));
        assertEquals("top-n", replaced.at("/recommendations/path").asText());
        assertEquals(computer.compute(users.find(userId).orElseThrow().document()).movieIds(), stored);
        Set<String> rated = new HashSet<>(FixtureData.strings(replaced.get("movie_ids")));
        assertTrue(stored.size() >= Math.min(100, 80 - rated.size()), "every unrated catalogue movie: " + stored);
        assertTrue(stored.stream().noneMatch(rated::contains), "a rated movie in the stored list");
        JsonHttp.Response second = http.get("/recommendations?user_id=" + userId + "&returnMetadata=false");
        assertEquals(stored.subList(0, 10), ids(second));
        assertEquals(version, second.header("X-Recsys-Model").orElseThrow());
    }

    @Test
    void aUserWithoutAListGetsOneComputedByTheirFirstRequestAndStored() throws InterruptedException {
        FixtureData data = new FixtureData(client, names);
        String userId = data.copyOfUser("6", "no-list");
        assertFalse(data.user(userId).has(UserFields.RECOMMENDATIONS));

        List<String> served = ids(new JsonHttp(server.getURL())
                .get("/recommendations?user_id=" + userId + "&returnMetadata=false"));

        JsonNode stored = await(data, userId, doc -> doc.has(UserFields.RECOMMENDATIONS))
                .get(UserFields.RECOMMENDATIONS);
        assertEquals(served, FixtureData.strings(stored.get("movie_ids")).subList(0, 10));
        assertEquals(data.user(userId).get(UserFields.RECOMMENDATIONS).get("ratings_fingerprint").asText(),
                fingerprint(data.user(userId)));
    }

    @Test
    void aListFromOlderRatingsIsNeverServed() throws Exception {
        FixtureData data = new FixtureData(client, names);
        String userId = data.copyOfUser("4", "stale");
        JsonHttp http = new JsonHttp(server.getURL());
        List<String> first = served(http, userId);
        JsonNode stored = await(data, userId, doc -> doc.has(UserFields.RECOMMENDATIONS))
                .get(UserFields.RECOMMENDATIONS);
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
        JsonNode refreshed = await(data, userId, doc -> !doc.at("/recommendations/ratings_fingerprint").asText()
                .equals(stored.get("ratings_fingerprint").asText()));
        assertTrue(FixtureData.strings(refreshed.at("/recommendations/movie_ids")).stream()
                .noneMatch(ratedIds::contains));
    }

    /** Writes {@code movieIds} into the user's document the way the offline job does. */
    private static void storeAsTheOfflineJob(FixtureData data, String userId, List<String> movieIds,
                                             String version) {
        ObjectNode user = (ObjectNode) data.user(userId).deepCopy();
        ObjectNode list = user.putObject(UserFields.RECOMMENDATIONS);
        movieIds.forEach(list.putArray("movie_ids")::add);
        list.put("ratings_fingerprint", fingerprint(user));
        list.put("model_version", version);
        list.put("path", "top-n");
        list.put("computed_at", Instant.now().toString());
        data.index(userId, user);
    }

    private static String fingerprint(JsonNode user) {
        List<Double> ratings = new ArrayList<>();
        user.get("ratings").forEach(r -> ratings.add(r.asDouble()));
        return UserFields.ratingsFingerprint(FixtureData.strings(user.get("movie_ids")), ratings);
    }

    private List<String> served(JsonHttp http, String userId) {
        return ids(http.get("/recommendations?user_id=" + userId + "&returnMetadata=false"));
    }

    private static List<String> ids(JsonHttp.Response response) {
        assertEquals(200, response.status(), response.body());
        List<String> ids = new ArrayList<>();
        response.json().get("items").forEach(item -> ids.add(item.get("movie_id").asText()));
        return ids;
    }

    private static JsonNode await(FixtureData data, String userId, Predicate<JsonNode> condition)
            throws InterruptedException {
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
