package recsys.core.index;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The fields of a {@code users} document (mapping {@code users.json}) and which of them are <em>derived</em>: computed
 * from the others and valid only as long as those stay the same. Whoever changes a user's ratings must remove the
 * derived fields in the same write (or at least leave them to be detected as stale by {@link #ratingsFingerprint}).
 *
 * <p>Source fields: {@link #USER_ID}, the parallel arrays {@link #MOVIE_IDS}, {@link #RATINGS} and {@link #TIMESTAMPS}
 * (one entry per rated movie, oldest first; epoch seconds), {@link #RATING_COUNT} and {@link #RATING_MEAN}.
 *
 * <p>Derived: {@link #RECOMMENDATIONS}, the user's precomputed ranked list, an object the index stores but does not
 * parse ({@code enabled: false}) with
 * <ul>
 *   <li>{@code movie_ids}: up to the service's maximum limit of movie ids, best first, none of them rated;</li>
 *   <li>{@code ratings_fingerprint}: {@link #ratingsFingerprint} of the ratings it was computed from; a reader that
 *       finds another fingerprint ignores the list, so a writer that forgets to remove it cannot make the service
 *       return a movie the user has just rated;</li>
 *   <li>{@code model_version}: the model it was ranked with, or {@code none};</li>
 *   <li>{@code path}: which ranking made it ({@code model}, {@code cosine}); {@code computed_at}: ISO-8601 instant.</li>
 * </ul>
 */
public final class UserFields {

    public static final String USER_ID = "user_id";
    public static final String MOVIE_IDS = "movie_ids";
    public static final String RATINGS = "ratings";
    public static final String TIMESTAMPS = "timestamps";
    public static final String RATING_COUNT = "rating_count";
    public static final String RATING_MEAN = "rating_mean";
    public static final String RECOMMENDATIONS = "recommendations";
    /**
     * Movies in a stored list ({@link #RECOMMENDATIONS}), written by the offline lists job and by the service. Deeper
     * than any page (100 at most): a filtered request (a genre, a year range) is served from the stored list's
     * accepted movies when they fill its page, since the filtered ranking is the whole ranking restricted to the
     * filter, and only a filter the list holds too few movies of costs a ranking computed for the request.
     */
    public static final int STORED_LIST_SIZE = 300;

    /** Fields that must be removed (or recomputed) whenever the user's ratings change. */
    public static final Set<String> DERIVED = Set.of(RECOMMENDATIONS);

    private UserFields() {
    }

    /**
     * A digest of a user's ratings that does not depend on their order: SHA-256 over the sorted
     * {@code movieId=tenths} pairs (each rating in tenths of a star, rounded, so 3.5 and 3.5f agree), first 16 bytes
     * in hex. Cheap enough to check on every request (no number formatting).
     *
     * @throws IllegalArgumentException if the lists differ in length
     */
    public static String ratingsFingerprint(List<String> movieIds, List<? extends Number> ratings) {
        if (movieIds.size() != ratings.size()) {
            throw new IllegalArgumentException(movieIds.size() + " movie ids but " + ratings.size() + " ratings");
        }
        List<String> pairs = new ArrayList<>(movieIds.size());
        for (int i = 0; i < movieIds.size(); i++) {
            pairs.add(movieIds.get(i) + "=" + Math.round(ratings.get(i).doubleValue() * 10));
        }
        pairs.sort(null);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String pair : pairs) {
                sha.update(pair.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
