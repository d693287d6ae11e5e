package recsys.core.movielens;

import static recsys.testing.JavaSerialization.roundTrip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Spark ships parsers to executors and results between stages with Java serialization. */
class SerializationTest {


    @ParameterizedTest
    @EnumSource(MovieLensFormat.class)
    void parsersSurviveSerialization(MovieLensFormat format) throws Exception {
        MovieLensParser copy = roundTrip(format.parser());

        assertEquals(format.parser().getClass(), copy.getClass());
        assertEquals(format.parser().rating("garbage").reason(), copy.rating("garbage").reason());
        assertSame(format, roundTrip(format));
    }

    @Test
    void recordsAndResultsSurviveSerialization() throws Exception {
        List<Object> values = List.of(
                new Movie("1", "Toy Story (1995)", 1995, List.of("Animation")),
                new Movie("2", "Hyena Road", null, List.of()),
                new Rating("1", "1", 4.0, 964982703L),
                new Tag("2", "60756", "funny", 1445714994L),
                new Link("791", "0113610", null),
                LineResult.parsed(new Rating("1", "1", 4.0, 964982703L)),
                LineResult.rejected("expected 4 fields, found 3"),
                MovieLensFormat.ML_LATEST_CSV.parser().movie("1,Toy Story (1995),Animation"));
        for (Object value : values) {
            assertEquals(value, roundTrip(value));
        }
    }
}
