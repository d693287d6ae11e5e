package recsys.online.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpMethod;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.web.router.Router;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import recsys.online.model.ServingModels;
import recsys.online.testing.OfflineFixture;
import recsys.online.testing.ScratchIndices;
import recsys.online.testing.ServiceHttp;
import recsys.online.testing.ServiceHttp.Answer;

/**
 * No client input produces a 5xx: random JSON-ish text, random JSON trees and mutated valid bodies on both write
 * endpoints, and random query strings on the read endpoints. Every error answer must be the service's JSON error
 * shape with the same status. Each request goes to two real servers: one on empty scratch indices without a model
 * (the validation paths), and one on a copy of the shared fixture's indices with its published model, where the
 * requests reach the ranking, the model and the stored lists (valid bodies really are written, into indices only
 * this test uses).
 *
 * <p>Every route in {@link #READ_ROUTES} and {@link #WRITE_ROUTES} must exist: a 404 is accepted only as the
 * service's answer that a resource the request named does not exist (its error names the field), never as a missing
 * route; on the loaded data, whose movie 1 and user 1 exist, only for an id a query parameter named.
 */
class RequestFuzzTest {

    private static final String KEY = "fuzz-key";
    private static final Map<String, String> AUTH = Map.of("X-Api-Key", KEY);
    /** Routes that take a JSON body (the session route is a read, but its body is fuzzed the same way). */
    private static final List<String> WRITE_ROUTES = List.of("/update_ratings", "/update_movie",
            "/recommendations/session");
    /** Read routes and the query parameters each takes. */
    private static final Map<String, List<String>> READ_ROUTES = Map.of(
            "/recommendations", List.of("user_id", "returnMetadata", "limit", "genre", "offset", "explain",
                    "genre_mode", "exclude_genre", "year_from", "year_to", "exclude"),
            "/features", List.of("user_id"),
            "/movies/1/similar", List.of("source", "limit", "offset", "genre", "genre_mode", "exclude", "year_to"),
            "/movies/search", List.of("q", "limit"),
            "/users/1/ratings", List.of("returnMetadata"));
    private static final List<String> FIELD_NAMES = List.of("movie_id", "ratings", "rating", "title", "genres",
            "tags", "user_id", "movie_ids", "", "x");
    private static final List<String> TOKENS = List.of("{", "}", "[", "]", ":", ",", "\"", "\"1\"", "\"movie_id\"",
            "\"ratings\"", "\"rating\"", "\"title\"", "\"genres\"", "\"tags\"", "1", "-1", "0.5", "5", "5.5", "1e400",
            "-0", "true", "null", "NaN", "\"\"", "\"a|b\"", " ", "\\", "\u0000", "\u00e9", "\ud83c\udfac");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One server under test and whether it has data and a model. */
    private record Target(String name, boolean loaded, ScratchIndices indices, EmbeddedServer server,
                          ServiceHttp http) implements AutoCloseable {

        static Target start(String name, boolean loaded, ScratchIndices indices, Map<String, String> overrides) {
            Map<String, Object> properties = new HashMap<>(indices.serviceProperties());
            properties.putAll(overrides);
            properties.put("micronaut.server.port", -1);
            properties.put("recsys.api-key", KEY);
            properties.put("recsys.batch-limit", 20);
            EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
            Target target = new Target(name, loaded, indices, server, new ServiceHttp(server.getURI()));
            target.requireRoutes();
            return target;
        }

        /** A route the fuzzer was told about but the server lacks would only ever answer 404: fail instead. */
        private void requireRoutes() {
            Router router = server.getApplicationContext().getBean(Router.class);
            READ_ROUTES.keySet().forEach(route -> assertTrue(router.find(HttpMethod.GET, route, null).findAny()
                    .isPresent(), "no route GET " + route));
            WRITE_ROUTES.forEach(route -> assertTrue(router.find(HttpMethod.POST, route, null).findAny()
                    .isPresent(), "no route POST " + route));
        }

        @Override
        public void close() {
            server.close();
            indices.close();
        }
    }

    // jqwik's container lifecycle hooks are static: the servers and their indices serve every try
    private static List<Target> targets = List.of();

    @BeforeContainer
    static void start() {
        OfflineFixture.Loaded fixture = OfflineFixture.get();
        Target empty = Target.start("empty", false, ScratchIndices.create("fuzz-it"), Map.of());
        Target loaded = Target.start("loaded", true, ScratchIndices.copyOf("fuzz-loaded-it", fixture),
                Map.of("recsys.storage", fixture.storage().toString()));
        targets = List.of(empty, loaded);
        // the loaded server really has both: the resources the read routes name, and a model to rank with
        assertTrue(loaded.server().getApplicationContext().getBean(ServingModels.class).current().isPresent());
        for (String probe : List.of("/recommendations?user_id=1", "/features?user_id=1", "/movies/1/similar",
                "/users/1/ratings", "/movies/search?q=movie")) {
            Answer answer = loaded.http().get(probe, Map.of());
            assertEquals(200, answer.status(), () -> probe + " -> " + answer);
        }
    }

    @AfterContainer
    static void stop() {
        targets.forEach(Target::close);
        targets = List.of();
    }

    @Property(tries = 150)
    void jsonishTextNeverCausesAServerError(@ForAll("writeRoutes") String route, @ForAll("jsonish") String body) {
        targets.forEach(target -> check(target, route, target.http().post(route, body, AUTH)));
    }

    @Property(tries = 60)
    void arbitraryBytesNeverCauseAServerError(@ForAll("writeRoutes") String route, @ForAll("bytes") byte[] body) {
        targets.forEach(target -> check(target, route, target.http().post(route, body, AUTH)));
    }

    @Property(tries = 150)
    void randomJsonTreesNeverCauseAServerError(@ForAll("writeRoutes") String route, @ForAll("trees") JsonNode body) {
        targets.forEach(target -> check(target, route, target.http().post(route, body.toString(), AUTH)));
    }

    @Property(tries = 200)
    void mutatedValidBodiesNeverCauseAServerError(@ForAll("mutatedBodies") Map.Entry<String, String> request) {
        targets.forEach(target -> check(target, request.getKey(),
                target.http().post(request.getKey(), request.getValue(), AUTH)));
    }

    @Property(tries = 200)
    void queryParametersNeverCauseAServerError(@ForAll("queries") String pathAndQuery) {
        targets.forEach(target -> check(target, pathAndQuery, target.http().get(pathAndQuery, Map.of())));
    }

    @Property(tries = 60)
    void anyCredentialsNeverCauseAServerError(@ForAll("writeRoutes") String route,
                                              @ForAll("headerNames") String header,
                                              @ForAll("headerValues") String value) {
        for (Target target : targets) {
            Answer answer = target.http().post(route, "{}", Map.of(header, value));
            check(target, route, answer);
            assertTrue(answer.status() == 401 || answer.status() == 400, answer::toString);
        }
    }

    @Provide
    Arbitrary<String> headerNames() {
        return Arbitraries.of("Authorization", "X-Api-Key");
    }

    /** Printable ASCII: what an HTTP client lets through as a header value. */
    @Provide
    Arbitrary<String> headerValues() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange('!', '~').ofMaxLength(80);
        return Arbitraries.oneOf(text, text.map(token -> "Bearer " + token), Arbitraries.of(KEY, "Bearer " + KEY,
                "bearer " + KEY, "Bearer", "Bearer  " + KEY + "x", "Basic " + KEY));
    }

    private static void check(Target target, String request, Answer answer) {
        String what = target.name() + ": " + request + " -> " + answer;
        assertTrue(answer.status() < 500, () -> what);
        if (answer.status() >= 400) {
            assertTrue(answer.contentType().startsWith("application/json"), what);
            assertEquals(answer.status(), answer.error().path("status").asInt(), what);
            assertTrue(answer.error().path("message").isTextual(), what);
        }
        if (answer.status() == 400 || answer.status() == 404) {
            // the field may be the client's own key, whitespace included ("\t" as a user id): present and not empty;
            // a 404 without one is a route that does not exist
            assertFalse(answer.error().path("field").asText("").isEmpty(), () -> "a " + answer.status()
                    + " names its field: " + what);
        }
        if (answer.status() == 404 && target.loaded()) {
            String field = answer.error().path("field").asText();
            assertTrue(queryParameters(request).contains(field), () -> "on the loaded data only an id named in the"
                    + " query may be unknown, not " + field + ": " + what);
        }
    }

    /** The names of the query parameters of {@code pathAndQuery}, decoded. */
    private static Set<String> queryParameters(String pathAndQuery) {
        Set<String> names = new HashSet<>();
        int query = pathAndQuery.indexOf('?');
        if (query >= 0) {
            for (String pair : pathAndQuery.substring(query + 1).split("&")) {
                String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                names.add(URLDecoder.decode(name, StandardCharsets.UTF_8));
            }
        }
        return names;
    }

    @Provide
    Arbitrary<String> writeRoutes() {
        return Arbitraries.of(WRITE_ROUTES);
    }

    @Provide
    Arbitrary<String> jsonish() {
        Arbitrary<String> tokens = Arbitraries.of(TOKENS).list().ofMaxSize(40).map(list -> String.join("", list));
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(60);
        return Arbitraries.oneOf(tokens, text);
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    }

    @Provide
    Arbitrary<JsonNode> trees() {
        return value(3);
    }

    /** Any JSON value, objects keyed by ids, field names or junk, nested up to {@code depth}. */
    private Arbitrary<JsonNode> value(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(NODES::textNode),
                Arbitraries.of("1", "42", "", " 7", "007", "Toy Story (1995)", "A|B||C").map(NODES::textNode),
                Arbitraries.doubles().between(-10, 10).map(NODES::numberNode),
                Arbitraries.of(0.5, 5.0, 0.49, 5.01, 1e308, -0.0, 3.0).map(NODES::numberNode),
                Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.of(NODES.booleanNode(true), NODES.nullNode()));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> child = Arbitraries.lazy(() -> value(depth - 1));
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of(FIELD_NAMES),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(3), Arbitraries.strings().ofMaxLength(5));
        Arbitrary<JsonNode> object = Combinators.combine(keys, child).as(Map::entry).list().ofMaxSize(4)
                .map(entries -> {
                    ObjectNode node = NODES.objectNode();
                    entries.forEach(entry -> node.set(entry.getKey(), entry.getValue()));
                    return node;
                });
        Arbitrary<JsonNode> array = child.list().ofMaxSize(4).map(items -> {
            ArrayNode node = NODES.arrayNode();
            node.addAll(items);
            return node;
        });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, leaf), net.jqwik.api.Tuple.of(3, object),
                net.jqwik.api.Tuple.of(2, array));
    }

    @Provide
    Arbitrary<Map.Entry<String, String>> mutatedBodies() {
        Arbitrary<Map.Entry<String, JsonNode>> valid = Arbitraries.oneOf(validRatings(), validMovies());
        return Combinators.combine(valid, Arbitraries.integers().between(0, 5), value(1),
                        Arbitraries.integers().between(0, 1_000), Arbitraries.of(TOKENS))
                .as((request, kind, replacement, position, token) -> Map.entry(request.getKey(),
                        mutate(request.getValue(), kind, replacement, position, token)));
    }

    private Arbitrary<Map.Entry<String, JsonNode>> validRatings() {
        Arbitrary<String> ids = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(6);
        Arbitrary<Double> stars = Arbitraries.integers().between(1, 10).map(halves -> halves / 2.0);
        Arbitrary<JsonNode> user = Combinators.combine(ids.list().ofMinSize(1).ofMaxSize(5), stars).as((movies, r) -> {
            ObjectNode entry = NODES.objectNode();
            ArrayNode ratings = entry.putArray("ratings");
            entry.putArray("movie_id").addAll(movies.stream().map(NODES::textNode).toList());
            movies.forEach(movie -> ratings.add(r));
            return entry;
        });
        return Combinators.combine(ids, user).as(Map::entry).list().ofMinSize(1).ofMaxSize(3).map(users -> {
            ObjectNode body = NODES.objectNode();
            users.forEach(entry -> body.set(entry.getKey(), entry.getValue()));
            return Map.entry("/update_ratings", body);
        });
    }

    private Arbitrary<Map.Entry<String, JsonNode>> validMovies() {
        Arbitrary<String> ids = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> words = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8);
        return Combinators.combine(ids, words, words, words).as((id, title, genre, tag) -> {
            ObjectNode body = NODES.objectNode();
            body.putObject(id).put("title", title + " (1999)").put("genres", genre + "|Drama").put("tags", tag);
            return Map.entry("/update_movie", body);
        });
    }

    /** One structural or textual change to a valid body. */
    private static String mutate(JsonNode valid, int kind, JsonNode replacement, int position, String token) {
        JsonNode body = valid.deepCopy();
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(body, objects);
        ObjectNode target = objects.get(position % objects.size());
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        String name = names.isEmpty() ? "x" : names.get(position % names.size());
        String text = body.toString();
        int at = position % (text.length() + 1);
        return switch (kind) {
            case 0 -> {
                target.set(name, replacement);
                yield body.toString();
            }
            case 1 -> {
                target.remove(name);
                yield body.toString();
            }
            case 2 -> {
                target.set(name + token, target.get(name));
                yield body.toString();
            }
            case 3 -> text.substring(0, at) + token + text.substring(at);
            case 4 -> text.substring(0, at);
            default -> text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + position % 7));
        };
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> objects) {
        if (node instanceof ObjectNode object) {
            objects.add(object);
        }
        node.forEach(child -> collectObjects(child, objects));
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> routes = Arbitraries.of(List.copyOf(READ_ROUTES.keySet()));
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.of("1", "0", "-1", "True", "False", "true", "false", "yes", "", "101", "100",
                        "99999999999999999999", "1.5", "Comedy", "Sci-Fi", "Children's", "007", " 1"),
                Arbitraries.strings().ofMaxLength(20));
        return routes.flatMap(route -> {
            Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of(READ_ROUTES.get(route)),
                    Arbitraries.strings().alpha().ofMaxLength(6));
            return Combinators.combine(names, values).as((name, value) -> encode(name) + "=" + encode(value))
                    .list().ofMaxSize(5).map(pairs -> route + (pairs.isEmpty() ? "" : "?" + String.join("&", pairs)));
        });
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
