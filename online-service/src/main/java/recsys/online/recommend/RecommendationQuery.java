package recsys.online.recommend;

import io.micronaut.core.annotation.Nullable;
import recsys.online.api.QueryValues;
import recsys.online.config.RecommendationConfiguration;
import recsys.online.error.ApiException;

/**
 * A validated {@code GET /recommendations} request.
 *
 * @param userId the user, as the client knows them
 * @param list   the page, switches and filter
 */
public record RecommendationQuery(String userId, ListQuery list) {

    public static final String USER_ID = "user_id";
    /** Elasticsearch refuses document ids over 512 bytes; no real user id comes close. */
    static final int MAX_ID_LENGTH = 256;

    /** Parses the raw query parameters; every problem is a 400 naming the parameter. */
    public static RecommendationQuery parse(QueryValues values, RecommendationConfiguration configuration) {
        return new RecommendationQuery(userId(values.single(USER_ID)), ListQuery.parse(values,
                configuration.defaultLimit(), configuration.maxLimit(), configuration.maxWindow()));
    }

    /** A user id: present, not blank, at most {@value #MAX_ID_LENGTH} characters, no control characters. */
    public static String userId(@Nullable String raw) {
        if (raw == null) {
            throw ApiException.badRequest(USER_ID, "user_id is required");
        }
        String id = raw.trim();
        if (id.isEmpty()) {
            throw ApiException.badRequest(USER_ID, "user_id must not be empty");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw ApiException.badRequest(USER_ID, "user_id is longer than " + MAX_ID_LENGTH + " characters");
        }
        if (id.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest(USER_ID, "user_id contains control characters");
        }
        return id;
    }
}
