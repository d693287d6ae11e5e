package recsys.online.ratings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import recsys.online.api.JsonBodyReader;
import recsys.online.config.ServiceConfiguration;
import recsys.online.error.ApiException;

class RatingsRequestParserTest {

    private final RatingsRequestParser parser = new RatingsRequestParser(new JsonBodyReader(),
            new ServiceConfiguration("var/storage", null, false, 3, Duration.ofSeconds(10)));

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
                parse("{\"3\": {\"movie_id\": \"456\", \"rating\": [5.0]}, \"4\": {\"movie_id\": \"7\", \"rating\": 3}}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "malformed JSON            | {\"1\": {                                                      | body     | not valid JSON",
            "trailing garbage          | {} x                                                            | body     | not valid JSON",
            "not an object             | [1, 2]                                                          | body     | must be a JSON object",
            "no users                  | {}                                                              | body     | no users",
            "over the batch limit      | {\"1\": {}, \"2\": {}, \"3\": {}, \"4\": {}}                    | body     | at most 3",
            "duplicate user            | {\"1\": {\"movie_id\": \"1\", \"rating\": 1}, \"1\": {}}        | body     | Duplicate field",
            "empty user id             | {\"\": {\"movie_id\": \"1\", \"rating\": 1}}                    | user id  | must not be empty",
            "user id not digits        | {\"u1\": {\"movie_id\": \"1\", \"rating\": 1}}                  | u1       | digits only",
            "entry not an object       | {\"1\": [1]}                                                    | 1        | must be an object",
            "unknown field             | {\"1\": {\"movie_id\": \"1\", \"rating\": 1, \"ts\": 5}}        | 1.ts     | not a known field",
            "movie_id missing          | {\"1\": {\"rating\": 1}}                                        | 1.movie_id | is required",
            "ratings missing           | {\"1\": {\"movie_id\": \"1\"}}                                  | 1.ratings | is required",
            "both rating and ratings   | {\"1\": {\"movie_id\": \"1\", \"rating\": 1, \"ratings\": [1]}} | 1.rating | not both",
            "movie_id a number         | {\"1\": {\"movie_id\": 5, \"rating\": 1}}                       | 1.movie_id | string or a list",
            "movie_id list of numbers  | {\"1\": {\"movie_id\": [\"5\", 6], \"ratings\": [1, 2]}}        | 1.movie_id[1] | must be a string",
            "empty movie_id list       | {\"1\": {\"movie_id\": [], \"ratings\": []}}                    | 1.movie_id | empty list",
            "empty movie id            | {\"1\": {\"movie_id\": \"\", \"rating\": 1}}                    | 1.movie_id | must not be empty",
            "movie id with a space     | {\"1\": {\"movie_id\": [\"1\", \"2 \"], \"ratings\": [1, 1]}}    | 1.movie_id[1] | digits only",
            "rating a string           | {\"1\": {\"movie_id\": \"1\", \"rating\": \"4\"}}               | 1.rating | number or a list",
            "rating null               | {\"1\": {\"movie_id\": \"1\", \"rating\": null}}                | 1.rating | was null",
            "rating in list a string   | {\"1\": {\"movie_id\": [\"1\"], \"ratings\": [\"4\"]}}          | 1.ratings[0] | must be a number",
            "rating too high           | {\"1\": {\"movie_id\": [\"1\", \"2\"], \"ratings\": [4, 5.5]}}   | 1.ratings[1] | between 0.5 and 5.0",
            "rating too low            | {\"1\": {\"movie_id\": \"1\", \"rating\": 0}}                   | 1.rating | between 0.5 and 5.0",
            "rating not finite         | {\"1\": {\"movie_id\": \"1\", \"rating\": 1e400}}               | 1.rating | finite",
            "lists of different length | {\"1\": {\"movie_id\": [\"1\", \"2\"], \"ratings\": [4]}}        | 1.ratings | same length",
            "second user bad           | {\"1\": {\"movie_id\": \"1\", \"rating\": 1}, \"2\": {\"movie_id\": \"1\", \"rating\": 9}} | 2.rating | between",
    })
    void badBodiesAreA400NamingTheField(String what, String body, String field, String reason) {
        ApiException e = assertThrows(ApiException.class, () -> parse(body));
        assertEquals(400, e.status().getCode());
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void anEmptyBodyIsA400() {
        assertEquals("body", assertThrows(ApiException.class, () -> parser.parse(new byte[0])).field());
        assertEquals("body", assertThrows(ApiException.class, () -> parser.parse(null)).field());
        assertEquals("body", assertThrows(ApiException.class, () -> parse("   ")).field());
    }
}
