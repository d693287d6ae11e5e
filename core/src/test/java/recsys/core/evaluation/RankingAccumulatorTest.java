package recsys.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RankingAccumulatorTest {

    private static final double EPS = 1e-12;
    private static final double RANK_2 = Math.log(2) / Math.log(3); // 1/log2(3) ≈ 0.630930

    /** One user's recommended list and relevant set. */
    private record User(List<String> recommended, Set<String> relevant) {
    }

    // At k = 2:
    // u1: a hit at rank 1, |R| = 1 → NDCG 1,                 P 1/2, R 1,   AP 1/1 = 1
    // u2: a hit at rank 2, |R| = 1 → NDCG 1/log2(3) ≈ 0.6309, P 1/2, R 1,   AP (1/2)/1 = 1/2
    // u3: no relevant items        → skipped
    // u4: no hit, |R| = 2          → NDCG 0,                 P 0,   R 0,   AP 0
    // u5: hits at 1 and 2, |R| = 4 → NDCG 1,                 P 1,   R 2/4, AP (1 + 1)/2 = 1
    private static final List<User> USERS = List.of(
            new User(List.of("a", "b"), Set.of("a")),
            new User(List.of("x", "a"), Set.of("a")),
            new User(List.of("a", "b"), Set.of()),
            new User(List.of("x", "y", "a"), Set.of("a", "b")),
            new User(List.of("a", "b"), Set.of("a", "b", "c", "d")));

    private static RankingAccumulator of(List<User> users) {
        RankingAccumulator accumulator = new RankingAccumulator(2);
        users.forEach(user -> accumulator.addUser(user.recommended(), user.relevant()));
        return accumulator;
    }

    private static void assertSameMeans(RankingAccumulator expected, RankingAccumulator actual) {
        assertEquals(expected.users(), actual.users());
        assertEquals(expected.skippedUsers(), actual.skippedUsers());
        assertEquals(expected.meanNdcg(), actual.meanNdcg(), EPS);
        assertEquals(expected.meanPrecision(), actual.meanPrecision(), EPS);
        assertEquals(expected.meanRecall(), actual.meanRecall(), EPS);
        assertEquals(expected.meanAveragePrecision(), actual.meanAveragePrecision(), EPS);
    }

    /** NDCG 1, 0.6309, 0, 1: mean 0.6577, sample variance by the two-pass formula, 1.96 standard errors. */
    @Test
    void ndcgHalfWidthIsTheHandComputedConfidenceInterval() {
        double[] ndcg = {1, RANK_2, 0, 1};
        double mean = (1 + RANK_2 + 0 + 1) / 4;
        double squares = 0;
        for (double x : ndcg) {
            squares += (x - mean) * (x - mean);
        }
        double expected = 1.96 * Math.sqrt(squares / 3 / 4); // ≈ 0.4658
        assertEquals(expected, of(USERS).ndcgHalfWidth95(), EPS);
        RankingAccumulator merged = of(USERS.subList(0, 2)).merge(of(USERS.subList(2, 5)));
        assertEquals(expected, merged.ndcgHalfWidth95(), EPS, "merging keeps the squares");
        assertEquals(Double.NaN, of(USERS.subList(0, 1)).ndcgHalfWidth95(), "one user has no spread to measure");
    }

    @Test
    void handComputedMeansSkipUsersWithNothingRelevant() {
        RankingAccumulator all = of(USERS);

        assertEquals(4, all.users());
        assertEquals(1, all.skippedUsers());
        assertEquals((1 + RANK_2 + 0 + 1) / 4, all.meanNdcg(), EPS); // ≈ 0.657732
        assertEquals((0.5 + 0.5 + 0 + 1) / 4, all.meanPrecision(), EPS); // 0.5
        assertEquals((1 + 1 + 0 + 0.5) / 4, all.meanRecall(), EPS); // 0.625
        assertEquals((1 + 0.5 + 0 + 1) / 4, all.meanAveragePrecision(), EPS); // MAP@2 = 0.625
        assertEquals(new RankingMetrics(2, all.meanNdcg(), all.meanPrecision(), all.meanRecall(),
                all.meanAveragePrecision()), all.mean());
    }

    @Test
    void addingRecordsEqualsAddingUsers() {
        RankingAccumulator fromRecords = new RankingAccumulator(2);
        for (User user : USERS) {
            if (!user.relevant().isEmpty()) {
                fromRecords.add(RankingMetrics.of(user.recommended(), user.relevant(), 2));
            }
        }

        assertEquals(of(USERS).mean(), fromRecords.mean());
    }

    @Test
    void mergingTwoHalvesEqualsAddingAll() {
        RankingAccumulator merged = of(USERS.subList(0, 2)).merge(of(USERS.subList(2, 5)));

        assertSameMeans(of(USERS), merged);
    }

    @Test
    void mergeIsAssociative() {
        RankingAccumulator left = of(USERS.subList(0, 1)).merge(of(USERS.subList(1, 3))).merge(of(USERS.subList(3, 5)));
        RankingAccumulator right = of(USERS.subList(0, 1)).merge(of(USERS.subList(1, 3)).merge(of(USERS.subList(3, 5))));

        assertSameMeans(left, right);
        assertSameMeans(of(USERS), left);
    }

    @Test
    void onlySkippedUsersLeaveNoMean() {
        RankingAccumulator accumulator = new RankingAccumulator(2).addUser(List.of("a"), Set.of());

        assertEquals(0, accumulator.users());
        assertEquals(1, accumulator.skippedUsers());
        assertThrows(IllegalStateException.class, accumulator::meanNdcg);
        assertThrows(IllegalStateException.class, accumulator::mean);
    }

    @Test
    void skippedUsersStillHaveTheirListChecked() {
        assertThrows(IllegalArgumentException.class,
                () -> new RankingAccumulator(2).addUser(List.of("a", "a"), Set.of()));
    }

    @Test
    void rejectsMixedCutOffs() {
        RankingAccumulator atTwo = new RankingAccumulator(2);

        assertThrows(IllegalArgumentException.class, () -> atTwo.add(new RankingMetrics(3, 1, 1, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> atTwo.merge(new RankingAccumulator(3)));
        assertThrows(IllegalArgumentException.class, () -> new RankingAccumulator(0));
    }
}
