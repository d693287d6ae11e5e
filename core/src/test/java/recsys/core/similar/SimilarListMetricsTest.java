package recsys.core.similar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every expected value worked out by hand. */
class SimilarListMetricsTest {

    private static final double LOG2_3 = Math.log(3) / Math.log(2);

    @Test
    void aHitAtRankTwo() {
        // R = {b, z}; b at rank 2: RR 1/2; DCG 1/log2(3); ideal two hits: 1 + 1/log2(3)
        SimilarListMetrics m = SimilarListMetrics.of(List.of("a", "b", "c"), Set.of("b", "z"), 10);
        assertEquals(1.0, m.hitRate());
        assertEquals(0.5, m.reciprocalRank());
        assertEquals((1 / LOG2_3) / (1 + 1 / LOG2_3), m.ndcg(), 1e-12);
    }

    @Test
    void onlyTheFirstHitCountsForTheReciprocalRankAndNothingPastK() {
        SimilarListMetrics m = SimilarListMetrics.of(List.of("a", "b", "c", "d"), Set.of("c", "d"), 3);
        assertEquals(1.0, m.hitRate());
        assertEquals(1.0 / 3, m.reciprocalRank());
        // DCG: c at rank 3, 1/log2(4) = 0.5; ideal: 1 + 1/log2(3)
        assertEquals(0.5 / (1 + 1 / LOG2_3), m.ndcg(), 1e-12);

        SimilarListMetrics past = SimilarListMetrics.of(List.of("a", "b", "c"), Set.of("c"), 2);
        assertEquals(new SimilarListMetrics(2, 0, 0, 0), past);
        assertEquals(new SimilarListMetrics(10, 0, 0, 0), SimilarListMetrics.of(List.of(), Set.of("c"), 10));
    }

    @Test
    void theMeansWeighEveryUserTheSame() {
        SimilarListAccumulator sum = new SimilarListAccumulator(10)
                .add(SimilarListMetrics.of(List.of("a", "b"), Set.of("a"), 10))      // hit, RR 1, NDCG 1
                .add(SimilarListMetrics.of(List.of("a", "b"), Set.of("x"), 10));     // miss
        SimilarListAccumulator other = new SimilarListAccumulator(10)
                .add(SimilarListMetrics.of(List.of("a", "b", "c", "d"), Set.of("d"), 10)); // hit, RR 1/4, 1/log2(5)

        SimilarListMetrics mean = sum.merge(other).mean();

        assertEquals(3, sum.users());
        assertEquals(2.0 / 3, mean.hitRate(), 1e-12);
        assertEquals((1 + 0.25) / 3, mean.reciprocalRank(), 1e-12);
        assertEquals((1 + Math.log(2) / Math.log(5)) / 3, mean.ndcg(), 1e-12);
    }

    @Test
    void rejectsWhatHasNoMeaning() {
        assertThrows(IllegalArgumentException.class, () -> SimilarListMetrics.of(List.of("a"), Set.of(), 10));
        assertThrows(IllegalArgumentException.class, () -> SimilarListMetrics.of(List.of("a", "a"), Set.of("a"), 10));
        assertThrows(IllegalArgumentException.class, () -> new SimilarListAccumulator(10)
                .add(new SimilarListMetrics(5, 0, 0, 0)));
        assertThrows(IllegalStateException.class, () -> new SimilarListAccumulator(10).mean());
    }
}
