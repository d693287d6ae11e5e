package recsys.core.movielens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinesTest {

    @Test
    void stripsCarriageReturnAndByteOrderMark() {
        assertEquals("1,2,3", Lines.clean("1,2,3\r"));
        assertEquals("1,2,3", Lines.clean("1,2,3\r\n"));
        assertEquals("movieId,title,genres", Lines.clean("\uFEFFmovieId,title,genres"));
        assertEquals("", Lines.clean("\r"));
    }

    @Test
    void splitIsLiteralAndKeepsEmptyFields() {
        assertEquals(LineResult.parsed(List.of("1", "", "a.b", "")), DelimitedLine.split("1||a.b|", "|", 4));
    }

    @Test
    void splitAroundMiddleKeepsDelimitersInTheMiddleField() {
        assertEquals(LineResult.parsed(List.of("1", "2", "a::b::c", "99")),
                DelimitedLine.splitAroundMiddle("1::2::a::b::c::99", "::", 2, 1));
        assertEquals(LineResult.rejected("expected 4 fields, found 3"),
                DelimitedLine.splitAroundMiddle("1::2::99", "::", 2, 1));
    }

    @Test
    void blankLinesAreRejected() {
        assertTrue(DelimitedLine.split("  ", "::", 3).reason().contains("blank"));
        assertTrue(CsvLine.fields("\r", List.of("a")).reason().contains("blank"));
        assertTrue(DelimitedLine.split(null, "::", 3).reason().contains("blank"));
    }
}
