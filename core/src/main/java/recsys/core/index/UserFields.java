package recsys.core.index;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The schema of a {@code users} document (mapping {@code users.json}): its field names, which of them are
 * <em>derived</em> (computed from the others and valid only as long as those stay the same), and who writes what.
 * Every reader and writer spells the fields through these constants: ingest, the service's readers
 * ({@code recsys.online.users.UserDocument}, {@code recsys.core.ratings.UserHistory}) and writers, and the offline
 * lists job.
 *
 * <p>Source fields ({@link #SOURCE}): {@link #USER_ID}, the parallel arrays {@link #MOVIE_IDS}, {@link #RATINGS} and
 * {@link #TIMESTAMPS} (one entry per rated movie, oldest first; epoch seconds), {@link #RATING_COUNT} and
 * {@link #RATING_MEAN}.
 *
 * <p>Derived ({@link #DERIVED}): {@link #RECOMMENDATIONS}, the user's precomputed ranked list, an object the index
 * stores but does not parse ({@code enabled: false}) with the fields of {@link StoredList}:
 * <ul>
 *   <li>{@code movie_ids}: up to {@link #STORED_LIST_SIZE} movie ids, best first, none of them rated;</li>
 *   <li>{@code ratings_fingerprint}: {@link #ratingsFingerprint} of the ratings it was computed from; a reader that
 *       finds another fingerprint ignores the list, so a writer that forgets to remove it cannot make the service
 *       return a movie the user has just rated;</li>
 *   <li>{@code model_version}: the model it was ranked with, or {@link StoredList#NO_MODEL};</li>
 *   <li>{@code path}: which ranking made it ({@link StoredList#TOP_N_PATH}, {@code model}, {@code cosine});
 *       {@code computed_at}: ISO-8601 instant.</li>
 * </ul>
 *
 * <p><b>Writers.</b> The index has several writers on purpose, each owning one part of the document, and this class
 * is where the split is written down (rather than one store class owning every write: the writers live in different
 * processes, ingest and the lists job in Spark and the other two in the service, so a single owner could only be
 * this schema):
 * <ul>
 *   <li>the source fields are written <em>whole</em>: by ingest (bulk, into a new physical index) and by the
 *       service's ratings writer ({@code recsys.online.ratings.UserHistoryStore}, an index request conditional on
 *       the version it read). A whole write drops every derived field, which is what a change of ratings needs;</li>
 *   <li>the derived fields are written by <em>partial update</em> naming nothing but {@link #RECOMMENDATIONS}: by the
 *       service ({@code recsys.online.users.UserStore}, conditional on the version it ranked) and by the offline
 *       lists job ({@code recsys.offline.lists.UserListsJob}). Neither ever writes a source field.</li>
 * </ul>
 * Whoever changes a user's ratings must remove the derived fields in the same write (or at least leave them to be
 * detected as stale by {@link #ratingsFingerprint}).
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

    /** The fields a whole-document writer writes, in the order ingest writes them; everything but {@link #DERIVED}. */
    public static final List<String> SOURCE = List.of(USER_ID, MOVIE_IDS, RATINGS, TIMESTAMPS, RATING_COUNT,
            RATING_MEAN);

    /** Fields that must be removed (or recomputed) whenever the user's ratings change. */
    public static final Set<String> DERIVED = Set.of(RECOMMENDATIONS);

    /** The fields of the stored list, the object under {@link #RECOMMENDATIONS}, and the values both writers share. */
    public static final class StoredList {
        public static final String MOVIE_IDS = "movie_ids";
        public static final String RATINGS_FINGERPRINT = "ratings_fingerprint";
        public static final String MODEL_VERSION = "model_version";
        public static final String PATH = "path";
        public static final String COMPUTED_AT = "computed_at";
        /** {@link #MODEL_VERSION} of a list ranked without a model. */
        public static final String NO_MODEL = "none";
        /**
         * {@link #PATH} of a list ranked by a version's top-N model: what the offline lists job writes and the service
         * reads as its own top-N path.
         */
        public static final String TOP_N_PATH = "top-n";

        private StoredList() {
        }
    }

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
