package recsys.online.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import recsys.core.evaluation.Relevance;
import recsys.core.features.RatedMovie;
import recsys.core.movielens.Rating;
import recsys.online.api.Json;
import recsys.online.api.JsonBodyReader;
import recsys.online.api.RequestIds;
import recsys.online.config.ServiceConfiguration;
import recsys.online.error.ApiException;

/**
 * Turns a {@code POST /recommendations/session} body into ratings, or a 400 naming the field at fault:
 * {@code {"ratings": {"1": 5.0, "260": 4.5}}}, or a plain list of movie ids, as {@code {"ratings": ["1", "260"]}},
 * {@code {"movie_ids": ["1", "260"]}} or the bare list {@code ["1", "260"]}. A listed id without a rating counts as liked: the relevance threshold
 * ({@link Relevance#DEFAULT}, 4 stars), the least rating the evaluation calls a hit, so a click list weighs as
 * "liked" and no more. The same id rules and rating range as {@code /update_ratings}, and at most
 * {@code recsys.batch-limit} movies.
 */
@Singleton
public final class SessionRequestParser {

    static final String RATINGS = "ratings";
    static final String MOVIE_IDS = "movie_ids";
    private static final String EXPECTED = "{\"ratings\": {\"1\": 5.0, \"260\": 4.5}}, {\"movie_ids\": [\"1\", "
            + "\"260\"]} or [\"1\", \"260\"]";

    private final JsonBodyReader reader;
    private final int limit;

    public SessionRequestParser(JsonBodyReader reader, ServiceConfiguration configuration) {
        this.reader = reader;
        this.limit = configuration.batchLimit();
    }

    public List<RatedMovie> parse(byte[] body) {
        JsonNode tree = reader.readTree(body, EXPECTED);
        if (tree.isArray()) {
            return liked(JsonBodyReader.BODY, tree);
        }
        if (!tree.isObject()) {
            throw ApiException.badRequest(JsonBodyReader.BODY, "must be a JSON object or a list of movie ids, "
                    + EXPECTED + "; was " + Json.typeOf(tree));
        }
        ObjectNode root = (ObjectNode) tree;
        Json.requireObject(JsonBodyReader.BODY, root, Set.of(RATINGS, MOVIE_IDS));
        if (root.has(RATINGS) == root.has(MOVIE_IDS)) {
            throw ApiException.badRequest(RATINGS, "give either ratings or movie_ids; expected " + EXPECTED);
        }
        String field = root.has(RATINGS) ? RATINGS : MOVIE_IDS;
        JsonNode value = root.get(field);
        if (value.isObject()) {
            if (field.equals(MOVIE_IDS)) {
                throw ApiException.badRequest(field, "must be a list of movie ids, was an object");
            }
            return rated(value);
        }
        if (value.isArray()) {
            return liked(field, value);
        }
        throw ApiException.badRequest(field, "must be an object of ratings by movie id or a list of movie ids, was "
                + Json.typeOf(value));
    }

    private List<RatedMovie> rated(JsonNode ratings) {
        requireAtMostLimit(RATINGS, ratings.size());
        Map<String, RatedMovie> parsed = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ratings.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String field = RATINGS + "." + RequestIds.asField(entry.getKey(), "\"\"");
            String movieId = RequestIds.check(field, entry.getKey());
            JsonNode rating = entry.getValue();
            if (!rating.isNumber()) {
                throw ApiException.badRequest(field, "must be a number, was " + Json.typeOf(rating));
            }
            double stars = rating.doubleValue();
            if (!Double.isFinite(stars) || stars < Rating.MIN || stars > Rating.MAX) {
                throw ApiException.badRequest(field, "must be between " + Rating.MIN + " and " + Rating.MAX
                        + ", was " + rating.asText());
            }
            parsed.put(movieId, new RatedMovie(movieId, stars));
        }
        return new ArrayList<>(parsed.values());
    }

    private List<RatedMovie> liked(String field, JsonNode ids) {
        requireAtMostLimit(field, ids.size());
        Map<String, RatedMovie> parsed = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            JsonNode id = ids.get(i);
            String itemField = field + "[" + i + "]";
            if (!id.isTextual()) {
                throw ApiException.badRequest(itemField, "must be a string, was " + Json.typeOf(id));
            }
            String movieId = RequestIds.check(itemField, id.textValue());
            parsed.put(movieId, new RatedMovie(movieId, Relevance.DEFAULT.threshold()));
        }
        return new ArrayList<>(parsed.values());
    }

    private void requireAtMostLimit(String field, int size) {
        if (size > limit) {
            throw ApiException.badRequest(field, "has " + size + " movies; at most " + limit);
        }
    }
}
