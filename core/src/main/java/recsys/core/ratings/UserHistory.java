package recsys.core.ratings;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import recsys.core.index.UserFields;

/**
 * A user's ratings as the {@code users} index keeps them: parallel lists, one entry per rated movie, in time order
 * (ties by movie id), exactly as ingest writes them. Immutable; {@link #merge} returns a new history.
 *
 * @param movieIds   rated movies, each once
 * @param ratings    stars, same length
 * @param timestamps epoch seconds, same length
 */
public record UserHistory(List<String> movieIds, List<Double> ratings, List<Long> timestamps) {

    /** Ingest's order: by timestamp, then movie id (Spark's {@code sort_array} over (timestamp, movie_id, rating)). */
    private static final Comparator<Entry> TIME_ORDER = Comparator.comparingLong(Entry::timestamp)
            .thenComparing(Entry::movieId);

    private record Entry(String movieId, double rating, long timestamp) {
    }

    public UserHistory {
        movieIds = List.copyOf(movieIds);
        ratings = List.copyOf(ratings);
        timestamps = List.copyOf(timestamps);
        if (ratings.size() != movieIds.size() || timestamps.size() != movieIds.size()) {
            throw new IllegalArgumentException("a history needs as many ratings and timestamps as movie ids: "
                    + movieIds.size() + ", " + ratings.size() + ", " + timestamps.size());
        }
    }

    public static UserHistory empty() {
        return new UserHistory(List.of(), List.of(), List.of());
    }

    /**
     * Reads the history fields of a stored user document; other fields are ignored. Lenient about what another
     * writer may have stored: a single value instead of a one-element list, missing timestamps (taken as 0, the
     * oldest), a movie listed twice (the later entry wins). Ratings and movie ids of different lengths cannot be
     * paired up and are an error.
     */
    public static UserHistory fromSource(JsonNode source) {
        List<String> ids = list(source.get(UserFields.MOVIE_IDS), JsonNode::asText);
        List<Double> stars = list(source.get(UserFields.RATINGS), JsonNode::asDouble);
        List<Long> times = list(source.get(UserFields.TIMESTAMPS), JsonNode::asLong);
        if (stars.size() != ids.size()) {
            throw new IllegalStateException("stored user " + source.path(UserFields.USER_ID).asText() + " has "
                    + ids.size() + " movie ids but " + stars.size() + " ratings");
        }
        Map<String, Entry> latest = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            latest.remove(ids.get(i));
            latest.put(ids.get(i), new Entry(ids.get(i), stars.get(i), i < times.size() ? times.get(i) : 0L));
        }
        return of(new ArrayList<>(latest.values()));
    }

    /**
     * This history with {@code newRatings} merged in: a movie already rated takes the new rating, every other entry
     * stays. New ratings are stamped {@code now}, or one second after the history's latest timestamp if that is not
     * earlier (so what was just rated is the most recent entry even when stored timestamps run ahead of this
     * server's clock; the test fixture's are in 2033).
     *
     * @param newRatings  at most one per movie (a request holds one rating per movie once cleaned)
     * @param nowSeconds  epoch seconds
     */
    public UserHistory merge(List<MovieRating> newRatings, long nowSeconds) {
        long stamp = Math.max(nowSeconds, timestamps.stream().mapToLong(t -> t + 1).max().orElse(nowSeconds));
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (int i = 0; i < movieIds.size(); i++) {
            entries.put(movieIds.get(i), new Entry(movieIds.get(i), ratings.get(i), timestamps.get(i)));
        }
        for (MovieRating rating : newRatings) {
            entries.put(rating.movieId(), new Entry(rating.movieId(), rating.rating(), stamp));
        }
        return of(new ArrayList<>(entries.values()));
    }

    /**
     * This history with a logged rating applied again at its own time: the movie takes {@code rating}, stamped
     * {@code timestamp}, whatever it had. The caller decides which event is the latest (by arrival, not by
     * timestamp: the service stamps a rating just after the history's latest, which need not follow the clock), so
     * applying the same event twice changes nothing.
     *
     * @param timestamp epoch seconds, the time the service wrote with the rating
     */
    public UserHistory replay(String movieId, double rating, long timestamp) {
        List<Entry> entries = new ArrayList<>(movieIds.size() + 1);
        for (int i = 0; i < movieIds.size(); i++) {
            if (!movieIds.get(i).equals(movieId)) {
                entries.add(new Entry(movieIds.get(i), ratings.get(i), timestamps.get(i)));
            }
        }
        entries.add(new Entry(movieId, rating, timestamp));
        return of(entries);
    }

    public int size() {
        return movieIds.size();
    }

    /** The mean rating, as ingest stores it (a float); 0 for an empty history. */
    public float ratingMean() {
        return (float) ratings.stream().mapToDouble(Double::doubleValue).average().orElse(0.0);
    }

    /**
     * The complete {@code users} document for this history: the source fields of {@link UserFields#SOURCE}, every
     * one derived here from the ratings.
     *
     * <p>It is written whole (an index request, not a partial update), on purpose (the writers' split of the document
     * is described in {@link UserFields}): any other field the stored document had is dropped. Fields computed from a
     * user's ratings by someone else ({@link UserFields#DERIVED}, the precomputed recommendations) are stale once the
     * ratings change, and a field this code does not know about cannot be recomputed here, so removing it is the only
     * safe choice; its owner recomputes it from the new ratings.
     */
    public Map<String, Object> toDocument(String userId) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put(UserFields.USER_ID, userId);
        document.put(UserFields.MOVIE_IDS, movieIds);
        // the mapping stores floats; sending floats keeps the source identical to what ingest writes
        document.put(UserFields.RATINGS, ratings.stream().map(Double::floatValue).toList());
        document.put(UserFields.TIMESTAMPS, timestamps);
        document.put(UserFields.RATING_COUNT, size());
        document.put(UserFields.RATING_MEAN, ratingMean());
        return document;
    }

    private static UserHistory of(List<Entry> entries) {
        entries.sort(TIME_ORDER);
        return new UserHistory(entries.stream().map(Entry::movieId).toList(),
                entries.stream().map(Entry::rating).toList(), entries.stream().map(Entry::timestamp).toList());
    }

    private static <T> List<T> list(JsonNode node, Function<JsonNode, T> value) {
        List<T> values = new ArrayList<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return values;
        }
        if (node.isArray()) {
            node.forEach(item -> values.add(value.apply(item)));
        } else {
            values.add(value.apply(node));
        }
        return values;
    }
}
