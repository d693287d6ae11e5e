package recsys.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RankingCurvesTest {

    private static final double EPS = 1e-12;
    private static final double RANK_2 = Math.log(2) / Math.log(3); // 1/log2(3) ≈ 0.630930
    private static final double IDCG_3 = 1 + RANK_2 + 0.5; // ≈ 2.130930

    @Test
    void handComputedCurves() {
        // a, c relevant at ranks 1 and 3; f relevant but not recommended; the list ends after rank 5
        RankingCurves curves = RankingCurves.of(List.of("a", "b", "c", "d", "e"), Set.of("a", "c", "f"), 6);

        assertEquals(6, curves.maxK());
        // k:                hits  DCG   IDCG                  AP sum           min(k,3)
        // 1 a hit            1    1     1                     1                1
        // 2 b                1    1     1 + 1/log2 3          1                2
        // 3 c hit            2    1.5   1 + 1/log2 3 + 0.5    1 + 2/3 = 5/3    3
        // 4 d, 5 e, 6 (end)  2    1.5   (|R| = 3, no growth)  5/3              3
        assertArrayEquals(new double[] {1, 1 / (1 + RANK_2), 1.5 / IDCG_3, 1.5 / IDCG_3, 1.5 / IDCG_3, 1.5 / IDCG_3},
                curves.ndcg(), EPS);
        assertArrayEquals(new double[] {1, 1.0 / 2, 2.0 / 3, 2.0 / 4, 2.0 / 5, 2.0 / 6}, curves.precision(), EPS);
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 2.0 / 3, 2.0 / 3, 2.0 / 3, 2.0 / 3}, curves.recall(), EPS);
        assertArrayEquals(new double[] {1, 1.0 / 2, 5.0 / 9, 5.0 / 9, 5.0 / 9, 5.0 / 9}, curves.averagePrecision(),
                EPS);
    }

    @Test
    void eachPointEqualsTheSingleKMetric() {
        List<String> recommended = List.of("a", "b", "c", "d", "e");
        Set<String> relevant = Set.of("a", "c", "f");
        RankingCurves curves = RankingCurves.of(recommended, relevant, 20);

        for (int k = 1; k <= 20; k++) {
            assertEquals(RankingMetrics.of(recommended, relevant, k), curves.at(k), "k = " + k);
        }
    }

    /** The running sums against the definitions written out directly, on a seeded random 30-item list. */
    @Test
    void incrementalWalkMatchesDirectDefinitions() {
        Random random = new Random(42);
        List<String> recommended = new ArrayList<>();
        Set<String> relevant = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            recommended.add("m" + i);
            if (random.nextDouble() < 0.3) {
                relevant.add("m" + i);
            }
        }
        relevant.add("not-recommended");
        RankingCurves curves = RankingCurves.of(recommended, relevant, 20);

        for (int k = 1; k <= 20; k++) {
            double dcg = 0;
            double apSum = 0;
            int hits = 0;
            for (int i = 1; i <= k; i++) {
                if (relevant.contains(recommended.get(i - 1))) {
                    hits++;
                    dcg += 1 / log2(i + 1);
                    apSum += (double) hits / i;
                }
            }
            double idcg = 0;
            for (int i = 1; i <= Math.min(k, relevant.size()); i++) {
                idcg += 1 / log2(i + 1);
            }
            RankingMetrics point = curves.at(k);
            assertEquals(dcg / idcg, point.ndcg(), EPS, "NDCG@" + k);
            assertEquals((double) hits / k, point.precision(), EPS, "precision@" + k);
            assertEquals((double) hits / relevant.size(), point.recall(), EPS, "recall@" + k);
            assertEquals(apSum / Math.min(k, relevant.size()), point.averagePrecision(), EPS, "AP@" + k);
        }
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> RankingCurves.of(List.of("a"), Set.of("a"), 0));
        assertThrows(IllegalArgumentException.class, () -> RankingCurves.of(List.of("a"), Set.of(), 3));
        assertThrows(IllegalArgumentException.class, () -> RankingCurves.of(List.of("a", "a"), Set.of("a"), 3));
        RankingCurves curves = RankingCurves.of(List.of("a"), Set.of("a"), 3);
        assertThrows(IllegalArgumentException.class, () -> curves.at(0));
        assertThrows(IllegalArgumentException.class, () -> curves.at(4));
    }

    @Test
    void constructorChecksTheKsLineUp() {
        RankingMetrics atOne = new RankingMetrics(1, 1, 1, 1, 1);
        RankingMetrics atThree = new RankingMetrics(3, 1, 1, 1, 1);

        assertThrows(IllegalArgumentException.class, () -> new RankingCurves(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new RankingCurves(List.of(atOne, atThree)));
    }
}
