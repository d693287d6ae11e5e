package recsys.online.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static recsys.online.testing.FixtureData.HEAVY_USER;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.core.features.RatedMovie;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.online.testing.ErrorAssertions;
import recsys.online.testing.FixtureData;
import recsys.online.testing.JsonHttp;
import recsys.online.testing.OfflineFixture;
import recsys.online.testing.ServiceHttp;
import recsys.online.testing.TopNVersions;

/**
 * {@code POST /recommendations/session}: a visitor's ratings alone give the same list a stored user with those
 * ratings gets, without the write key and without storing anything; bad bodies are 400s naming the field.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionEndpointTest implements TestPropertyProvider {

    private static final String KEY = "session-test-key";

    @Inject
    EmbeddedServer server;
    @Inject
    ElasticsearchClient client;
    @Inject
    IndexNames names;

    private FixtureData data;
    private JsonHttp http;
    private ServiceHttp service;

    @Override
    public Map<String, String> getProperties() {
        Path storage = TopNVersions.fixtureStorageWithTopN();
        return OfflineFixture.get().serviceProperties(Map.of("recsys.storage", storage.toString(),
                "recsys.api-key", KEY));
    }

    @BeforeAll
    void setUp() {
        data = new FixtureData(client, names);
        http = new JsonHttp(server.getURL());
        service = new ServiceHttp(server.getURI());
    }

    @Test
    void aSessionGetsTheListOfAStoredUserWithTheSameRatings() {
        String user = data.copyOfUser(HEAVY_USER, "session");
        List<RatedMovie> ratings = data.ratings(user);
        StringBuilder body = new StringBuilder("{\"ratings\": {");
        for (int i = 0; i < ratings.size(); i++) {
            body.append(i == 0 ? "" : ", ").append('"').append(ratings.get(i).movieId()).append("\": ")
                    .append(ratings.get(i).rating());
        }
        body.append("}}");
        long usersBefore = count();
        ServiceHttp.Answer session = service.post("/recommendations/session?limit=20", body.toString(), Map.of());
        assertEquals(200, session.status(), session.text());
        assertEquals(ids(http.get("/recommendations?user_id=" + user + "&limit=20").json()), ids(session.json()));
        assertEquals(usersBefore, count(), "a session stores nothing");

        ServiceHttp.Answer filtered = service.post("/recommendations/session?limit=5&offset=5&explain=true&genre="
                + data.movie("1").get("genres").get(0).asText(), body.toString(), Map.of());
        assertEquals(200, filtered.status(), filtered.text());
        assertEquals(ids(http.get("/recommendations?user_id=" + user + "&limit=5&offset=5&genre="
                + data.movie("1").get("genres").get(0).asText()).json()), ids(filtered.json()));
        assertTrue(filtered.json().get("items").get(0).has("reasons"));
    }

    @Test
    void aListOfIdsCountsAsLikedRatings() {
        String ids = "{\"movie_ids\": [\"1\", \"7\", \"12\"]}";
        String rated = "{\"ratings\": {\"1\": 4.0, \"7\": 4.0, \"12\": 4.0}}";
        ServiceHttp.Answer byIds = service.post("/recommendations/session", ids, Map.of());
        assertEquals(200, byIds.status(), byIds.text());
        assertEquals(ids(service.post("/recommendations/session", rated, Map.of()).json()), ids(byIds.json()));
        assertEquals(ids(byIds.json()), ids(service.post("/recommendations/session",
                "{\"ratings\": [\"1\", \"7\", \"12\"]}", Map.of()).json()));
        assertEquals(ids(byIds.json()), ids(service.post("/recommendations/session", "[\"1\", \"7\", \"12\"]",
                Map.of()).json()));
        assertTrue(ids(byIds.json()).stream().noneMatch(List.of("1", "7", "12")::contains));
        ServiceHttp.Answer empty = service.post("/recommendations/session", "{\"ratings\": {}}", Map.of());
        assertEquals(200, empty.status(), empty.text());
        assertEquals(10, empty.json().get("items").size(), "no ratings: the popularity list");
    }

    @Test
    void badBodiesNameTheirField() {
        String tooMany = "{\"movie_ids\": [" + "\"1\", ".repeat(1000) + "\"2\"]}";
        for (String[] bad : new String[][] {
                {"", "body"},
                {"[1]", "body[0]"},
                {"5", "body"},
                {"{}", "ratings"},
                {"{\"ratings\": {\"1\": 9}}", "ratings.1"},
                {"{\"ratings\": {\"1\": \"5\"}}", "ratings.1"},
                {"{\"ratings\": {\"a b\": 5}}", "ratings.a b"},
                {"{\"ratings\": 5}", "ratings"},
                {"{\"movie_ids\": [1]}", "movie_ids[0]"},
                {"{\"movie_ids\": {\"1\": 5}}", "movie_ids"},
                {"{\"ratings\": {}, \"movie_ids\": []}", "ratings"},
                {"{\"rating\": {}}", "body.rating"},
                {tooMany, "movie_ids"}}) {
            ServiceHttp.Answer answer = service.post("/recommendations/session", bad[0], Map.of());
            assertEquals(400, answer.status(), bad[0] + " " + answer.text());
            assertEquals(bad[1], answer.error().get("field").asText(), answer.text());
        }
        JsonHttp.Response badQuery = http.get("/recommendations/session");
        assertTrue(badQuery.status() == 405 || badQuery.status() == 404, "GET is not the session route");
        ServiceHttp.Answer badLimit = service.post("/recommendations/session?limit=0", "{\"movie_ids\": [\"1\"]}",
                Map.of());
        assertEquals("limit", badLimit.error().get("field").asText(), badLimit.text());
    }

    private long count() {
        try {
            client.indices().refresh(r -> r.index(names.alias(IndexSchema.USERS)));
            return client.count(c -> c.index(names.alias(IndexSchema.USERS))).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> ids(JsonNode json) {
        List<String> ids = new ArrayList<>();
        for (JsonNode item : json.get("items")) {
            ids.add(item.get("movie_id").asText());
        }
        return ids;
    }
}
