package recsys.online.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import recsys.online.error.ApiException;

/** The query parameter rules alone, without a server. */
class RecommendationQueryTest {

    private static RecommendationQuery parse(String userId, String metadata, String limit, String genre) {
        return RecommendationQuery.parse(userId, metadata, limit, genre, 10, 100);
    }

    private static void rejected(String field, Runnable parse) {
        ApiException e = assertThrows(ApiException.class, parse::run);
        assertEquals(HttpStatus.BAD_REQUEST, e.status());
        assertEquals(field, e.field());
    }

    @Test
    void defaultsAndTrimming() {
        RecommendationQuery query = parse(" 42 ", null, null, null);
        assertEquals("42", query.userId());
        assertFalse(query.returnMetadata());
        assertEquals(10, query.limit());
        assertNull(query.genre());
        assertEquals("Film-Noir", parse("1", "1", " 100 ", " Film-Noir ").genre());
        assertEquals(100, parse("1", "1", " 100 ", null).limit());
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "True", "TRUE", "1", " true "})
    void trueSpellings(String flag) {
        assertTrue(parse("1", flag, null, null).returnMetadata());
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "False", "0"})
    void falseSpellings(String flag) {
        assertFalse(parse("1", flag, null, null).returnMetadata());
    }

    @Test
    void everyBadValueNamesItsParameter() {
        rejected("user_id", () -> parse(null, "true", null, null));
        rejected("user_id", () -> parse("  ", "true", null, null));
        rejected("user_id", () -> parse("a\u0000b", "true", null, null));
        rejected("user_id", () -> parse("x".repeat(257), "true", null, null));
        rejected("returnMetadata", () -> parse("1", "yes", null, null));
        rejected("returnMetadata", () -> parse("1", "", null, null));
        rejected("limit", () -> parse("1", "true", "0", null));
        rejected("limit", () -> parse("1", "true", "101", null));
        rejected("limit", () -> parse("1", "true", "2147483648", null));
        rejected("limit", () -> parse("1", "true", "1e2", null));
        rejected("genre", () -> parse("1", "true", null, " "));
        rejected("genre", () -> parse("1", "true", null, "g".repeat(101)));
    }
}
