package recsys.core.movielens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ml-latest CSV lines, written inline in the files' own layout (no MovieLens data is committed). */
class LatestCsvParserTest {

    private final MovieLensParser parser = MovieLensFormat.ML_LATEST_CSV.parser();

    @Test
    void parsesAPlainMovie() {
        assertEquals(LineResult.parsed(new Movie("1", "Toy Story (1995)", 1995,
                        List.of("Adventure", "Animation", "Children", "Comedy", "Fantasy"))),
                parser.movie("1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy"));
    }

    @Test
    void quotedTitleMayHoldCommas() {
        Movie movie = parser.movie("318,\"Shawshank Redemption, The (1994)\",Crime|Drama").value();

        assertEquals("Shawshank Redemption, The (1994)", movie.title());
        assertEquals(1994, movie.year());
        assertEquals(List.of("Crime", "Drama"), movie.genres());
    }

    @Test
    void quotedTitleMayHoldDoubledQuotes() {
        Movie movie = parser.movie("3338,\"\"\"Great Performances\"\" Cats (1998)\",Musical").value();

        assertEquals("\"Great Performances\" Cats (1998)", movie.title());
        assertEquals(1998, movie.year());
    }

    @Test
    void crlfLineEndingsAreStripped() {
        assertEquals("Jumanji (1995)", parser.movie("2,Jumanji (1995),Adventure|Children|Fantasy\r").value().title());
        assertEquals(4.0, parser.rating("1,1,4.0,964982703\r").value().rating());
        assertEquals("pixar", parser.tag("2,60756,Pixar,1445714994\r").value().tag());
        assertEquals("8844", parser.link("2,0113497,8844\r").value().tmdbId());
    }

    @Test
    void noGenresListedMeansNoGenres() {
        Movie movie = parser.movie("182727,Hyena Road,(no genres listed)").value();

        assertEquals(List.of(), movie.genres());
        assertNull(movie.year());
        assertEquals(List.of(), parser.movie("5,Father of the Bride Part II (1995),").value().genres());
    }

    @Test
    void utf8TitlesSurviveTheFormatsCharset() {
        byte[] bytes = "1,\"Mis\u00e9rables, Les (1995)\",Drama".getBytes(StandardCharsets.UTF_8);
        String line = new String(bytes, MovieLensFormat.ML_LATEST_CSV.charset());

        assertEquals("Mis\u00e9rables, Les (1995)", parser.movie(line).value().title());
    }

    @Test
    void titleIsTrimmedButKeepsItsYear() {
        assertEquals("Heat (1995)", parser.movie("6,\" Heat (1995) \",Action").value().title());
    }

    @Test
    void parsesRatings() {
        assertEquals(LineResult.parsed(new Rating("1", "1", 4.0, 964982703L)), parser.rating("1,1,4.0,964982703"));
        assertEquals(0.5, parser.rating("1,3,0.5,964982703").value().rating());
    }

    @Test
    void quotedTagsMayHoldCommasAndAreNormalised() {
        assertEquals(LineResult.parsed(new Tag("2", "89774", "boxing story, mma", 1445715207L)),
                parser.tag("2,89774,\"  Boxing  Story, MMA \",1445715207"));
    }

    @Test
    void parsesLinksWithAndWithoutTmdbId() {
        assertEquals(LineResult.parsed(new Link("1", "0114709", "862")), parser.link("1,0114709,862"));
        assertEquals(LineResult.parsed(new Link("791", "0113610", null)), parser.link("791,0113610,"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"movieId,title,genres", "movieId,title,genres\r", "\uFEFFmovieId,title,genres"})
    void moviesHeaderIsRecognised(String header) {
        assertTrue(parser.movie(header).isHeader());
    }

    @Test
    void everyFilesHeaderIsRecognised() {
        assertTrue(parser.rating("userId,movieId,rating,timestamp").isHeader());
        assertTrue(parser.tag("userId,movieId,tag,timestamp").isHeader());
        assertTrue(parser.link("movieId,imdbId,tmdbId").isHeader());
    }

    @Test
    void headerOfAnotherFileSaysSo() {
        assertEquals("unexpected header userId,movieId,tag,timestamp, expected userId,movieId,rating,timestamp",
                parser.rating("userId,movieId,tag,timestamp").reason());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
            "1,Toy Story (1995);                      expected 3 fields, found 2",
            "1,Toy Story (1995),Comedy,extra;         expected 3 fields, found 4",
            "x 1,Toy Story (1995),Comedy;             movieId may only contain letters, digits and - _ . : @: 'x 1'",
            ",Toy Story (1995),Comedy;                empty movieId",
            "1,,Comedy;                               empty title",
            "1,\"Toy Story (1995),Comedy;             malformed CSV",
            "1,\"Toy\"x,Comedy;                        malformed CSV"})
    void rejectsMalformedMovies(String line, String reason) {
        assertTrue(parser.movie(line).reason().startsWith(reason), () -> parser.movie(line).reason());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
            "1,1,4.0;               expected 4 fields, found 3",
            "1,1,4.0,964982703,9;   expected 4 fields, found 5",
            "1,1,four,964982703;    rating is not a number: 'four'",
            "1,1,7,964982703;       rating out of range [0.5, 5.0]: '7'",
            "1,1,NaN,964982703;     rating is not finite: 'NaN'",
            "1,1,,964982703;        empty rating",
            ",1,4.0,964982703;      empty userId",
            "1,,4.0,964982703;      empty movieId",
            "1,1,4.0,noon;          timestamp is not a whole number: 'noon'",
            "1,1,4.0,;              empty timestamp"})
    void rejectsMalformedRatings(String line, String reason) {
        assertEquals(reason, parser.rating(line).reason());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
            "2,60756,funny;              expected 4 fields, found 3",
            "2,60756,,1445714994;        empty tag",
            "2,60756,\"   \",1445714994; empty tag",
            "2,a/b,funny,1445714994;     movieId may only contain letters, digits and - _ . : @: 'a/b'",
            "2,60756,funny,1.5;          timestamp is not a whole number: '1.5'"})
    void rejectsMalformedTags(String line, String reason) {
        assertEquals(reason, parser.tag(line).reason());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
            "1,0114709;          expected 3 fields, found 2",
            "1,,862;             empty imdbId",
            "1,tt0114709,862;    imdbId is not numeric: 'tt0114709'",
            "1,0114709,n/a;      tmdbId is not numeric: 'n/a'"})
    void rejectsMalformedLinks(String line, String reason) {
        assertEquals(reason, parser.link(line).reason());
    }

    @Test
    void blankLinesAreRejectedNotThrown() {
        assertEquals("blank line", parser.movie("").reason());
        assertEquals("blank line", parser.rating("\r").reason());
    }
}
