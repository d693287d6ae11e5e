package recsys.online.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Plain JDK HTTP calls to the service under test, answering every status (no exceptions for 4xx/5xx). */
public final class JsonHttp {

    /** A response: status, the body as JSON (null when it is not JSON), a header lookup, and the raw body. */
    public record Response(int status, JsonNode json, String body, HttpResponse<String> raw) {
        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    public JsonHttp(URL serverUrl) {
        this.base = URI.create(serverUrl.toString());
    }

    /** GET {@code pathAndQuery}, which must already be URL-encoded. */
    public Response get(String pathAndQuery) {
        return get(pathAndQuery, Map.of());
    }

    /** GET {@code pathAndQuery} (URL-encoded) with these request headers, e.g. the API key. */
    public Response get(String pathAndQuery, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        return send(request.GET().build());
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = response.body().isEmpty() ? null : JSON.readTree(response.body());
            } catch (IOException notJson) {
                // left null: the assertion that wanted JSON will say so, with the body
            }
            return new Response(response.statusCode(), json, response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static ObjectMapper mapper() {
        return JSON;
    }
}
