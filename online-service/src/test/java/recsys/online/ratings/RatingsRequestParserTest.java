package recsys.online.ratings;

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
import recsys.core.ratings.MovieRating;
import recsys.online.api.JsonBodyReader;
import recsys.online.config.RatingLimits;
import recsys.online.config.ServiceConfiguration;
import recsys.online.error.ApiException;

class RatingsRequestParserTest {

    private final RatingsRequestParser parser = new RatingsRequestParser(new JsonBodyReader(),
            new ServiceConfiguration("var/storage", null, false, 3, Duration.ofSeconds(10)), new RatingLimits(4, 10));

    private List<UserRatings> parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void listsOfMovieIdsAndRatings() {
        assertEquals(List.of(new UserRatings("1", List.of(new MovieRating("1", 4.0), new MovieRating("3", 4.5),
                        new MovieRating("6", 0.5)))),
                parse("{\"1\": {\"movie_id\": [\"1\",\"3\",\"6\"], \"ratings\": [4.0, 4.5, 0.5]}}"));
    }

    @Test
    void aSingleMovieIdWithRatingAsANumberOrAOneElementList() {
        assertEquals(List.of(new UserRatings("3", List.of(new MovieRating("456", 5.0))),
                        new UserRatings("4", List.of(new MovieRating("7", 3.0)))),
                parse("{\"3\": {\"movie_id\": \"456\", \"rating\": [5.0]}, "
                        + "\"4\": {\"movie_id\": \"7\", \"rating\": 3}}"));
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"1\": {",
                        "body", "not valid JSON"),
                Arguments.of("trailing garbage", "{} x",
                        "body", "not valid JSON"),
                Arguments.of("not an object", "[1, 2]",
                        "body", "must be a JSON object"),
                Arguments.of("no users", "{}",
                        "body", "no users"),
                Arguments.of("over the batch limit", "{\"1\": {}, \"2\": {}, \"3\": {}, \"4\": {}}",
                        "body", "at most 3"),
                Arguments.of("duplicate user", "{\"1\": {\"movie_id\": \"1\", \"rating\": 1}, \"1\": {}}",
                        "body", "Duplicate field"),
                Arguments.of("empty user id", "{\"\": {\"movie_id\": \"1\", \"rating\": 1}}",
                        "user id", "must not be empty"),
                Arguments.of("user id with a slash", "{\"u/1\": {\"movie_id\": \"1\", \"rating\": 1}}",
                        "u/1", "may only contain letters, digits and - _ . : @"),
                Arguments.of("user id with a trailing NUL", "{\"1\\u0000\": {\"movie_id\": \"1\", \"rating\": 1}}",
                        "1\u0000", "control characters"),
                Arguments.of("over the per-user limit", "{\"1\": {\"movie_id\": [\"1\", \"2\", \"3\", \"4\", \"5\"], "
                        + "\"ratings\": [1, 2, 3, 4, 5]}}", "1.movie_id", "at most 4 ratings of one user per request"),
                Arguments.of("entry not an object", "{\"1\": [1]}",
                        "1", "must be an object"),
                Arguments.of("unknown field", "{\"1\": {\"movie_id\": \"1\", \"rating\": 1, \"ts\": 5}}",
                        "1.ts", "not a known field"),
                Arguments.of("movie_id missing", "{\"1\": {\"rating\": 1}}",
                        "1.movie_id", "is required"),
                Arguments.of("ratings missing", "{\"1\": {\"movie_id\": \"1\"}}",
                        "1.ratings", "is required"),
                Arguments.of("both rating and ratings",
                        "{\"1\": {\"movie_id\": \"1\", \"rating\": 1, \"ratings\": [1]}}",
                        "1.rating", "not both"),
                Arguments.of("movie_id a number", "{\"1\": {\"movie_id\": 5, \"rating\": 1}}",
                        "1.movie_id", "string or a list"),
                Arguments.of("movie_id list of numbers", "{\"1\": {\"movie_id\": [\"5\", 6], \"ratings\": [1, 2]}}",
                        "1.movie_id[1]", "must be a string"),
                Arguments.of("empty movie_id list", "{\"1\": {\"movie_id\": [], \"ratings\": []}}",
                        "1.movie_id", "empty list"),
                Arguments.of("empty movie id", "{\"1\": {\"movie_id\": \"\", \"rating\": 1}}",
                        "1.movie_id", "must not be empty"),
                Arguments.of("movie id with a space", "{\"1\": {\"movie_id\": [\"1\", \"2 \"], \"ratings\": [1, 1]}}",
                        "1.movie_id[1]", "may only contain"),
                Arguments.of("rating a string", "{\"1\": {\"movie_id\": \"1\", \"rating\": \"4\"}}",
                        "1.rating", "number or a list"),
                Arguments.of("rating null", "{\"1\": {\"movie_id\": \"1\", \"rating\": null}}",
                        "1.rating", "was null"),
                Arguments.of("rating in list a string", "{\"1\": {\"movie_id\": [\"1\"], \"ratings\": [\"4\"]}}",
                        "1.ratings[0]", "must be a number"),
                Arguments.of("rating too high", "{\"1\": {\"movie_id\": [\"1\", \"2\"], \"ratings\": [4, 5.5]}}",
                        "1.ratings[1]", "between 0.5 and 5.0"),
                Arguments.of("rating too low", "{\"1\": {\"movie_id\": \"1\", \"rating\": 0}}",
                        "1.rating", "between 0.5 and 5.0"),
                Arguments.of("rating not finite", "{\"1\": {\"movie_id\": \"1\", \"rating\": 1e400}}",
                        "1.rating", "finite"),
                Arguments.of("lists of different length", "{\"1\": {\"movie_id\": [\"1\", \"2\"], \"ratings\": [4]}}",
                        "1.ratings", "same length"),
                Arguments.of("second user bad",
                        "{\"1\": {\"movie_id\": \"1\", \"rating\": 1}, \"2\": {\"movie_id\": \"1\", \"rating\": 9}}",
                        "2.rating", "between"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badBodiesAreA400NamingTheField(String what, String body, String field, String reason) {
        assertBadRequest(() -> parse(body), field, reason);
    }

    @Test
    void errorsNeverEchoAHugeKey() {
        String key = "k".repeat(10_000);
        assertBadRequest(() -> parse("{\"" + key + "\": {}}"), "k".repeat(40) + "...", "at most 128 characters");
        assertBadRequest(() -> parse("{\"1\": {\"movie_id\": \"1\", \"rating\": 1, \"" + key + "\": 1}}"),
                "1." + "k".repeat(40) + "...", "not a known field");
    }

    @Test
    void anEmptyBodyIsA400() {
        assertEquals("body", assertThrows(ApiException.class, () -> parser.parse(new byte[0])).field());
        assertEquals("body", assertThrows(ApiException.class, () -> parser.parse(null)).field());
        assertEquals("body", assertThrows(ApiException.class, () -> parse("   ")).field());
    }
}
