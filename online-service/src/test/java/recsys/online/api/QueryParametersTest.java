package recsys.online.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import recsys.online.error.ApiException;

class QueryParametersTest {

    @ParameterizedTest
    @ValueSource(strings = {"true", "True", "TRUE", "1", " true "})
    void trueSpellings(String raw) {
        assertTrue(QueryParameters.booleanValue("returnMetadata", raw, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "False", "0"})
    void falseSpellings(String raw) {
        assertFalse(QueryParameters.booleanValue("returnMetadata", raw, true));
    }

    @Test
    void anAbsentBooleanTakesTheDefault() {
        assertTrue(QueryParameters.booleanValue("returnMetadata", null, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yes", "2", "t", "truee"})
    void otherBooleansAreA400NamingTheParameter(String raw) {
        ApiException e = assertThrows(ApiException.class,
                () -> QueryParameters.booleanValue("returnMetadata", raw, false));
        assertEquals(HttpStatus.BAD_REQUEST, e.status());
        assertEquals("returnMetadata", e.field());
    }

    @Test
    void boundedIntsInRangeAndTheDefault() {
        assertEquals(1, QueryParameters.boundedInt("limit", "1", 1, 100, 10));
        assertEquals(100, QueryParameters.boundedInt("limit", "+100", 1, 100, 10));
        assertEquals(7, QueryParameters.boundedInt("limit", "007", 1, 100, 10));
        assertEquals(10, QueryParameters.boundedInt("limit", null, 1, 100, 10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-5", "99999999999999999999999", "-99999999999999999999999"})
    void outOfRangeIntsSayTheRange(String raw) {
        ApiException e = assertThrows(ApiException.class, () -> QueryParameters.boundedInt("limit", raw, 1, 100, 10));
        assertEquals("limit", e.field());
        assertTrue(e.getMessage().contains("between 1 and 100"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ten", "1.5", "1e2", "0x10", "\u0661"})
    void nonNumbersSayTheyAreNotNumbers(String raw) {
        ApiException e = assertThrows(ApiException.class, () -> QueryParameters.boundedInt("limit", raw, 1, 100, 10));
        assertTrue(e.getMessage().contains("whole number"), e.getMessage());
    }

    @Test
    void idsFollowTheIdRuleAsSent() {
        assertEquals("007", QueryParameters.id("user_id", "007"));
        assertEquals("u-1@x.y:z", QueryParameters.id("user_id", "u-1@x.y:z"));
        assertEquals("user_id", assertThrows(ApiException.class, () -> QueryParameters.id("user_id", null)).field());
        assertThrows(ApiException.class, () -> QueryParameters.id("user_id", ""));
        assertThrows(ApiException.class, () -> QueryParameters.id("user_id", " 1"));
        assertThrows(ApiException.class, () -> QueryParameters.id("user_id", "1\u0000"));
        assertThrows(ApiException.class, () -> QueryParameters.id("user_id", "a/b"));
        assertThrows(ApiException.class, () -> QueryParameters.id("user_id", "1".repeat(129)));
    }
}
