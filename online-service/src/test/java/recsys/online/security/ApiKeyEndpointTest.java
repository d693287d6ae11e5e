package recsys.online.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.online.testing.ScratchIndices;
import recsys.online.testing.ServiceHttp;
import recsys.online.testing.ServiceHttp.Answer;

/**
 * The API key over HTTP, in the three configurations that matter: a key set with reads open (the default), a key
 * set with reads protected, and no key set. Each runs a server of its own on scratch indices.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeyEndpointTest {

    private static final String KEY = "a-long-random-key";
    private static final String WRITE = "{\"82000001\": {\"movie_id\": \"1\", \"rating\": 4}}";

    private ScratchIndices scratch;

    @BeforeAll
    void indices() {
        scratch = ScratchIndices.create("auth-it");
    }

    @AfterAll
    void deleteIndices() {
        scratch.close();
    }

    @Test
    void writesNeedTheKeyAndReadsAreOpenByDefault() {
        try (EmbeddedServer server = start(KEY, false)) {
            ServiceHttp http = new ServiceHttp(server.getURI());

            Answer missing = http.post("/update_ratings", WRITE, Map.of());
            assertEquals(401, missing.status());
            assertEquals("application/json", missing.contentType());
            assertEquals(401, missing.error().path("status").asInt());
            assertTrue(missing.error().path("message").asText().contains("API key is required"), missing.text());
            Answer wrong = http.post("/update_ratings", WRITE, Map.of("Authorization", "Bearer " + KEY + "x"));
            assertEquals(401, wrong.status());
            assertEquals("the API key is not valid", wrong.error().path("message").asText());
            Answer basic = http.post("/update_movie", "{}", Map.of("Authorization", "Basic " + KEY));
            assertEquals(401, basic.status());

            assertEquals(200, http.post("/update_ratings", WRITE, Map.of("Authorization", "Bearer " + KEY)).status());
            assertEquals(200, http.post("/update_ratings", WRITE, Map.of("X-Api-Key", KEY)).status());
            assertEquals(200, http.get("/test/read-probe", Map.of()).status());
            assertEquals(200, http.get("/health", Map.of()).status());
        }
    }

    @Test
    void readsCanBeProtectedTooButHealthStaysOpen() {
        try (EmbeddedServer server = start(KEY, true)) {
            ServiceHttp http = new ServiceHttp(server.getURI());

            Answer missing = http.get("/test/read-probe", Map.of());
            assertEquals(401, missing.status());
            assertEquals("Authorization", missing.error().path("field").asText());
            assertEquals(200, http.get("/test/read-probe", Map.of("X-Api-Key", KEY)).status());
            assertEquals(200, http.get("/health", Map.of()).status());
        }
    }

    @Test
    void withNoKeyConfiguredWritesAreRefusedAndSaySo() {
        try (EmbeddedServer server = start(null, false)) {
            ServiceHttp http = new ServiceHttp(server.getURI());

            Answer refused = http.post("/update_ratings", WRITE, Map.of("Authorization", "Bearer anything"));
            assertEquals(503, refused.status());
            assertTrue(refused.error().path("message").asText().contains("RECSYS_API_KEY"), refused.text());
            assertEquals(503, http.post("/update_movie", "{}", Map.of()).status());
            assertEquals(200, http.get("/test/read-probe", Map.of()).status());
        }
    }

    private EmbeddedServer start(String key, boolean protectReads) {
        Map<String, Object> properties = new HashMap<>(scratch.serviceProperties());
        properties.put("micronaut.server.port", -1);
        properties.put("recsys.test.read-probe", "true");
        properties.put("recsys.protect-reads", protectReads);
        if (key != null) {
            properties.put("recsys.api-key", key);
        }
        return ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }
}
