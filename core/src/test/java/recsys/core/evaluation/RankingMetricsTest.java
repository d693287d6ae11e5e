package recsys.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {

    private static final double EPS = 1e-12;

    /** 1 / log2(3) ≈ 0.630930: the DCG weight of rank 2. Rank 1 weighs 1/log2(2) = 1, rank 3 1/log2(4) = 0.5. */
    private static final double RANK_2 = Math.log(2) / Math.log(3);

    private static void assertMetrics(RankingMetrics actual, int k, double ndcg, double precision, double recall,
            double averagePrecision) {
        assertEquals(k, actual.k());
        assertEquals(ndcg, actual.ndcg(), EPS, "NDCG");
        assertEquals(precision, actual.precision(), EPS, "precision");
        assertEquals(recall, actual.recall(), EPS, "recall");
        assertEquals(averagePrecision, actual.averagePrecision(), EPS, "average precision");
    }

    @Test
    void handComputedExample() {
        // ranks: a=1 hit, b=2, c=3 hit, d=4, e=5; relevant {a, c, f}, so |R| = 3 and f is never recommended
        RankingMetrics m = RankingMetrics.of(List.of("a", "b", "c", "d", "e"), Set.of("a", "c", "f"), 5);

        // DCG = 1/log2(2) + 1/log2(4) = 1 + 0.5 = 1.5
        // IDCG over min(5, 3) = 3 ranks = 1 + 1/log2(3) + 0.5 ≈ 2.130930 → NDCG ≈ 0.703918
        // precision = 2 hits / k = 2/5; recall = 2/3
        // AP = (precision@1 + precision@3) / min(5, 3) = (1/1 + 2/3) / 3 = 5/9 ≈ 0.555556
        assertMetrics(m, 5, 1.5 / (1 + RANK_2 + 0.5), 2.0 / 5, 2.0 / 3, 5.0 / 9);
    }

    @Test
    void itemsPastKAreIgnored() {
        // top 2 = a (hit), b; c at rank 3 is past k
        // DCG = 1; IDCG over min(2, 3) = 2 ranks = 1 + 1/log2(3) ≈ 1.630930 → NDCG ≈ 0.613147
        // precision = 1/2; recall = 1/3; AP = (1/1) / min(2, 3) = 1/2
        RankingMetrics m = RankingMetrics.of(List.of("a", "b", "c", "d", "e"), Set.of("a", "c", "f"), 2);

        assertMetrics(m, 2, 1 / (1 + RANK_2), 0.5, 1.0 / 3, 0.5);
    }

    @Test
    void fewerThanKItemsDividePrecisionByK() {
        // two items, the hit at rank 2; k = 5, |R| = 1
        // DCG = 1/log2(3) ≈ 0.630930; IDCG over min(5, 1) = 1 rank = 1 → NDCG ≈ 0.630930
        // precision = 1 hit / k = 1/5, not 1/2: returning fewer items earns nothing
        // recall = 1/1; AP = precision@2 / min(5, 1) = (1/2) / 1 = 1/2
        RankingMetrics m = RankingMetrics.of(List.of("x", "a"), Set.of("a"), 5);

        assertMetrics(m, 5, RANK_2, 1.0 / 5, 1.0, 0.5);
    }

    @Test
    void emptyListScoresZero() {
        assertMetrics(RankingMetrics.of(List.of(), Set.of("a", "b"), 3), 3, 0, 0, 0, 0);
    }

    @Test
    void noHitsScoreZero() {
        assertMetrics(RankingMetrics.of(List.of("x", "y", "z"), Set.of("a"), 3), 3, 0, 0, 0, 0);
    }

    @Test
    void allRelevantScoresOne() {
        assertMetrics(RankingMetrics.of(List.of("a", "b", "c"), Set.of("a", "b", "c"), 3), 3, 1, 1, 1, 1);
    }

    @Test
    void allTopKRelevantButMoreRelevantThanK() {
        // |R| = 4 > k = 2: NDCG and AP normalise by min(k, |R|) = 2 ranks so a perfect top 2 scores 1;
        // recall = 2/4 cannot reach 1 with only two slots
        RankingMetrics m = RankingMetrics.of(List.of("a", "b", "x"), Set.of("a", "b", "c", "d"), 2);

        assertMetrics(m, 2, 1, 1, 0.5, 1);
    }

    @Test
    void perfectListWithFewerRelevantThanKHasPrecisionBelowOne() {
        // |R| = 1, k = 4, the one relevant item first: NDCG = AP = recall = 1, precision = 1/4
        assertMetrics(RankingMetrics.of(List.of("a", "x", "y", "z"), Set.of("a"), 4), 4, 1, 0.25, 1, 1);
    }

    @Test
    void lateHitsAreWorthLess() {
        // the same single hit at rank 3 instead of rank 1: NDCG = 1/log2(4) / 1 = 0.5, AP = (1/3) / 1 = 1/3
        assertMetrics(RankingMetrics.of(List.of("x", "y", "a"), Set.of("a"), 3), 3, 0.5, 1.0 / 3, 1, 1.0 / 3);
    }

    @Test
    void noRelevantItemsIsRejected() {
        // undefined (IDCG = 0, |R| = 0); RankingAccumulator.addUser skips such users instead
        assertThrows(IllegalArgumentException.class, () -> RankingMetrics.of(List.of("a"), Set.of(), 3));
    }

    @Test
    void duplicatesAreRejectedAnywhereInTheList() {
        assertThrows(IllegalArgumentException.class,
                () -> RankingMetrics.of(List.of("a", "b", "a"), Set.of("a"), 3));
        // past k too: the ranker is broken whatever cut-off the report asks for
        assertThrows(IllegalArgumentException.class,
                () -> RankingMetrics.of(List.of("a", "b", "c", "b"), Set.of("a"), 2));
    }

    @Test
    void nullIdsAreRejected() {
        assertThrows(NullPointerException.class,
                () -> RankingMetrics.of(Arrays.asList("a", null), Set.of("a"), 2));
    }

    @Test
    void nonPositiveKIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> RankingMetrics.of(List.of("a"), Set.of("a"), 0));
        assertThrows(IllegalArgumentException.class, () -> RankingMetrics.of(List.of("a"), Set.of("a"), -1));
        assertThrows(IllegalArgumentException.class, () -> new RankingMetrics(0, 0, 0, 0, 0));
    }
}
