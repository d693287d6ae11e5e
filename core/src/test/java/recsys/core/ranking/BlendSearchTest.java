package recsys.core.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlendSearchTest {

    private static final RankingBlend A = new RankingBlend(1, 0, 0);
    private static final RankingBlend B = new RankingBlend(0.7, 0.3, 0);
    private static final RankingBlend C = new RankingBlend(0.5, 0.5, 0);

    @Test
    void choosesTheHighestObjective() {
        Map<RankingBlend, Double> ndcg = Map.of(A, 0.21, B, 0.34, C, 0.30);
        BlendSearch.Result result = BlendSearch.search(List.of(A, B, C), ndcg::get);
        assertEquals(new BlendSearch.Trial(B, 0.34), result.best());
        assertEquals(List.of(new BlendSearch.Trial(A, 0.21), new BlendSearch.Trial(B, 0.34),
                new BlendSearch.Trial(C, 0.30)), result.trials());
    }

    @Test
    void tiesGoToTheEarlierBlend() {
        Map<RankingBlend, Double> ndcg = Map.of(A, 0.2, B, 0.3, C, 0.3);
        assertSame(B, BlendSearch.search(List.of(A, B, C), ndcg::get).best().blend());
        assertSame(C, BlendSearch.search(List.of(A, C, B), ndcg::get).best().blend());
    }

    @Test
    void rejectsNoBlendsAndNonFiniteObjectives() {
        assertThrows(IllegalArgumentException.class, () -> BlendSearch.search(List.of(), blend -> 1));
        assertThrows(IllegalArgumentException.class, () -> BlendSearch.search(List.of(A), blend -> Double.NaN));
    }

    @Test
    void defaultGridStartsWithThePredictedRatingAndHoldsTheDefault() {
        List<RankingBlend> grid = BlendSearch.DEFAULT_GRID;
        assertEquals(RankingBlend.PREDICTED_RATING, grid.get(0));
        assertTrue(grid.contains(RankingBlend.DEFAULT));
        assertFalse(grid.contains(RankingBlend.POPULARITY_BY_COUNT));
        assertFalse(grid.contains(RankingBlend.POPULARITY));
        assertEquals(grid.size(), new HashSet<>(grid).size());
        for (RankingBlend blend : grid) {
            assertEquals(1.0, blend.ratingWeight() + blend.popularityWeight() + blend.meanWeight(), 1e-12);
        }
    }
}
