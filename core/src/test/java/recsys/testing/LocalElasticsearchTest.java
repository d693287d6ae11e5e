package recsys.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starts (or finds) the local Elasticsearch and checks it is the expected version, healthy, and answers
 * {@code GET /} and {@code HEAD /} (which only work with es-root-plugin installed).
 */
class LocalElasticsearchTest {

    private static final Pattern VERSION_NUMBER =
            Pattern.compile("\"version\"\\s*:\\s*\\{[^}]*?\"number\"\\s*:\\s*\"([^\"]+)\"");

    private static final Pattern TAGLINE = Pattern.compile("\"tagline\"\\s*:\\s*\"You Know, for Search\"");

    private static String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startServer() {
        baseUrl = LocalElasticsearch.ensureRunning();
    }

    @Test
    void rootEndpointReportsVersion() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        Matcher m = VERSION_NUMBER.matcher(response.body());
        assertTrue(m.find(), response.body());
        // RECSYS_ES_URL may point at any 8.19.x; the local server is exactly 8.19.21.
        if (System.getenv(LocalElasticsearch.URL_ENV) == null) {
            assertEquals("8.19.21", m.group(1));
        }
        assertTrue(TAGLINE.matcher(response.body()).find(), response.body());
    }

    @Test
    void headRootAnswers200() throws Exception {
        HttpResponse<Void> response = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/")).method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());

        assertEquals(200, response.statusCode());
    }

    @Test
    void clusterIsGreenOrYellow() {
        String status = LocalElasticsearch.healthStatus(baseUrl).orElse("no answer");

        assertTrue(status.equals("green") || status.equals("yellow"), status);
    }

    @Test
    void ensureRunningIsIdempotent() {
        assertEquals(baseUrl, LocalElasticsearch.ensureRunning());
    }
}
