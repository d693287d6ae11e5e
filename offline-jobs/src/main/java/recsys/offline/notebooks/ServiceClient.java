package recsys.offline.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Calls the running online service the way its users do, over HTTP with JSON, for the service notebook. A plain
 * JDK client rather than the service's own Micronaut client: the notebook kernel runs the offline class path,
 * which must not mix Micronaut's Netty and Jackson with Spark's.
 *
 * @param baseUrl the service, e.g. {@code http://127.0.0.1:8080}
 * @param apiKey  the key the write endpoints and {@code /health}'s details need (sent as {@code X-Api-Key} with
 *                every request), or null for reads only
 */
public record ServiceClient(URI baseUrl, String apiKey) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A reply: its status and JSON body. */
    public record Reply(int status, JsonNode body) {
        @Override
        public String toString() {
            return status + " " + body.toPrettyString();
        }
    }

    /**
     * The service {@code quickstart} started: {@code $RECSYS_SERVICE_URL} (default {@code http://127.0.0.1:8080}),
     * with the key from {@code $RECSYS_API_KEY} or else the file {@code var/api-key} quickstart wrote.
     */
    public static ServiceClient fromEnvironment(Path home) {
        String url = System.getenv().getOrDefault("RECSYS_SERVICE_URL", "http://127.0.0.1:8080");
        String key = System.getenv("RECSYS_API_KEY");
        Path keyFile = home.resolve("var").resolve("api-key");
        try {
            if ((key == null || key.isBlank()) && Files.isReadable(keyFile)) {
                key = Files.readString(keyFile, StandardCharsets.UTF_8).trim();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + keyFile, e);
        }
        return new ServiceClient(URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url), key);
    }

    /** {@code GET path?query}; the query's values are URL-encoded here. */
    public Reply get(String path, Map<String, ?> query) {
        String encoded = query.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path
                + (encoded.isEmpty() ? "" : "?" + encoded))).GET();
        // reads are open unless recsys.protect-reads is on, but /health shows its details (the model's version,
        // when it was trained) only to a caller with the key
        authorize(request);
        return send(request);
    }

    private void authorize(HttpRequest.Builder request) {
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("X-Api-Key", apiKey);
        }
    }

    /** {@code POST path} with {@code body} as JSON (maps, lists, strings and numbers). */
    public Reply post(String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            authorize(request);
            return send(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A map in the given order, for query strings and request bodies. */
    public static Map<String, Object> ordered(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
        }
        return map;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String body = response.body();
            return new Reply(response.statusCode(), body == null || body.isBlank()
                    ? JSON.nullNode() : JSON.readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the service at " + baseUrl
                    + " (start it with bin/recsys quickstart or bin/recsys serve)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
