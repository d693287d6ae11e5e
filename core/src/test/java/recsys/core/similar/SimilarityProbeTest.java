package recsys.core.similar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import recsys.core.evaluation.Relevance;
import recsys.core.movielens.Rating;

class SimilarityProbeTest {

    @Test
    void theQueryIsTheMostRecentLikedTrainingMovie() {
        List<Rating> training = List.of(rating("a", 5, 100), rating("b", 4, 300), rating("c", 3.5, 400),
                rating("d", 4.5, 200));

        SimilarityProbe probe = SimilarityProbe.of("u", training, Set.of("x", "y"), Relevance.DEFAULT).orElseThrow();

        assertEquals("b", probe.query(), "c is later but only 3.5 stars");
        assertEquals(Set.of("a", "b", "c", "d"), probe.rated());
        assertEquals(Set.of("x", "y"), probe.relevant());
    }

    @Test
    void onATimestampTieTheHigherRatingThenTheLowerIdWins() {
        assertEquals("q", SimilarityProbe.of("u", List.of(rating("p", 4, 10), rating("q", 5, 10), rating("r", 4, 9)),
                Set.of("x"), Relevance.DEFAULT).orElseThrow().query());
        assertEquals("p", SimilarityProbe.of("u", List.of(rating("s", 4, 10), rating("p", 4, 10)),
                Set.of("x"), Relevance.DEFAULT).orElseThrow().query());
    }

    @Test
    void aUserWithoutALikedTrainingMovieOrALikedHeldOutOneHasNoProbe() {
        assertEquals(Optional.empty(), SimilarityProbe.of("u", List.of(rating("a", 3.5, 1)), Set.of("x"),
                Relevance.DEFAULT));
        assertEquals(Optional.empty(), SimilarityProbe.of("u", List.of(rating("a", 4, 1)), Set.of(),
                Relevance.DEFAULT));
        assertEquals(Optional.empty(), SimilarityProbe.of("u", List.of(rating("a", 4, 1)), Set.of("a"),
                Relevance.DEFAULT), "a held-out movie the user rated in training cannot be found");
    }

    @Test
    void rejectsAnotherUsersRatings() {
        assertThrows(IllegalArgumentException.class, () -> SimilarityProbe.of("u",
                List.of(new Rating("v", "a", 4, 1)), Set.of("x"), Relevance.DEFAULT));
    }

    private static Rating rating(String movie, double stars, long timestamp) {
        return new Rating("u", movie, stars, timestamp);
    }
}
