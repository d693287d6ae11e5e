package recsys.online.recommend;

import io.micronaut.core.annotation.Nullable;
import recsys.online.api.QueryValues;
import recsys.online.api.RequestIds;
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
    /** Parses the raw query parameters; every problem is a 400 naming the parameter. */
    public static RecommendationQuery parse(QueryValues values, RecommendationConfiguration configuration) {
        return new RecommendationQuery(userId(values.single(USER_ID)), ListQuery.parse(values,
                configuration.defaultLimit(), configuration.maxLimit(), configuration.maxWindow()));
    }

    /** A user id: present and valid as sent ({@link RequestIds#check}). */
    public static String userId(@Nullable String raw) {
        if (raw == null) {
            throw ApiException.badRequest(USER_ID, "user_id is required");
        }
        return RequestIds.check(USER_ID, raw);
    }
}
