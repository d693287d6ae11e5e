package recsys.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.online.security.ApiKeys;
import recsys.online.testing.ErrorAssertions;
import recsys.online.testing.JsonHttp;
import recsys.online.testing.OfflineFixture;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthEndpointTest implements TestPropertyProvider {

    private static final String KEY = "health-test-key";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    EmbeddedServer server;

    @Value("${micronaut.application.name}")
    String applicationName;

    @Override
    public Map<String, String> getProperties() {
        return OfflineFixture.get().serviceProperties(Map.of("recsys.api-key", KEY));
    }

    @Test
    void anonymousCallersGetTheStatusOnly() {
        HttpResponse<Map<String, Object>> response = client.toBlocking()
                .exchange(HttpRequest.GET("/health"), Argument.mapOf(String.class, Object.class));

        assertEquals(HttpStatus.OK, response.getStatus());
        assertEquals(Map.of("status", "UP"), response.body());
        JsonHttp http = new JsonHttp(server.getURL());
        JsonHttp.Response wrongKey = http.get("/health", Map.of(ApiKeys.API_KEY_HEADER, KEY + "-wrong"));
        assertEquals(200, wrongKey.status(), "a wrong key is anonymous, not refused: " + wrongKey.body());
        assertEquals(List.of("status"), ErrorAssertions.fieldNames(wrongKey.json()), wrongKey.body());
    }

    @Test
    void theApiKeyInEitherHeaderShowsEveryIndicatorsDetails() {
        JsonHttp http = new JsonHttp(server.getURL());
        for (Map<String, String> key : List.of(Map.of("Authorization", "Bearer " + KEY),
                Map.of(ApiKeys.API_KEY_HEADER, KEY))) {
            JsonHttp.Response health = http.get("/health", key);
            assertEquals(200, health.status(), health.body());
            assertEquals("UP", health.json().path("status").asText(), health.body());
            assertEquals(applicationName, health.json().path("name").asText(), health.body());
            assertEquals("UP", health.json().at("/details/elasticsearch/status").asText(), health.body());
            assertFalse(health.json().at("/details/model/details/version").asText().isBlank(), health.body());
        }
    }

    @Test
    void metricsAndApiDocumentationAreServed() {
        JsonHttp http = new JsonHttp(server.getURL());
        http.get("/recommendations?user_id=1&returnMetadata=false");
        JsonHttp.Response metrics = http.get("/prometheus");
        assertEquals(200, metrics.status());
        assertTrue(metrics.body().contains("http_server_requests_seconds_count"), "Prometheus text format");
        JsonHttp.Response openApi = http.get("/swagger/movie-recommender-0.1.0.yml");
        assertEquals(200, openApi.status());
        assertTrue(openApi.body().contains("/recommendations:") && openApi.body().contains("/features:"));
        JsonHttp.Response ui = http.get("/swagger-ui/index.html");
        assertEquals(200, ui.status());
        assertTrue(ui.body().contains("swagger"), "Swagger UI page");
    }

    @Test
    void configurationComesFromConfApplicationYml() {
        assertEquals("movie-recommender", applicationName);
    }
}
