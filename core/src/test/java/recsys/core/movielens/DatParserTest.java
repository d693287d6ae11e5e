package recsys.core.movielens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ml-1m / ml-10m {@code ::} lines, written inline in the files' own layout. */
class DatParserTest {

    private final MovieLensParser parser = MovieLensFormat.ML_DAT.parser();

    @Test
    void parsesAMovieAndNormalisesChildrens() {
        assertEquals(LineResult.parsed(new Movie("1", "Toy Story (1995)", 1995,
                        List.of("Animation", "Children", "Comedy"))),
                parser.movie("1::Toy Story (1995)::Animation|Children's|Comedy"));
    }

    @Test
    void singleColonsStayInTheTitle() {
        Movie movie = parser.movie("260::Star Wars: Episode IV - A New Hope (1977)::Action|Sci-Fi").value();

        assertEquals("Star Wars: Episode IV - A New Hope (1977)", movie.title());
        assertEquals(1977, movie.year());
    }

    @Test
    void latin1TitlesAreDecodedWithTheFormatsCharset() {
        byte[] bytes = "73::Mis\u00e9rables, Les (1995)::Drama|War".getBytes(StandardCharsets.ISO_8859_1);

        String line = new String(bytes, MovieLensFormat.ML_DAT.charset());

        assertEquals("Mis\u00e9rables, Les (1995)", parser.movie(line).value().title());
        // the same bytes read as UTF-8 would have lost the accent
        assertFalse(new String(bytes, StandardCharsets.UTF_8).contains("\u00e9"));
    }

    @Test
    void parsesRatingsWithWholeAndHalfStars() {
        assertEquals(LineResult.parsed(new Rating("1", "1193", 5.0, 978300760L)),
                parser.rating("1::1193::5::978300760"));
        assertEquals(3.5, parser.rating("1::122::3.5::838985046\r").value().rating());
    }

    @Test
    void parsesTagsKeepingDoubleColonsInTheText() {
        assertEquals(LineResult.parsed(new Tag("15", "4973", "excellent!", 1215184630L)),
                parser.tag("15::4973::Excellent!::1215184630"));
        assertEquals("c::d", parser.tag("15::4973::C::D::1215184630").value().tag());
    }

    @Test
    void hasNoLinks() {
        assertEquals("format has no links file", parser.link("1::0114709::862").reason());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
            "1::Toy Story (1995);                      expected 3 fields, found 2",
            "1::Toy Story (1995)::Comedy::extra;       expected 3 fields, found 4",
            "1:Toy Story (1995):Comedy;                expected 3 fields, found 1",
            "::Toy Story (1995)::Comedy;               empty movieId"})
    void rejectsMalformedMovies(String line, String reason) {
        assertEquals(reason, parser.movie(line).reason());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
            "1::1193::5;               expected 4 fields, found 3",
            "1::1193::five::978300760; rating is not a number: 'five'",
            "1::1193::7::978300760;    rating out of range [0.5, 5.0]: '7'",
            "1::1193::NaN::978300760;  rating is not finite: 'NaN'",
            "::1193::5::978300760;     empty userId",
            "1::1193::5::97830076O;    timestamp is not a whole number: '97830076O'"})
    void rejectsMalformedRatings(String line, String reason) {
        assertEquals(reason, parser.rating(line).reason());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
            "15::4973::1215184630;     expected 4 fields, found 3",
            "15::4973:: ::1215184630;  empty tag",
            "15::4973::good::later;    timestamp is not a whole number: 'later'"})
    void rejectsMalformedTags(String line, String reason) {
        assertEquals(reason, parser.tag(line).reason());
    }
}
