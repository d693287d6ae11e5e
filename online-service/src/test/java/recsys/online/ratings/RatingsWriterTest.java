package recsys.online.ratings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import recsys.core.events.EventFields;
import recsys.core.index.IndexNames;
import recsys.core.ratings.MovieRating;
import recsys.core.ratings.UserHistory;
import recsys.online.config.RatingLimits;
import recsys.online.error.ApiException;
import recsys.online.events.EventLog;
import recsys.online.events.RequestKey;

/** The optimistic-concurrency loop, on an in-memory store that loses races on demand. */
class RatingsWriterTest {

    private static final RatingLimits LIMITS = new RatingLimits(1000, 10);

    /** Users as documents with a version; a write whose base version is stale is a conflict, as in Elasticsearch. */
    private static final class InMemoryStore extends UserHistoryStore {
        private final Map<String, Stored> users = new HashMap<>();
        private int conflictsLeft;
        private final List<Integer> writeSizes = new ArrayList<>();

        InMemoryStore(int conflicts) {
            super(null, IndexNames.DEFAULT);
            this.conflictsLeft = conflicts;
        }

        @Override
        public Map<String, Stored> read(Collection<String> userIds) {
            Map<String, Stored> read = new HashMap<>();
            for (String id : userIds) {
                read.put(id, users.getOrDefault(id, new Stored(id, UserHistory.empty(), null, null)));
            }
            return read;
        }

        @Override
        public Map<String, Outcome> write(List<Write> writes) {
            writeSizes.add(writes.size());
            Map<String, Outcome> outcomes = new HashMap<>();
            for (Write write : writes) {
                String id = write.base().userId();
                if (conflictsLeft > 0) {
                    conflictsLeft--;
                    // someone else rated movie "other" in between
                    Stored current = read(List.of(id)).get(id);
                    users.put(id, new Stored(id, current.history().merge(List.of(new MovieRating("other", 1.0)), 5),
                            current.exists() ? current.seqNo() + 1 : 0L, 1L));
                    outcomes.put(id, Outcome.CONFLICT);
                    continue;
                }
                Stored base = write.base();
                @SuppressWarnings("unchecked")
                List<String> movies = (List<String>) write.document().get("movie_ids");
                @SuppressWarnings("unchecked")
                List<Float> stars = (List<Float>) write.document().get("ratings");
                @SuppressWarnings("unchecked")
                List<Long> times = (List<Long>) write.document().get("timestamps");
                users.put(id, new Stored(id, new UserHistory(movies, stars.stream().map(Float::doubleValue).toList(),
                        times), base.exists() ? base.seqNo() + 1 : 0L, 1L));
                outcomes.put(id, base.exists() ? Outcome.UPDATED : Outcome.CREATED);
            }
            return outcomes;
        }
    }

    /** The event log's appends, kept in memory in the order they came. */
    private static final class InMemoryEvents extends EventLog {
        private final List<List<Map<String, Object>>> appends = new ArrayList<>();

        InMemoryEvents() {
            super(null, IndexNames.DEFAULT);
        }

        @Override
        public void append(List<Map<String, Object>> documents) {
            appends.add(documents);
        }
    }

    private final InMemoryEvents events = new InMemoryEvents();

    private RatingsWriter writer(InMemoryStore store) {
        return new RatingsWriter(store, events, LIMITS);
    }

    private static final RequestKey KEY = new RequestKey("request-1");

    @Test
    void aLostRaceIsRetriedOnTheNewVersionAndKeepsTheOtherWritersRating() {
        InMemoryStore store = new InMemoryStore(3);
        RatingsWriter.Summary summary = writer(store).write(List.of(
                new UserRatings("1", List.of(new MovieRating("10", 4.0), new MovieRating("10", 5.0))),
                new UserRatings("2", List.of(new MovieRating("20", 3.0)))), KEY);

        // the other writer created both users first, so this request only updated them
        assertEquals(new RatingsWriter.Summary(2, 2, 0), summary);
        assertEquals(List.of("other", "10"), store.users.get("1").history().movieIds());
        assertEquals(List.of(1.0, 5.0), store.users.get("1").history().ratings());
        assertTrue(store.writeSizes.size() > 1, "conflicting users were written again: " + store.writeSizes);
        assertEquals(2, store.writeSizes.get(0), "one bulk request per round for the whole batch");
        assertEquals(1, events.appends.size(), "the events are appended once, not once per round");
        List<Map<String, Object>> appended = events.appends.get(0);
        assertEquals(List.of("request-1|r|1|10", "request-1|r|2|20"),
                appended.stream().map(e -> e.get(EventFields.EVENT_ID)).toList());
        assertEquals(5.0f, appended.get(0).get(EventFields.RATING), "the batch's latest rating of the movie");
        long written = store.users.get("1").history().timestamps().get(1);
        assertEquals(written, appended.get(0).get(EventFields.TIMESTAMP), "the history's timestamp");
    }

    /** A batch whose second user would pass the history limit is a 400 naming that user, and writes no user. */
    @Test
    void aHistoryPastTheLimitRejectsTheWholeBatch() {
        InMemoryStore store = new InMemoryStore(0);
        List<MovieRating> nine = new ArrayList<>();
        for (int m = 0; m < LIMITS.history() - 1; m++) {
            nine.add(new MovieRating("m" + m, 3.0));
        }
        writer(store).write(List.of(new UserRatings("2", nine)), KEY);
        int writes = store.writeSizes.size();

        ApiException e = assertThrows(ApiException.class, () -> writer(store).write(List.of(
                new UserRatings("1", List.of(new MovieRating("10", 4.0))),
                new UserRatings("2", List.of(new MovieRating("new-1", 4.0), new MovieRating("new-2", 4.0)))), KEY));

        assertEquals(400, e.status().getCode());
        assertEquals("2.movie_id", e.field());
        assertTrue(e.getMessage().contains("at most " + LIMITS.history()), e.getMessage());
        assertEquals(writes, store.writeSizes.size(), "nothing written");
        assertEquals(1, events.appends.size(), "and nothing appended to the events");
        assertFalse(store.users.containsKey("1"));
        // re-rating a movie already in the history does not lengthen it
        writer(store).write(List.of(new UserRatings("2", List.of(new MovieRating("m0", 5.0),
                new MovieRating("new-1", 4.0)))), KEY);
        assertEquals(LIMITS.history(), store.users.get("2").history().size());
    }

    @Test
    void givesUpWithA503WhenEveryRoundIsLost() {
        InMemoryStore store = new InMemoryStore(Integer.MAX_VALUE);
        ApiException e = assertThrows(ApiException.class, () -> writer(store).write(
                List.of(new UserRatings("1", List.of(new MovieRating("10", 4.0)))), KEY));

        assertEquals(503, e.status().getCode());
        assertEquals(RatingsWriter.MAX_ROUNDS, store.writeSizes.size());
        assertTrue(e.getMessage().contains("send the request again"), e.getMessage());
    }
}
