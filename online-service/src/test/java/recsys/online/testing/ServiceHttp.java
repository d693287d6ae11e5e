package recsys.online.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Raw HTTP to the service under test, with the JDK client rather than Micronaut's: it sends any bytes and any query
 * string as given (the fuzz tests need both) and returns every status as an answer instead of an exception.
 */
public final class ServiceHttp {

    /** A status and the body, parsed as JSON when it is JSON ({@link MissingNode} otherwise). */
    public record Answer(int status, String contentType, String text, JsonNode json) {

        /** The {@code error} object of the service's error shape, or a missing node. */
        public JsonNode error() {
            return json.path("error");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public ServiceHttp(URI base) {
        this.base = base;
    }

    public Answer post(String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json");
        headers.forEach(request::setHeader); // may replace the Content-Type
        return send(request);
    }

    public Answer post(String path, String body, Map<String, String> headers) {
        return post(path, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** {@code pathAndQuery} must already be URI-encoded. */
    public Answer get(String pathAndQuery, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET();
        headers.forEach(request::header);
        return send(request);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json = MissingNode.getInstance();
            if (type.startsWith("application/json")) {
                try {
                    json = JSON.readTree(response.body());
                } catch (JsonProcessingException e) {
                    json = MissingNode.getInstance();
                }
            }
            return new Answer(response.statusCode(), type, response.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
