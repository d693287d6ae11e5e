package recsys.core.movielens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LineResultTest {

    @Test
    void parsedCarriesItsValue() {
        LineResult<String> result = LineResult.parsed("x");

        assertTrue(result.isParsed());
        assertFalse(result.isHeader());
        assertEquals("x", result.value());
        assertEquals(Optional.of("x"), result.toOptional());
        assertThrows(IllegalStateException.class, result::reason);
    }

    @Test
    void rejectedCarriesItsReason() {
        LineResult<String> result = LineResult.rejected("empty tag");

        assertFalse(result.isParsed());
        assertFalse(result.isHeader());
        assertEquals("empty tag", result.reason());
        assertEquals(Optional.empty(), result.toOptional());
        IllegalStateException e = assertThrows(IllegalStateException.class, result::value);
        assertTrue(e.getMessage().contains("empty tag"));
    }

    @Test
    void headerIsARejectionCallersCanRecognise() {
        assertTrue(LineResult.rejected(LineResult.HEADER).isHeader());
    }

    @Test
    void flatMapContinuesAfterParsedAndPassesRejectionsOn() {
        assertEquals(LineResult.parsed(3), LineResult.parsed("abc").flatMap(s -> LineResult.parsed(s.length())));
        assertEquals(LineResult.rejected("too short"),
                LineResult.parsed("abc").flatMap(s -> LineResult.rejected("too short")));
        assertEquals(LineResult.rejected("bad"),
                LineResult.<String>rejected("bad").flatMap(s -> LineResult.parsed(s.length())));
    }

    @Test
    void refusesNullValueAndBlankReason() {
        assertThrows(NullPointerException.class, () -> LineResult.parsed(null));
        assertThrows(IllegalArgumentException.class, () -> LineResult.rejected(" "));
    }
}
