package recsys.online.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static recsys.online.testing.ErrorAssertions.assertError;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.online.security.ApiKeys;
import recsys.online.testing.FixtureData;
import recsys.online.testing.JsonHttp;
import recsys.online.testing.OfflineFixture;
import recsys.online.testing.TcpProxy;

/**
 * Elasticsearch goes away and comes back (through a proxy the test cuts, so the shared server keeps running): reads
 * answer 503 in the error shape and health is DOWN meanwhile, and both recover without a restart.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ElasticsearchOutageTest implements TestPropertyProvider {

    /** /health shows its details to requests with the key. */
    private static final String KEY = "elasticsearchoutage-key";

    @Inject
    EmbeddedServer server;

    private TcpProxy proxy;

    @Override
    public Map<String, String> getProperties() {
        OfflineFixture.Loaded fixture = OfflineFixture.get();
        URI elasticsearch = URI.create(fixture.elasticsearchUrl());
        proxy = new TcpProxy(elasticsearch.getHost(), elasticsearch.getPort());
        return fixture.serviceProperties(Map.of("recsys.es.url", "http://127.0.0.1:" + proxy.port(),
                "recsys.es.connect-timeout", "500ms", "recsys.es.socket-timeout", "2s", "recsys.api-key", KEY));
    }

    @AfterAll
    void closeProxy() {
        proxy.close();
    }

    @Test
    void readsAnswer503AndHealthIsDownUntilElasticsearchIsBack() throws InterruptedException {
        JsonHttp http = new JsonHttp(server.getURL());
        String recommendations = "/recommendations?user_id=" + FixtureData.FIVE_RATINGS_USER + "&returnMetadata=true";
        assertEquals(200, http.get(recommendations).status());
        assertEquals(200, http.get("/health").status());

        proxy.cut();
        assertError(http.get(recommendations), 503, null);
        assertError(http.get("/recommendations?user_id=someone-new&returnMetadata=false&genre=Drama"), 503, null);
        assertError(http.get("/features?user_id=1"), 503, null);
        JsonHttp.Response health = http.get("/health", Map.of(ApiKeys.API_KEY_HEADER, KEY)); // details need the key
        assertEquals(503, health.status(), health.body());
        assertEquals("DOWN", health.json().get("status").asText());
        assertEquals("DOWN", health.json().at("/details/elasticsearch/status").asText(), health.body());

        proxy.restore();
        long deadline = System.currentTimeMillis() + 15_000;
        int status = 0;
        while (System.currentTimeMillis() < deadline && (status = http.get(recommendations).status()) != 200) {
            Thread.sleep(100);
        }
        assertEquals(200, status, "recommendations did not recover");
        assertEquals(200, http.get("/health").status());
        assertEquals(200, http.get("/features?user_id=1").status());
    }
}
