package recsys.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static recsys.online.testing.ErrorAssertions.assertError;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.online.security.ApiKeys;
import recsys.online.testing.FixtureEndpointTest;
import recsys.online.testing.JsonHttp;
import recsys.online.testing.StandaloneService;

/** Only {@code /health} and {@code /prometheus} of Micronaut's management endpoints are served; the rest are 404. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementEndpointsTest extends FixtureEndpointTest {

    /**
     * Every endpoint micronaut-management (and micrometer) would otherwise add, by path. ({@code /health/liveness}
     * and {@code /health/readiness} are the health endpoint's own, for Kubernetes probes, and stay.)
     */
    private static final List<String> OFF = List.of("/beans", "/routes", "/threaddump", "/metrics",
            "/metrics/jvm.memory.used", "/info", "/refresh", "/loggers", "/loggers/ROOT", "/env", "/stop", "/caches");

    @Test
    void everyOtherManagementEndpointAnswers404InTheErrorShapeWithOrWithoutTheKey() {
        JsonHttp http = new JsonHttp(server.getURL());
        for (String path : OFF) {
            assertError(http.get(path), 404, null);
            assertError(http.get(path, Map.of(ApiKeys.API_KEY_HEADER, KEY)), 404, null);
        }
        for (String path : List.of("/refresh", "/stop", "/loggers/ROOT")) {
            assertError(http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path))
                    .header(ApiKeys.API_KEY_HEADER, KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"configuredLevel\": \"DEBUG\"}")).build()), 404, null);
        }
    }

    @Test
    void healthAndPrometheusStillAnswer() {
        JsonHttp http = new JsonHttp(server.getURL());
        for (String path : List.of("/health", "/health/liveness", "/health/readiness")) {
            JsonHttp.Response health = http.get(path);
            assertEquals(200, health.status(), path + " " + health.body());
            assertEquals("UP", health.json().path("status").asText(), health.body());
        }
        JsonHttp.Response metrics = http.get("/prometheus");
        assertEquals(200, metrics.status());
        assertTrue(metrics.header("Content-Type").orElseThrow().startsWith("text/plain"), metrics.body());
        assertTrue(metrics.body().contains("# TYPE jvm_memory_used_bytes gauge"), "Prometheus text format");
    }

    /**
     * Configuration can turn an endpoint back on (ENDPOINTS_BEANS_ENABLED=true): Micronaut then refuses the sensitive
     * ones with an empty 401 of its own, which the service answers in its error shape.
     */
    @Test
    void anEndpointTurnedBackOnIsRefusedInTheErrorShape() {
        try (EmbeddedServer beans = StandaloneService.start(Map.of("endpoints.beans.enabled", true))) {
            JsonHttp http = new JsonHttp(beans.getURL());
            assertError(http.get("/beans"), 401, null);
            assertError(http.get("/beans", Map.of(ApiKeys.API_KEY_HEADER, StandaloneService.KEY)), 401, null);
        }
    }
}
