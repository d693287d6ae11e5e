package recsys.online.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import recsys.online.testing.ErrorAssertions;
import recsys.online.testing.JsonHttp;
import recsys.online.testing.OfflineFixture;

/**
 * No query string makes {@code GET /recommendations} or {@code GET /features} fail with a 5xx: any value of any
 * parameter, present or not, gets a 200 in the endpoint's shape or a 4xx in the error shape. jqwik does not run
 * inside {@code @MicronautTest}, so the server is started by hand, once for the container.
 */
class QueryParameterFuzzTest {

    private static EmbeddedServer server;
    private static JsonHttp http;

    @BeforeContainer
    static void start() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.<String, Object>copyOf(OfflineFixture.get().serviceProperties()), "test");
        http = new JsonHttp(server.getURL());
    }

    @AfterContainer
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Property(tries = 300)
    void recommendationsNeverFail(@ForAll("values") String userId, @ForAll("values") String returnMetadata,
                                  @ForAll("values") String limit, @ForAll("values") String genre) {
        StringBuilder query = new StringBuilder("/recommendations?");
        append(query, "user_id", userId);
        append(query, "returnMetadata", returnMetadata);
        append(query, "limit", limit);
        append(query, "genre", genre);
        assertShape(query.toString(), "items");
    }

    /** The list parameters every listing endpoint shares, some repeated, on {@code /recommendations}. */
    @Property(tries = 300)
    void listParametersNeverFail(@ForAll("values") String userId, @ForAll("values") String offset,
                                 @ForAll("values") String explain, @ForAll("values") String genreMode,
                                 @ForAll("values") String genre, @ForAll("values") String otherGenre,
                                 @ForAll("values") String excludeGenre, @ForAll("values") String yearFrom,
                                 @ForAll("values") String yearTo, @ForAll("values") String exclude) {
        StringBuilder query = new StringBuilder("/recommendations?");
        append(query, "user_id", userId);
        append(query, "offset", offset);
        append(query, "explain", explain);
        append(query, "genre_mode", genreMode);
        append(query, "genre", genre);
        append(query, "genre", otherGenre);
        append(query, "exclude_genre", excludeGenre);
        append(query, "year_from", yearFrom);
        append(query, "year_to", yearTo);
        append(query, "exclude", exclude);
        assertShape(query.toString(), "items");
    }

    @Property(tries = 200)
    void similarNeverFails(@ForAll("values") String movieId, @ForAll("values") String source,
                           @ForAll("values") String limit, @ForAll("values") String offset,
                           @ForAll("values") String genre, @ForAll("values") String yearFrom) {
        String id = movieId == null ? "1" : URLEncoder.encode(movieId, StandardCharsets.UTF_8).replace("+", "%20");
        if (id.isEmpty() || id.equals(".") || id.equals("..")) {
            return; // not a path segment of this route
        }
        StringBuilder query = new StringBuilder("/movies/" + id + "/similar?");
        append(query, "source", source);
        append(query, "limit", limit);
        append(query, "offset", offset);
        append(query, "genre", genre);
        append(query, "year_from", yearFrom);
        assertShape(query.toString(), "items");
    }

    @Property(tries = 100)
    void movieSearchNeverFails(@ForAll("values") String text, @ForAll("values") String limit) {
        StringBuilder query = new StringBuilder("/movies/search?");
        append(query, "q", text);
        append(query, "limit", limit);
        assertShape(query.toString(), "items");
    }

    @Property(tries = 100)
    void featuresNeverFail(@ForAll("values") String userId) {
        StringBuilder query = new StringBuilder("/features?");
        append(query, "user_id", userId);
        assertShape(query.toString(), "features");
    }

    /**
     * 200 with {@code {"<key>": ...}}, or a 4xx (400, 404 for an unknown id, 413 for a URL over Netty's line limit)
     * in the error shape; a 400 or 404 names its field.
     */
    private static void assertShape(String query, String key) {
        JsonHttp.Response response = http.get(query);
        String what = query.length() > 200 ? query.substring(0, 200) + "..." : query;
        assertNotNull(response.json(), what + " -> " + response.status() + " " + response.body());
        if (response.status() == 200) {
            assertEquals(List.of(key), ErrorAssertions.fieldNames(response.json()), response.body());
        } else {
            assertTrue(response.status() >= 400 && response.status() < 500, what + " -> " + response.status()
                    + " " + response.body());
            assertEquals(List.of("error"), ErrorAssertions.fieldNames(response.json()), response.body());
            if (response.status() == 400 || response.status() == 404) {
                // a 404 is an unknown movie or user the request named, never a route that does not exist
                JsonNode field = response.json().get("error").get("field");
                assertTrue(field != null && !field.asText().isBlank(), "a " + response.status() + " names its field: "
                        + what + " -> " + response.body());
            }
        }
    }

    /** Absent (null), real-looking values, numbers at and beyond the limits, and arbitrary Unicode text. */
    @Provide
    Arbitrary<String> values() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(null)),
                Tuple.of(2, Arbitraries.of("1", "2", "17", "901", "902", "true", "false", "True", "0",
                        "Comedy", "comedy", "Drama", "Film-Noir", "", " ", "10", "100", "101", "-1")),
                Tuple.of(1, Arbitraries.integers().map(String::valueOf)),
                Tuple.of(1, Arbitraries.longs().map(String::valueOf)),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(40)),
                Tuple.of(1, Arbitraries.strings().ofMinLength(200).ofMaxLength(2000)));
    }

    private static void append(StringBuilder query, String name, String value) {
        if (value != null) {
            query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
        }
    }
}
