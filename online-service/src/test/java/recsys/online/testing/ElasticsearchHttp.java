package recsys.online.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;

/**
 * Plain HTTP to Elasticsearch for tests that check what the service wrote, independently of the service's own
 * client and stores: documents by id, searches, index administration.
 */
public final class ElasticsearchHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final IndexNames names;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public ElasticsearchHttp(String url, IndexNames names) {
        this.url = url;
        this.names = names;
    }

    /** The texts of a JSON list (a keyword array of a document); empty for a missing field. */
    public static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(value -> values.add(value.asText()));
        }
        return values;
    }

    /** The alias of a schema under this prefix. */
    public String alias(IndexSchema schema) {
        return names.alias(schema);
    }

    /** The {@code _source} of a document read through the schema's alias, or empty when there is none. */
    public Optional<JsonNode> source(IndexSchema schema, String id) {
        JsonNode response = json(exchange("GET", "/" + names.alias(schema) + "/_doc/" + id, null, true));
        return response.path("found").asBoolean() ? Optional.of(response.get("_source")) : Optional.empty();
    }

    /** A {@code _search} on the schema's alias (searchable documents only: a refresh must have happened). */
    public JsonNode search(IndexSchema schema, String body) {
        return json(send("POST", "/" + names.alias(schema) + "/_search", body));
    }

    /** Sends a request and returns the body; fails on any status above 299. */
    public String send(String method, String path, String body) {
        return exchange(method, path, body, false);
    }

    private String exchange(String method, String path, String body, boolean notFoundIsAnAnswer) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json");
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            boolean ok = response.statusCode() <= 299 || notFoundIsAnAnswer && response.statusCode() == 404;
            if (!ok) {
                throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
