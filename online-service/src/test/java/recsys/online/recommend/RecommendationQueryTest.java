package recsys.online.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import recsys.core.filter.GenreMode;
import recsys.core.filter.MovieFilter;
import recsys.online.api.QueryValues;
import recsys.online.config.RecommendationConfiguration;
import recsys.online.error.ApiException;

/** The query parameter rules alone, without a server. */
class RecommendationQueryTest {

    private static final RecommendationConfiguration CONFIGURATION = new RecommendationConfiguration(10, 100, 20, 300,
            200, 50, 1000, Duration.ofSeconds(60), 1000, 3, 0);

    private static RecommendationQuery parse(String userId, String metadata, String limit, String genre) {
        Map<String, List<String>> values = new HashMap<>();
        put(values, RecommendationQuery.USER_ID, userId);
        put(values, ListQuery.RETURN_METADATA, metadata);
        put(values, ListQuery.LIMIT, limit);
        put(values, ListQuery.GENRE, genre);
        return parse(values);
    }

    private static RecommendationQuery parse(Map<String, List<String>> values) {
        return RecommendationQuery.parse(QueryValues.of(values), CONFIGURATION);
    }

    private static void put(Map<String, List<String>> values, String name, String value) {
        if (value != null) {
            values.put(name, List.of(value));
        }
    }

    private static void rejected(String field, Runnable parse) {
        ApiException e = assertThrows(ApiException.class, parse::run);
        assertEquals(HttpStatus.BAD_REQUEST, e.status());
        assertEquals(field, e.field());
    }

    @Test
    void defaultsAndTrimming() {
        RecommendationQuery query = parse("42", null, null, null);
        assertEquals("42", query.userId());
        assertFalse(query.list().returnMetadata());
        assertFalse(query.list().explain());
        assertEquals(10, query.list().limit());
        assertEquals(0, query.list().offset());
        assertEquals(MovieFilter.NONE, query.list().filter());
        assertEquals(Set.of("Film-Noir"), parse("1", "1", " 100 ", " Film-Noir ").list().filter().genres());
        assertEquals(100, parse("1", "1", " 100 ", null).list().limit());
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "True", "TRUE", "1", " true "})
    void trueSpellings(String flag) {
        assertTrue(parse("1", flag, null, null).list().returnMetadata());
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "False", "0"})
    void falseSpellings(String flag) {
        assertFalse(parse("1", flag, null, null).list().returnMetadata());
    }

    @Test
    void everyBadValueNamesItsParameter() {
        rejected("user_id", () -> parse(null, "true", null, null));
        rejected("user_id", () -> parse("  ", "true", null, null));
        rejected("user_id", () -> parse("a\u0000b", "true", null, null));
        rejected("user_id", () -> parse("1\u0000", "true", null, null));
        rejected("user_id", () -> parse("1\n", "true", null, null));
        rejected("user_id", () -> parse(" 42 ", "true", null, null));
        rejected("user_id", () -> parse("x".repeat(129), "true", null, null));
        rejected("returnMetadata", () -> parse("1", "yes", null, null));
        rejected("returnMetadata", () -> parse("1", "", null, null));
        rejected("limit", () -> parse("1", "true", "0", null));
        rejected("limit", () -> parse("1", "true", "101", null));
        rejected("limit", () -> parse("1", "true", "2147483648", null));
        rejected("limit", () -> parse("1", "true", "1e2", null));
        rejected("genre", () -> parse("1", "true", null, " "));
        rejected("genre", () -> parse("1", "true", null, "g".repeat(101)));
        rejected("genre", () -> parse("1", "true", null, "Comedy||Drama"));
        rejected("genre", () -> parse("1", "true", null, "Com\nedy"));
        rejected("genre", () -> parse("1", "true", null, "Comedy\n"));
        rejected("offset", () -> parse(Map.of("user_id", List.of("1"), "offset", List.of("-1"))));
        rejected("offset", () -> parse(Map.of("user_id", List.of("1"), "limit", List.of("10"), "offset",
                List.of("991"))));
        rejected("explain", () -> parse(Map.of("user_id", List.of("1"), "explain", List.of("yes"))));
        rejected("genre_mode", () -> parse(Map.of("user_id", List.of("1"), "genre_mode", List.of("some"))));
        rejected("year_from", () -> parse(Map.of("user_id", List.of("1"), "year_from", List.of("1990x"))));
        rejected("year_from", () -> parse(Map.of("user_id", List.of("1"), "year_from", List.of("2000"),
                "year_to", List.of("1990"))));
        rejected("year_to", () -> parse(Map.of("user_id", List.of("1"), "year_to", List.of("99999"))));
        rejected("exclude", () -> parse(Map.of("user_id", List.of("1"), "exclude", List.of("1,,2"))));
        rejected("exclude", () -> parse(Map.of("user_id", List.of("1"), "exclude", List.of("a b"))));
        rejected("exclude", () -> parse(Map.of("user_id", List.of("1"), "exclude", List.of("1\u0000"))));
        rejected("exclude_genre", () -> parse(Map.of("user_id", List.of("1"), "exclude_genre", List.of(""))));
    }

    @Test
    void aRepeatedSingleValuedParameterIsRefused() {
        for (String name : List.of("user_id", "limit", "offset", "returnMetadata", "explain", "genre_mode",
                "year_from", "year_to")) {
            Map<String, List<String>> values = new HashMap<>(Map.of("user_id", List.of("1")));
            values.put(name, List.of("1", "1"));
            rejected(name, () -> parse(values));
        }
    }

    @Test
    void listParametersRepeatOrJoin() {
        ListQuery list = parse(Map.of("user_id", List.of("1"), "genre", List.of("Comedy|Drama", "War"),
                "genre_mode", List.of("all"), "exclude_genre", List.of("Horror"), "exclude", List.of("1,2", "3"),
                "year_from", List.of("1990"), "year_to", List.of("1999"), "offset", List.of("20"))).list();
        assertEquals(new MovieFilter(Set.of("Comedy", "Drama", "War"), GenreMode.ALL, Set.of("Horror"), 1990, 1999,
                Set.of("1", "2", "3")), list.filter());
        assertEquals(30, list.window());
    }
}
