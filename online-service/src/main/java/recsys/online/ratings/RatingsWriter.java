package recsys.online.ratings;

import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import recsys.core.events.EventFields;
import recsys.core.index.UserFields;
import recsys.core.ratings.MovieRating;
import recsys.core.ratings.UserHistory;
import recsys.online.config.RatingLimits;
import recsys.online.elasticsearch.RequestDeadline;
import recsys.online.error.ApiException;
import recsys.online.events.EventLog;
import recsys.online.events.RequestKey;

/**
 * Merges validated ratings into the stored histories without losing concurrent updates. Scripted updates are not
 * available on every cluster (the local distribution has no painless), so this is optimistic concurrency: read
 * every user of the batch with its sequence number, merge in memory, write each user back only if it is still at
 * that sequence number (a new user: only if it still does not exist), and repeat the read-merge-write for the users
 * whose write lost a race, after a short random pause, until all are written.
 *
 * <p>A batch is validated as a whole before it gets here, but it is not one transaction: if Elasticsearch fails
 * half-way, the users written so far stay written and the request answers 503. Sending the same request again is
 * safe, because a merge replaces a movie's rating rather than adding to it. The same holds when the request's
 * {@link RequestDeadline} cuts a call: a read or a write not yet sent writes nothing more, but a bulk write the
 * deadline cut after sending may still be applied by Elasticsearch, in whole or per user (the outcome is unknown to
 * the service, hence 503 and not a report of what was written). Each round after a lost race restarts the deadline:
 * the time went to the other writers' writes, not to a slow Elasticsearch, and {@link #MAX_ROUNDS} bounds the rounds.
 */
@Singleton
public class RatingsWriter {

    /**
     * Rounds before giving up on a user. Every round one writer of a contended user wins, so with 16 clients on one
     * user the last needs 16 rounds; the headroom covers a burst of new arrivals. Pauses are capped at
     * {@value #MAX_PAUSE_MILLIS} ms, so giving up takes a few seconds at most.
     */
    static final int MAX_ROUNDS = 100;
    /** The random pause before round n is up to min(2^(n-1), this) milliseconds (exponential back-off, jittered). */
    static final long MAX_PAUSE_MILLIS = 50;

    /** What one request wrote. */
    public record Summary(int users, int ratings, int usersCreated) {
    }

    private final UserHistoryStore store;
    private final Clock clock;
    private final int maxHistory;

    private final EventLog events;

    public RatingsWriter(UserHistoryStore store, EventLog events, RatingLimits limits) {
        this.store = store;
        this.events = events;
        this.clock = Clock.systemUTC();
        this.maxHistory = limits.history();
    }

    /**
     * Merges the batch; its ratings are appended to the {@link EventLog} once, after the whole batch passed its
     * checks and before the first history is written, so every rating a 200 acknowledged is in the log.
     */
    public Summary write(List<UserRatings> batch, RequestKey key) {
        Map<String, List<MovieRating>> pending = new LinkedHashMap<>();
        int ratings = 0;
        for (UserRatings user : batch) {
            List<MovieRating> latest = user.latestPerMovie();
            pending.put(user.userId(), latest);
            ratings += latest.size();
        }
        int users = pending.size();
        int created = 0;
        // one time for every round, so the histories and the events carry the same timestamp
        long nowMillis = clock.millis();
        long now = TimeUnit.MILLISECONDS.toSeconds(nowMillis);
        for (int round = 1; !pending.isEmpty(); round++) {
            if (round > MAX_ROUNDS) {
                throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, null, "the ratings of " + pending.size()
                        + " user(s) could not be written after " + MAX_ROUNDS + " attempts because other requests "
                        + "kept changing them (first: user " + pending.keySet().iterator().next() + "); "
                        + (users - pending.size()) + " other user(s) were written; send the request again", null);
            }
            if (round > 1) {
                pause(round);
                RequestDeadline.restartCurrent();
            }
            Map<String, UserHistoryStore.Stored> stored = store.read(pending.keySet());
            List<UserHistoryStore.Write> writes = new ArrayList<>(pending.size());
            for (Map.Entry<String, List<MovieRating>> user : pending.entrySet()) {
                UserHistoryStore.Stored base = stored.get(user.getKey());
                UserHistory merged = base.history().merge(user.getValue(), now);
                if (merged.size() > maxHistory) {
                    // checked for the whole batch before its first write, so a rejected batch writes nothing
                    // (unless a concurrent writer grew the history while this one retried a lost race)
                    throw ApiException.badRequest(user.getKey() + ".movie_id", "would make the user's history "
                            + merged.size() + " ratings long; at most " + maxHistory + " are kept "
                            + "(recsys.ratings.history)");
                }
                writes.add(new UserHistoryStore.Write(base, merged.toDocument(user.getKey())));
            }
            if (round == 1) {
                events.append(ratingEvents(key, pending, writes, nowMillis));
            }
            for (Map.Entry<String, UserHistoryStore.Outcome> outcome : store.write(writes).entrySet()) {
                if (outcome.getValue() != UserHistoryStore.Outcome.CONFLICT) {
                    pending.remove(outcome.getKey());
                    created += outcome.getValue() == UserHistoryStore.Outcome.CREATED ? 1 : 0;
                }
            }
        }
        return new Summary(users, ratings, created);
    }

    /** One event per new rating, stamped with the time its merged history gave it. */
    private static List<Map<String, Object>> ratingEvents(RequestKey key, Map<String, List<MovieRating>> batch,
                                                          List<UserHistoryStore.Write> writes, long nowMillis) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (UserHistoryStore.Write write : writes) {
            String user = write.base().userId();
            @SuppressWarnings("unchecked")
            List<String> movies = (List<String>) write.document().get(UserFields.MOVIE_IDS);
            @SuppressWarnings("unchecked")
            List<Long> times = (List<Long>) write.document().get(UserFields.TIMESTAMPS);
            for (MovieRating rating : batch.get(user)) {
                long stamp = times.get(movies.indexOf(rating.movieId()));
                documents.add(EventFields.rating(key.value(), user, rating.movieId(), rating.rating(), stamp,
                        nowMillis));
            }
        }
        return documents;
    }

    /** Spreads the losers of a race apart so they do not collide again in the next round. */
    private static void pause(int round) {
        long cap = Math.min(MAX_PAUSE_MILLIS, 1L << Math.min(round - 1, 20));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing ratings", e);
        }
    }
}
