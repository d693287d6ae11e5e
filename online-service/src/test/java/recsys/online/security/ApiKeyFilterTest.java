package recsys.online.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static recsys.online.testing.ErrorAssertions.assertError;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.online.testing.JsonHttp;
import recsys.online.testing.OfflineFixture;

/** With {@code protect-reads} on, reads need the key like writes; health stays open. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeyFilterTest implements TestPropertyProvider {

    private static final String KEY = "test-key-123";

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return OfflineFixture.get().serviceProperties(Map.of("recsys.api-key", KEY, "recsys.protect-reads", "true"));
    }

    private JsonHttp.Response get(String path, String header, String value) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path)).GET();
        if (header != null) {
            request.header(header, value);
        }
        return new JsonHttp(server.getURL()).send(request.build());
    }

    @Test
    void readsNeedTheKeyInEitherHeader() {
        String path = "/recommendations?user_id=1&returnMetadata=false";
        assertError(get(path, null, null), 401, "Authorization");
        assertError(get(path, "Authorization", "Bearer wrong"), 401, "Authorization");
        assertError(get(path, "X-Api-Key", "wrong"), 401, "Authorization");
        assertEquals(200, get(path, "Authorization", "Bearer " + KEY).status());
        assertEquals(200, get(path, "X-Api-Key", KEY).status());
        assertError(get("/features?user_id=1", null, null), 401, "Authorization");
        assertEquals(200, get("/health", null, null).status());
    }

    @Test
    void writesNeedTheKey() {
        JsonHttp.Response response = new JsonHttp(server.getURL()).send(HttpRequest.newBuilder(
                URI.create(server.getURL() + "/update_ratings")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertError(response, 401, "Authorization");
    }
}
