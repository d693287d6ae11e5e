package recsys.core.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema of an {@code events} document (mapping {@code events.json}): one accepted online write. The service
 * appends them, in the request and before its 200; the retrain job reads them to rebuild the data the other indices
 * are made from, and replays the ones that arrive during a run onto the new indices.
 *
 * <p>The document id is {@code <request key>|r|<user>|<movie>} for a rating and {@code <request key>|m|<movie>} for a
 * movie: {@code |} is outside the id rule ({@link recsys.core.ids.EntityIds}), so ids never collide. The request key
 * is the client's {@code Idempotency-Key} header when it sends one, so a retried request rewrites its own events
 * rather than adding copies; without one every request has a fresh key.
 *
 * <p>Merge rules, the same offline and online: the latest rating of a (user, movie) wins, ordered by
 * {@link #TIMESTAMP} (the server time stored with the rating in the user's history) then {@link #RECEIVED_AT}; a
 * movie's latest event wins whole (title, genres, tags), ordered by {@link #RECEIVED_AT}.
 */
public final class EventFields {

    public static final String EVENT_ID = "event_id";
    public static final String TYPE = "type";
    /** Server time of the append, epoch milliseconds: what a retrain's snapshot is cut at. */
    public static final String RECEIVED_AT = "received_at";
    public static final String REQUEST_KEY = "request_key";
    public static final String USER_ID = "user_id";
    public static final String MOVIE_ID = "movie_id";
    public static final String RATING = "rating";
    /** The rating's time as written into the user's history, epoch seconds. */
    public static final String TIMESTAMP = "timestamp";
    public static final String TITLE = "title";
    public static final String YEAR = "year";
    public static final String GENRES = "genres";
    public static final String TAGS = "tags";
    /** The movie's embedding as the service computed it, stored unparsed, so a replay needs no model. */
    public static final String VECTOR = "vector";

    public static final String RATING_TYPE = "rating";
    public static final String MOVIE_TYPE = "movie";

    private EventFields() {
    }

    public static String ratingEventId(String requestKey, String userId, String movieId) {
        return requestKey + "|r|" + userId + "|" + movieId;
    }

    public static String movieEventId(String requestKey, String movieId) {
        return requestKey + "|m|" + movieId;
    }

    /** A rating event's document. */
    public static Map<String, Object> rating(String requestKey, String userId, String movieId, double rating,
                                             long timestampSeconds, long receivedAtMillis) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put(EVENT_ID, ratingEventId(requestKey, userId, movieId));
        document.put(TYPE, RATING_TYPE);
        document.put(RECEIVED_AT, receivedAtMillis);
        document.put(REQUEST_KEY, requestKey);
        document.put(USER_ID, userId);
        document.put(MOVIE_ID, movieId);
        document.put(RATING, (float) rating);
        document.put(TIMESTAMP, timestampSeconds);
        return document;
    }

    /** A movie event's document; {@code year} may be null. */
    public static Map<String, Object> movie(String requestKey, String movieId, String title, Integer year,
                                            List<String> genres, List<String> tags, float[] vector,
                                            long receivedAtMillis) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put(EVENT_ID, movieEventId(requestKey, movieId));
        document.put(TYPE, MOVIE_TYPE);
        document.put(RECEIVED_AT, receivedAtMillis);
        document.put(REQUEST_KEY, requestKey);
        document.put(MOVIE_ID, movieId);
        document.put(TITLE, title);
        if (year != null) {
            document.put(YEAR, year);
        }
        document.put(GENRES, List.copyOf(genres));
        document.put(TAGS, List.copyOf(tags));
        document.put(VECTOR, vector);
        return document;
    }
}
