package recsys.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RankingCurveAccumulatorTest {

    private static final double EPS = 1e-12;
    private static final double RANK_2 = Math.log(2) / Math.log(3); // 1/log2(3) ≈ 0.630930

    private static RankingCurveAccumulator firstHalf() {
        // u1: [a, b], R = {a}  → k=1: NDCG 1, P 1, R 1, AP 1;   k=2: NDCG 1,      P 1/2, R 1, AP 1
        // u2: [] with R = {}   → skipped
        return new RankingCurveAccumulator(2)
                .addUser(List.of("a", "b"), Set.of("a"))
                .addUser(List.of(), Set.of());
    }

    private static RankingCurveAccumulator secondHalf() {
        // u3: [x, a], R = {a}  → k=1: NDCG 0, P 0, R 0, AP 0;   k=2: NDCG 1/log2 3, P 1/2, R 1, AP (1/2)/1
        return new RankingCurveAccumulator(2).addUser(List.of("x", "a"), Set.of("a"));
    }

    @Test
    void handComputedMeanCurves() {
        RankingCurveAccumulator all = firstHalf().merge(secondHalf());
        RankingCurves means = all.means();

        assertEquals(2, all.users());
        assertEquals(1, all.skippedUsers());
        // means of u1 and u3 at k = 1 and k = 2
        assertArrayEquals(new double[] {(1 + 0) / 2.0, (1 + RANK_2) / 2}, means.ndcg(), EPS);
        assertArrayEquals(new double[] {(1 + 0) / 2.0, (0.5 + 0.5) / 2}, means.precision(), EPS);
        assertArrayEquals(new double[] {(1 + 0) / 2.0, (1 + 1) / 2.0}, means.recall(), EPS);
        assertArrayEquals(new double[] {(1 + 0) / 2.0, (1 + 0.5) / 2}, means.averagePrecision(), EPS);
    }

    @Test
    void eachKMatchesASingleKAccumulator() {
        RankingCurveAccumulator curves = firstHalf().merge(secondHalf());
        for (int k = 1; k <= 2; k++) {
            RankingAccumulator single = new RankingAccumulator(k)
                    .addUser(List.of("a", "b"), Set.of("a"))
                    .addUser(List.of(), Set.of())
                    .addUser(List.of("x", "a"), Set.of("a"));
            assertEquals(single.mean(), curves.at(k).mean(), "k = " + k);
            assertEquals(single.mean(), curves.means().at(k), "k = " + k);
        }
    }

    @Test
    void mergeIsAssociative() {
        RankingCurveAccumulator third = new RankingCurveAccumulator(2).addUser(List.of("b", "a"), Set.of("a", "b"));
        RankingCurves left = firstHalf().merge(secondHalf()).merge(third).means();
        RankingCurves right = firstHalf().merge(secondHalf().merge(third)).means();

        assertArrayEquals(left.ndcg(), right.ndcg(), EPS);
        assertArrayEquals(left.precision(), right.precision(), EPS);
        assertArrayEquals(left.recall(), right.recall(), EPS);
        assertArrayEquals(left.averagePrecision(), right.averagePrecision(), EPS);
    }

    @Test
    void rejectsMismatchedMaxK() {
        RankingCurveAccumulator upToTwo = new RankingCurveAccumulator(2);

        assertThrows(IllegalArgumentException.class, () -> upToTwo.merge(new RankingCurveAccumulator(3)));
        assertThrows(IllegalArgumentException.class,
                () -> upToTwo.add(RankingCurves.of(List.of("a"), Set.of("a"), 3)));
        assertThrows(IllegalArgumentException.class, () -> upToTwo.at(3));
        assertThrows(IllegalArgumentException.class, () -> new RankingCurveAccumulator(0));
        assertThrows(IllegalStateException.class, upToTwo::means);
    }
}
