package recsys.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import recsys.core.movielens.Rating;

class RelevanceTest {

    private static final List<Rating> USER_1_TEST = List.of(
            new Rating("1", "10", 5.0, 0L),
            new Rating("1", "20", 4.0, 0L),
            new Rating("1", "30", 3.5, 0L),
            new Rating("1", "40", 4.5, 0L));

    @Test
    void defaultIsFourStarsInclusive() {
        assertEquals(4.0, Relevance.DEFAULT.threshold());
        assertTrue(Relevance.DEFAULT.isRelevant(4.0));
        assertFalse(Relevance.DEFAULT.isRelevant(3.5));
        assertEquals(Set.of("10", "20", "40"), Relevance.DEFAULT.relevantIds(USER_1_TEST));
    }

    @Test
    void thresholdIsAParameter() {
        assertEquals(Set.of("10", "40"), new Relevance(4.5).relevantIds(USER_1_TEST));
        assertEquals(Set.of("10", "20", "30", "40"), new Relevance(3.0).relevantIds(USER_1_TEST));
    }

    @Test
    void noTestRatingsMeansNothingRelevant() {
        assertEquals(Set.of(), Relevance.DEFAULT.relevantIds(List.of()));
    }

    @Test
    void rejectsNonFiniteThresholds() {
        assertThrows(IllegalArgumentException.class, () -> new Relevance(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Relevance(Double.NEGATIVE_INFINITY));
    }

    @Test
    void rejectsRatingsOfSeveralUsers() {
        List<Rating> mixed = List.of(new Rating("1", "10", 5.0, 0L), new Rating("2", "10", 5.0, 0L));

        assertThrows(IllegalArgumentException.class, () -> Relevance.DEFAULT.relevantIds(mixed));
    }
}
