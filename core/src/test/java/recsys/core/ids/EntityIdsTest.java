package recsys.core.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntityIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"1", "007", "u-1234", "3f2b8c1e-9a4d-4c6b-8e2f-1a2b3c4d5e6f", "user@example.com",
            "tenant:42", "a_b.c", "...", ".x", "x.."})
    void acceptsTheIdsRealApplicationsUse(String id) {
        assertTrue(EntityIds.isValid(id), id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 1", "1 ", "1\u0000", "1\n", "\t1", "1\u007f", "a/b", "a%2F", "a?b", "a b", "é",
            "a#b", ".", "..", "1,2", "\u0661"})
    void refusesEverythingElse(String id) {
        assertFalse(EntityIds.isValid(id), id);
    }

    @Test
    void lengthIsOneToOneHundredTwentyEight() {
        assertTrue(EntityIds.isValid("x".repeat(EntityIds.MAX_LENGTH)));
        assertEquals("must be at most 128 characters, was 129",
                EntityIds.problem("x".repeat(EntityIds.MAX_LENGTH + 1)).orElseThrow());
    }

    @Test
    void namesAControlCharacterAndWhereItIs() {
        assertEquals("must not contain control characters (U+0000 at 1)", EntityIds.problem("1\u0000").orElseThrow());
    }

    @Test
    void theRuleAgreesWithACharacterByCharacterBruteForce() {
        for (char c = 0; c < 0x3000; c++) {
            String allowedChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:@";
            boolean expected = allowedChars.indexOf(c) >= 0 && c != '.';
            assertEquals(expected, EntityIds.isValid(String.valueOf(c)), "U+" + Integer.toHexString(c));
        }
    }
}
