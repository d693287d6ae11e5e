package recsys.core.ratings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import recsys.core.index.UserFields;

class UserHistoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static UserHistory stored() {
        return new UserHistory(List.of("10", "20", "30"), List.of(3.0, 4.0, 5.0), List.of(100L, 200L, 300L));
    }

    @Test
    void aNewerRatingReplacesTheOldOneAndNothingElseIsLost() {
        UserHistory merged = stored().merge(List.of(new MovieRating("20", 1.0), new MovieRating("40", 2.5)), 1_000);

        assertEquals(List.of("10", "30", "20", "40"), merged.movieIds());
        assertEquals(List.of(3.0, 5.0, 1.0, 2.5), merged.ratings());
        assertEquals(List.of(100L, 300L, 1_000L, 1_000L), merged.timestamps());
    }

    @Test
    void newRatingsAreNeverOlderThanTheHistory() {
        // stored timestamps ahead of the server clock (the test fixture's are in 2033): the new rating is still last
        UserHistory merged = stored().merge(List.of(new MovieRating("05", 4.0)), 50);

        assertEquals(List.of("10", "20", "30", "05"), merged.movieIds());
        assertEquals(301L, merged.timestamps().get(3));
    }

    @Test
    void equalTimestampsAreOrderedByMovieIdAsIngestDoes() {
        UserHistory merged = UserHistory.empty().merge(List.of(new MovieRating("9", 4.0), new MovieRating("10", 3.0),
                new MovieRating("1", 2.0)), 500);

        assertEquals(List.of("1", "10", "9"), merged.movieIds());
        assertEquals(List.of(2.0, 3.0, 4.0), merged.ratings());
    }

    @Test
    void theDocumentHoldsExactlyTheIngestFieldsWithCountAndMean() {
        Map<String, Object> document = stored().merge(List.of(new MovieRating("30", 0.5)), 400).toDocument("7");

        assertEquals(List.of("user_id", "movie_ids", "ratings", "timestamps", "rating_count", "rating_mean"),
                List.copyOf(document.keySet()));
        assertEquals(UserFields.SOURCE, List.copyOf(document.keySet()));
        assertEquals("7", document.get("user_id"));
        assertEquals(List.of(3.0f, 4.0f, 0.5f), document.get("ratings"));
        assertEquals(3, document.get("rating_count"));
        assertEquals(2.5f, document.get("rating_mean"));
    }

    @Test
    void readsStoredSourcesLeniently() throws Exception {
        UserHistory single = UserHistory.fromSource(JSON.readTree(
                "{\"user_id\": \"1\", \"movie_ids\": \"5\", \"ratings\": 4.5, \"timestamps\": 9, \"extra\": [1]}"));
        assertEquals(new UserHistory(List.of("5"), List.of(4.5), List.of(9L)), single);

        UserHistory repeated = UserHistory.fromSource(JSON.readTree(
                "{\"movie_ids\": [\"5\", \"6\", \"5\"], \"ratings\": [1, 2, 3], \"timestamps\": [1, 2, 3]}"));
        assertEquals(new UserHistory(List.of("6", "5"), List.of(2.0, 3.0), List.of(2L, 3L)), repeated);

        UserHistory noTimestamps = UserHistory.fromSource(JSON.readTree(
                "{\"movie_ids\": [\"5\"], \"ratings\": [1]}"));
        assertEquals(List.of(0L), noTimestamps.timestamps());
    }

    @Test
    void aStoredHistoryThatCannotBePairedUpIsAnError() throws Exception {
        assertThrows(IllegalStateException.class, () -> UserHistory.fromSource(JSON.readTree(
                "{\"movie_ids\": [\"5\", \"6\"], \"ratings\": [1]}")));
    }

    @Test
    void aReplayedRatingSetsTheMovieAtItsOwnTimeAndTwiceIsOnce() {
        UserHistory history = new UserHistory(List.of("1", "2"), List.of(3.0, 4.0), List.of(100L, 200L));

        UserHistory replayed = history.replay("1", 5.0, 300L);
        assertEquals(new UserHistory(List.of("2", "1"), List.of(4.0, 5.0), List.of(200L, 300L)), replayed);
        assertEquals(replayed, replayed.replay("1", 5.0, 300L), "twice is once");
        // the latest event wins even with an earlier stamp (stamps follow the history, not the clock)
        assertEquals(new UserHistory(List.of("2", "1"), List.of(4.0, 1.0), List.of(200L, 250L)),
                replayed.replay("1", 1.0, 250L));
        assertEquals(new UserHistory(List.of("2", "1", "9"), List.of(4.0, 5.0, 2.5), List.of(200L, 300L, 300L)),
                replayed.replay("9", 2.5, 300L));
    }
}
