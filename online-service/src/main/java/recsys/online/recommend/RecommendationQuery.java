package recsys.online.recommend;

import io.micronaut.core.annotation.Nullable;
import java.util.Locale;
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
        return new RecommendationQuery(userId(userId), flag(RETURN_METADATA, returnMetadata),
                limit(limit, defaultLimit, maxLimit), genre(genre));
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

    /**
     * {@code true/false/True/False/1/0} (any case of true and false: Python's requests sends {@code True}); absent
     * means false.
     */
    static boolean flag(String name, @Nullable String raw) {
        if (raw == null) {
            return false;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ApiException.badRequest(name, name + " must be true, false, 1 or 0, got \""
                    + abbreviate(raw) + "\"");
        };
    }

    static int limit(@Nullable String raw, int defaultLimit, int maxLimit) {
        if (raw == null) {
            return defaultLimit;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(LIMIT, "limit must be a whole number from 1 to " + maxLimit + ", got \""
                    + abbreviate(raw) + "\"");
        }
        if (value < 1 || value > maxLimit) {
            throw ApiException.badRequest(LIMIT, "limit must be from 1 to " + maxLimit + ", got " + value);
        }
        return value;
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

    private static String abbreviate(String raw) {
        String shown = raw.length() <= 40 ? raw : raw.substring(0, 40) + "...";
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
