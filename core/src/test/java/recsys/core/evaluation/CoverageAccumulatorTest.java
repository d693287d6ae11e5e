package recsys.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageAccumulatorTest {

    private static final double EPS = 1e-12;
    private static final long CATALOGUE = 10;

    // top 3 lists: u1 [a, b, c, z], u2 [b, d, e], u3 [] (z at rank 4 is past maxK = 3)
    // union of top 1: {a, b}                → 2/10
    // union of top 2: {a, b} ∪ {b, d}      → {a, b, d} = 3/10
    // union of top 3: {a, b, c} ∪ {b, d, e} → 5/10
    private static CoverageAccumulator u1() {
        return new CoverageAccumulator(3).add(List.of("a", "b", "c", "z"));
    }

    private static CoverageAccumulator u2() {
        return new CoverageAccumulator(3).add(List.of("b", "d", "e"));
    }

    private static CoverageAccumulator u3() {
        return new CoverageAccumulator(3).add(List.of());
    }

    @Test
    void handComputedCoverage() {
        CoverageAccumulator all = u1().merge(u2()).merge(u3());

        assertEquals(3, all.users());
        assertEquals(2, all.distinctItems(1));
        assertEquals(0.2, all.coverage(1, CATALOGUE), EPS);
        assertEquals(0.3, all.coverage(2, CATALOGUE), EPS);
        assertEquals(0.5, all.coverage(3, CATALOGUE), EPS);
        assertArrayEquals(new double[] {0.2, 0.3, 0.5}, all.coverageCurve(CATALOGUE), EPS);
    }

    @Test
    void aMovieCountsAtTheBestRankAnyUserGaveIt() {
        // b is at rank 2 for u1 but rank 1 for u2; merged either way round it is in the top 1
        assertEquals(2, u1().merge(u2()).distinctItems(1));
        assertEquals(2, u2().merge(u1()).distinctItems(1));
    }

    @Test
    void mergingEqualsAddingAll() {
        CoverageAccumulator added = new CoverageAccumulator(3)
                .add(List.of("a", "b", "c", "z"))
                .add(List.of("b", "d", "e"))
                .add(List.of());
        CoverageAccumulator left = u1().merge(u2()).merge(u3());
        CoverageAccumulator right = u1().merge(u2().merge(u3()));

        assertArrayEquals(added.coverageCurve(CATALOGUE), left.coverageCurve(CATALOGUE), EPS);
        assertArrayEquals(added.coverageCurve(CATALOGUE), right.coverageCurve(CATALOGUE), EPS);
        assertEquals(added.users(), right.users());
    }

    @Test
    void nothingRecommendedCoversNothing() {
        assertEquals(0.0, u3().coverage(3, CATALOGUE));
    }

    @Test
    void rejectsDuplicatesLikeTheRankingMetrics() {
        assertThrows(IllegalArgumentException.class, () -> new CoverageAccumulator(3).add(List.of("a", "b", "a")));
    }

    @Test
    void rejectsBadCutOffsAndCatalogueSizes() {
        CoverageAccumulator all = u1().merge(u2());

        assertThrows(IllegalArgumentException.class, () -> new CoverageAccumulator(0));
        assertThrows(IllegalArgumentException.class, () -> all.coverage(0, CATALOGUE));
        assertThrows(IllegalArgumentException.class, () -> all.coverage(4, CATALOGUE));
        assertThrows(IllegalArgumentException.class, () -> all.coverage(1, 0));
        // five distinct movies in the top 3 cannot come from a catalogue of four
        assertThrows(IllegalArgumentException.class, () -> all.coverage(3, 4));
        assertThrows(IllegalArgumentException.class, () -> all.merge(new CoverageAccumulator(2)));
    }
}
