package recsys.online.ratings;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import recsys.core.movielens.Rating;
import recsys.core.ratings.MovieRating;
import recsys.online.api.Json;
import recsys.online.api.JsonBodyReader;
import recsys.online.api.RequestIds;
import recsys.online.config.RatingLimits;
import recsys.online.config.ServiceConfiguration;
import recsys.online.error.ApiException;

/**
 * Turns an {@code /update_ratings} body into validated {@link UserRatings}, or a 400 naming the first field at fault.
 * The whole body is checked before anything is returned, so a rejected request writes nothing.
 *
 * <p>Accepted, per user id key: {@code movie_id} as a string or a non-empty list of strings, and the ratings as
 * {@code ratings} or {@code rating} (not both), a number or a list of numbers, as many as there are movie ids, each
 * finite and within [{@value Rating#MIN}, {@value Rating#MAX}] (the range ingest accepts). Any other field is
 * rejected: the clients send exactly these shapes, and a misspelt field silently ignored would lose data. At most
 * {@link RatingLimits#perRequest} ratings per user.
 */
@Singleton
public final class RatingsRequestParser {

    static final String MOVIE_ID = "movie_id";
    static final String RATINGS = "ratings";
    static final String RATING = "rating";
    private static final Set<String> FIELDS = Set.of(MOVIE_ID, RATINGS, RATING);
    private static final String EXPECTED = "keyed by user id, e.g. {\"1\": {\"movie_id\": [\"1\", \"3\"], "
            + "\"ratings\": [4.0, 3.5]}}";

    private final JsonBodyReader reader;
    private final int batchLimit;
    private final int perUserLimit;

    public RatingsRequestParser(JsonBodyReader reader, ServiceConfiguration configuration, RatingLimits limits) {
        this.reader = reader;
        this.batchLimit = configuration.batchLimit();
        this.perUserLimit = limits.perRequest();
    }

    public List<UserRatings> parse(byte[] body) {
        List<UserRatings> parsed = new ArrayList<>();
        for (Map.Entry<String, JsonNode> user : reader.readKeyedBatch(body, "users", batchLimit, EXPECTED)) {
            parsed.add(user(user.getKey(), user.getValue()));
        }
        return parsed;
    }

    private UserRatings user(String userId, JsonNode entry) {
        RequestIds.check(RequestIds.asField(userId, "user id"), userId);
        Json.requireObject(userId, entry, FIELDS);
        JsonNode movieNode = entry.get(MOVIE_ID);
        if (movieNode == null) {
            throw ApiException.badRequest(userId + "." + MOVIE_ID, "is required");
        }
        if (entry.has(RATINGS) && entry.has(RATING)) {
            throw ApiException.badRequest(userId + "." + RATING, "give either ratings or rating, not both");
        }
        String ratingsField = entry.has(RATING) ? RATING : RATINGS;
        JsonNode ratingsNode = entry.get(ratingsField);
        if (ratingsNode == null) {
            throw ApiException.badRequest(userId + "." + RATINGS, "is required");
        }
        String movieField = userId + "." + MOVIE_ID;
        List<String> movieIds = Json.oneOrManyStrings(movieField, movieNode);
        if (movieIds.size() > perUserLimit) {
            throw ApiException.badRequest(movieField, "has " + movieIds.size() + " movies; at most " + perUserLimit
                    + " ratings of one user per request (recsys.ratings.per-request)");
        }
        List<Double> ratings = Json.oneOrManyNumbers(userId + "." + ratingsField, ratingsNode);
        if (movieIds.size() != ratings.size()) {
            throw ApiException.badRequest(userId + "." + ratingsField, "has " + ratings.size() + " values but "
                    + MOVIE_ID + " has " + movieIds.size() + "; they must be the same length");
        }
        List<MovieRating> parsed = new ArrayList<>(movieIds.size());
        for (int i = 0; i < movieIds.size(); i++) {
            String suffix = movieNode.isArray() ? "[" + i + "]" : "";
            String movieId = RequestIds.check(movieField + suffix, movieIds.get(i));
            double rating = ratings.get(i);
            if (rating < Rating.MIN || rating > Rating.MAX) {
                JsonNode given = ratingsNode.isArray() ? ratingsNode.get(i) : ratingsNode;
                String field = userId + "." + ratingsField + (ratingsNode.isArray() ? "[" + i + "]" : "");
                throw ApiException.badRequest(field, "must be between " + Rating.MIN + " and " + Rating.MAX
                        + ", was " + given.asText());
            }
            parsed.add(new MovieRating(movieId, rating));
        }
        return new UserRatings(userId, parsed);
    }
}
