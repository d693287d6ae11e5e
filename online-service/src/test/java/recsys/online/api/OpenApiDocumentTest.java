package recsys.online.api;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document generated at compile time documents every route and every parameter a client may send: the
 * listing parameters on each listing endpoint, and the session body.
 */
class OpenApiDocumentTest {

    private static final List<String> LIST_PARAMETERS = List.of("limit", "offset", "returnMetadata", "explain",
            "genre", "genre_mode", "exclude_genre", "year_from", "year_to", "exclude");

    @Test
    void everyRouteAndParameterIsDocumented() throws IOException {
        JsonNode paths;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/swagger/movie-recommender-0.1.0.yml")) {
            assertNotNull(in, "the OpenAPI document is generated into the jar");
            Object document = new org.yaml.snakeyaml.Yaml().load(in);
            paths = new ObjectMapper().valueToTree(document).get("paths");
        }
        Map<String, List<String>> expected = Map.of(
                "/recommendations", LIST_PARAMETERS,
                "/recommendations/session", LIST_PARAMETERS,
                "/movies/{movie_id}/similar", concat(LIST_PARAMETERS, List.of("source", "movie_id")),
                "/movies/search", List.of("q", "limit"),
                "/movies/{movie_id}", List.of("movie_id"),
                "/users/{user_id}/ratings", List.of("user_id", "returnMetadata"),
                "/features", List.of("user_id"));
        expected.forEach((path, parameters) -> {
            JsonNode route = paths.get(path);
            assertNotNull(route, path + " is not documented");
            JsonNode operation = route.has("get") ? route.get("get") : route.get("post");
            Set<String> documented = new HashSet<>();
            operation.path("parameters").forEach(p -> documented.add(p.get("name").asText()));
            for (String parameter : parameters) {
                assertTrue(documented.contains(parameter), path + " does not document " + parameter + ": "
                        + documented);
            }
            assertTrue(operation.path("responses").has("400") || path.equals("/features"), path + ": no 400");
        });
        assertTrue(paths.get("/recommendations/session").get("post").has("requestBody"), "the session body");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
