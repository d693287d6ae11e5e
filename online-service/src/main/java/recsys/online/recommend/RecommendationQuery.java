package recsys.online.recommend;

import io.micronaut.core.annotation.Nullable;
import recsys.online.api.QueryParameters;
import recsys.online.error.ApiException;

/**
 * A validated {@code GET /recommendations} request.
 *
 * @param userId         the user, as the client knows them
 * @param returnMetadata whether each item carries title, genres and tags
 * @param limit          how many items at most, 1 to the configured maximum
 * @param genre          only movies of this genre (as the client wrote it; the service maps it to the catalogue's
 *                       spelling), or {@code null}
 */
public record RecommendationQuery(String userId, boolean returnMetadata, int limit, @Nullable String genre) {

    public static final String USER_ID = "user_id";
    public static final String RETURN_METADATA = "returnMetadata";
    public static final String LIMIT = "limit";
    public static final String GENRE = "genre";
    /** Elasticsearch refuses document ids over 512 bytes; no real user id comes close. */
    static final int MAX_ID_LENGTH = 256;
    static final int MAX_GENRE_LENGTH = 100;

    /**
     * Parses the raw query parameters; every problem is a 400 naming the parameter.
     *
     * @param defaultLimit the limit when none is given
     * @param maxLimit     the largest limit accepted
     */
    public static RecommendationQuery parse(@Nullable String userId, @Nullable String returnMetadata,
                                            @Nullable String limit, @Nullable String genre, int defaultLimit,
                                            int maxLimit) {
        return new RecommendationQuery(userId(userId),
                QueryParameters.booleanValue(RETURN_METADATA, returnMetadata, false),
                QueryParameters.boundedInt(LIMIT, limit, 1, maxLimit, defaultLimit), genre(genre));
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

    @Nullable
    static String genre(@Nullable String raw) {
        if (raw == null) {
            return null;
        }
        String genre = raw.trim();
        if (genre.isEmpty()) {
            throw ApiException.badRequest(GENRE, "genre must not be empty");
        }
        if (genre.length() > MAX_GENRE_LENGTH) {
            throw ApiException.badRequest(GENRE, "genre is longer than " + MAX_GENRE_LENGTH + " characters");
        }
        return genre;
    }
}
