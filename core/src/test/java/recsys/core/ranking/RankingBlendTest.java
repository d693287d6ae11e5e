package recsys.core.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RankingBlendTest {

    @Test
    void presetsPutTheirWeightWhereTheirNameSays() {
        assertEquals(new RankingBlend(1, 0, 0), RankingBlend.PREDICTED_RATING);
        assertEquals(new RankingBlend(0, 1, 0), RankingBlend.POPULARITY_BY_COUNT);
        assertEquals(new RankingBlend(0, 0.5, 0.5), RankingBlend.POPULARITY);
        assertEquals(new RankingBlend(0.7, 0.3, 0), RankingBlend.DEFAULT);
    }

    @Test
    void rejectsNegativeNonFiniteAndAllZeroWeights() {
        for (double bad : List.of(-0.1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)) {
            assertThrows(IllegalArgumentException.class, () -> new RankingBlend(bad, 1, 0), "rating " + bad);
            assertThrows(IllegalArgumentException.class, () -> new RankingBlend(1, bad, 0), "popularity " + bad);
            assertThrows(IllegalArgumentException.class, () -> new RankingBlend(1, 0, bad), "mean " + bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new RankingBlend(0, 0, 0));
    }

    @Test
    void starsMapLinearlyOntoTheUnitInterval() {
        assertEquals(0.0, RankingBlend.stars(0.5));
        assertEquals(0.5, RankingBlend.stars(2.75), 1e-12);
        assertEquals(1.0, RankingBlend.stars(5.0));
    }
}
