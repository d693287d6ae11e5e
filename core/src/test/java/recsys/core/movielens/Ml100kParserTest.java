package recsys.core.movielens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ml-100k u.item and u.data lines, written inline in the files' own layout. */
class Ml100kParserTest {

    private static final String URL = "http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)";

    private final MovieLensParser parser = MovieLensFormat.ML_100K.parser();

    /** A u.item line whose genre flags are 1 exactly for the given flag positions (0 = unknown). */
    private static String item(String id, String title, int... genreFlags) {
        String[] flags = new String[19];
        Arrays.fill(flags, "0");
        for (int flag : genreFlags) {
            flags[flag] = "1";
        }
        return id + "|" + title + "|01-Jan-1995||" + URL + "|" + String.join("|", flags);
    }

    @Test
    void genreFlagsFollowTheReadmeOrder() {
        // positions 3, 4, 5: Animation, Children's, Comedy
        assertEquals(LineResult.parsed(new Movie("1", "Toy Story (1995)", 1995,
                        List.of("Animation", "Children", "Comedy"))),
                parser.movie(item("1", "Toy Story (1995)", 3, 4, 5)));
        // 10: Film-Noir, 18: Western
        assertEquals(List.of("Film-Noir", "Western"), parser.movie(item("2", "X (1950)", 10, 18)).value().genres());
    }

    @Test
    void unknownFlagMeansNoGenres() {
        Movie movie = parser.movie("267|unknown||||1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0").value();

        assertEquals("unknown", movie.title());
        assertNull(movie.year());
        assertEquals(List.of(), movie.genres());
    }

    @Test
    void latin1TitlesAreDecodedWithTheFormatsCharset() {
        byte[] bytes = item("1", "Mis\u00e9rables, Les (1995)", 8).getBytes(StandardCharsets.ISO_8859_1);

        Movie movie = parser.movie(new String(bytes, MovieLensFormat.ML_100K.charset())).value();

        assertEquals("Mis\u00e9rables, Les (1995)", movie.title());
        assertEquals(List.of("Drama"), movie.genres());
    }

    @Test
    void parsesTabSeparatedRatings() {
        assertEquals(LineResult.parsed(new Rating("196", "242", 3.0, 881250949L)),
                parser.rating("196\t242\t3\t881250949"));
        assertEquals(3.0, parser.rating("196\t242\t3\t881250949\r").value().rating());
    }

    @Test
    void hasNoTagsOrLinks() {
        assertEquals("format has no tags file", parser.tag("1\t2\tfunny\t881250949").reason());
        assertEquals("format has no links file", parser.link("1|0114709|862").reason());
    }

    @Test
    void rejectsMalformedItems() {
        assertEquals("expected 24 fields, found 6", parser.movie("1|Toy Story (1995)|01-Jan-1995||url|0").reason());
        assertEquals("genre flag Action is not 0 or 1: '2'",
                parser.movie("1|Toy Story (1995)|||u|0|2|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0").reason());
        assertEquals("movieId may only contain letters, digits and - _ . : @: 'one!'",
                parser.movie(item("one!", "Toy Story (1995)")).reason());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
            "196\t242\t3;               expected 4 fields, found 3",
            "196 242 3 881250949;       expected 4 fields, found 1",
            "196\t242\tthree\t881250949; rating is not a number: 'three'",
            "196\t242\t7\t881250949;    rating out of range [0.5, 5.0]: '7'",
            "196\t242\tNaN\t881250949;  rating is not finite: 'NaN'",
            // quoted because the source would trim a leading tab
            "`\t242\t3\t881250949`;     empty userId",
            "196\t242\t3\tsoon;         timestamp is not a whole number: 'soon'"})
    void rejectsMalformedRatings(String line, String reason) {
        assertEquals(reason, parser.rating(line).reason());
    }

    @Test
    void neverRecognisesAHeaderBecauseThereIsNone() {
        assertFalse(parser.rating("user id\titem id\trating\ttimestamp").isParsed());
    }
}
