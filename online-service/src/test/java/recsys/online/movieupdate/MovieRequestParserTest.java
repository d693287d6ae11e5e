package recsys.online.movieupdate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static recsys.online.testing.BadRequests.assertBadRequest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import recsys.online.api.JsonBodyReader;
import recsys.online.config.ServiceConfiguration;
import recsys.online.movies.Catalogue;
import recsys.online.movies.GenreVocabulary;
import recsys.online.error.ApiException;

class MovieRequestParserTest {

    private final MovieRequestParser parser = new MovieRequestParser(new JsonBodyReader(),
            new ServiceConfiguration("var/storage", null, false, 2, Duration.ofSeconds(10)),
            new GenreVocabulary(() -> new Catalogue(List.of("Drama", "Space Opera"), 3.5, 10)));

    private List<MovieUpdate> parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void cleansFieldsByIngestRules() {
        assertEquals(List.of(new MovieUpdate("1", "Toy Story (1995)", 1995, List.of("Adventure", "Children"),
                        List.of("fun", "pixar"))),
                parse("{\"1\": {\"title\": \" Toy Story (1995) \", \"genres\": \"Adventure|Children's||Adventure\","
                        + " \"tags\": \"Fun| pixar |FUN\"}}"));
    }

    @Test
    void listsAreAcceptedAndMissingGenresAndTagsMeanNone() {
        assertEquals(List.of(new MovieUpdate("2", "No Year", null, List.of("Drama"), List.of()),
                        new MovieUpdate("3", "Babylon 5 (1994-1998)", 1994, List.of(), List.of("space"))),
                parse("{\"2\": {\"title\": \"No Year\", \"genres\": [\"Drama\"]},"
                        + " \"3\": {\"title\": \"Babylon 5 (1994-1998)\", \"genres\": \"(no genres listed)\","
                        + " \"tags\": [\"Space\"]}}"));
    }

    /** The catalogue's own genres and the MovieLens ones, in their spelling whatever the client's case. */
    @Test
    void genresTakeTheVocabularysSpelling() {
        assertEquals(List.of("Sci-Fi", "Space Opera", "Film-Noir"), parse("{\"1\": {\"title\": \"A\", "
                + "\"genres\": \"sci-fi|SPACE OPERA|film-noir|Sci-Fi\"}}").get(0).genres());
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("no movies", "{}",
                        "body", "no movies"),
                Arguments.of("over the limit", "{\"1\": {}, \"2\": {}, \"3\": {}}",
                        "body", "at most 2"),
                Arguments.of("movie id with a space", "{\"x 1\": {\"title\": \"A\"}}",
                        "x 1", "may only contain letters, digits and - _ . : @"),
                Arguments.of("empty movie id", "{\"\": {\"title\": \"A\"}}",
                        "movie id", "must not be empty"),
                Arguments.of("title missing", "{\"1\": {\"genres\": \"Drama\"}}",
                        "1.title", "is required"),
                Arguments.of("title blank", "{\"1\": {\"title\": \"  \"}}",
                        "1.title", "blank"),
                Arguments.of("title a number", "{\"1\": {\"title\": 5}}",
                        "1.title", "must be a string"),
                Arguments.of("genres a number", "{\"1\": {\"title\": \"A\", \"genres\": 5}}",
                        "1.genres", "pipe-joined"),
                Arguments.of("tag not a string", "{\"1\": {\"title\": \"A\", \"tags\": [\"a\", {}]}}",
                        "1.tags[1]", "must be a string"),
                Arguments.of("unknown field", "{\"1\": {\"title\": \"A\", \"year\": 1999}}",
                        "1.year", "not a known field"),
                Arguments.of("entry a string", "{\"1\": \"Toy Story\"}",
                        "1", "must be an object"),
                Arguments.of("genre outside the vocabulary", "{\"1\": {\"title\": \"A\", \"genres\": \"Drama|Dramma\"}}",
                        "1.genres", "unknown genre 'Dramma'; the genres are Action, Adventure"),
                Arguments.of("NUL at the end of a title", "{\"1\": {\"title\": \"A\\u0000\"}}",
                        "1.title", "control characters"),
                Arguments.of("line break in a tag", "{\"1\": {\"title\": \"A\", \"tags\": [\"ok\", \"b\\nc\"]}}",
                        "1.tags[1]", "control characters"),
                Arguments.of("tab in pipe-joined genres", "{\"1\": {\"title\": \"A\", \"genres\": \"Drama\\t\"}}",
                        "1.genres", "control characters"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badBodiesAreA400NamingTheField(String what, String body, String field, String reason) {
        assertBadRequest(() -> parse(body), field, reason);
    }

    @Test
    void overlongFieldsAreRejected() {
        String longTitle = "A".repeat(MovieRequestParser.MAX_CHARS + 1);
        assertEquals("1.title", assertThrows(ApiException.class,
                () -> parse("{\"1\": {\"title\": \"" + longTitle + "\"}}")).field());
        String manyTags = "t|".repeat(MovieRequestParser.MAX_ITEMS + 1);
        assertEquals("1.tags", assertThrows(ApiException.class,
                () -> parse("{\"1\": {\"title\": \"A\", \"tags\": \"" + manyTags + "\"}}")).field());
    }
}
