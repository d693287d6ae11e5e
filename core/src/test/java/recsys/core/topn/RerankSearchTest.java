package recsys.core.topn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RerankSearchTest {

    private static double[] features(double itemItem, double als) {
        return new double[] {itemItem, als, 0, 0, Double.NaN};
    }

    /** "good" is the best by ALS and the worst by item-item; two fillers the other way round. */
    private static RerankSearch.ValidationUser user(String good) {
        UserCandidates pool = new UserCandidates(List.of(good, "a", "b"),
                new double[][] {features(0.1, 1.0), features(1.0, 0.2), features(0.9, 0.1)}, new long[] {1, 2, 3});
        return new RerankSearch.ValidationUser(pool, Set.of(good));
    }

    @Test
    void theWeightingThatRanksTheRelevantMoviesFirstWins() {
        List<RerankSearch.ValidationUser> users = List.of(user("x"), user("y"));
        RerankSearch.Result result = RerankSearch.search(users,
                List.of(RerankWeights.ITEM_ITEM_ONLY, RerankWeights.ALS_ONLY), 1, 10, 0);
        assertEquals(RerankWeights.ALS_ONLY, result.best().weights());
        assertEquals(1.0, result.best().ndcg(), 1e-12);
        assertEquals(0.0, result.trials().get(0).ndcg(), 1e-12);
        assertEquals(List.of(RerankWeights.ITEM_ITEM_ONLY, RerankWeights.ALS_ONLY),
                result.trials().stream().map(RerankSearch.Trial::weights).toList());
    }

    /** Item-item shows "a" to both users (coverage 1/10), ALS shows "x" and "y" (2/10), but a floor of 0.2 is met by ALS only. */
    @Test
    void aWeightingBelowTheCoverageFloorLosesWhateverItsNdcg() {
        UserCandidates pool = new UserCandidates(List.of("x", "a"),
                new double[][] {features(0.1, 1.0), features(1.0, 0.2)}, new long[] {1, 2});
        UserCandidates other = new UserCandidates(List.of("y", "a"),
                new double[][] {features(0.1, 1.0), features(1.0, 0.2)}, new long[] {1, 2});
        List<RerankSearch.ValidationUser> users = List.of(new RerankSearch.ValidationUser(pool, Set.of("a")),
                new RerankSearch.ValidationUser(other, Set.of("a")));
        RerankSearch.Result floor = RerankSearch.search(users,
                List.of(RerankWeights.ITEM_ITEM_ONLY, RerankWeights.ALS_ONLY), 1, 10, 0.2);
        assertEquals(RerankWeights.ALS_ONLY, floor.best().weights());
        assertEquals(0.2, floor.best().coverage(), 1e-12);
        assertTrue(floor.coverageMet());
        RerankSearch.Result none = RerankSearch.search(users,
                List.of(RerankWeights.ITEM_ITEM_ONLY, RerankWeights.ALS_ONLY), 1, 10, 0.5);
        assertEquals(RerankWeights.ITEM_ITEM_ONLY, none.best().weights(), "no trial reaches it: the best NDCG");
        assertEquals(1.0, none.best().ndcg(), 1e-12);
        assertTrue(!none.coverageMet());
    }

    @Test
    void aTieGoesToTheEarlierWeighting() {
        List<RerankSearch.ValidationUser> users = List.of(user("x"));
        RerankWeights alsHeavy = new RerankWeights(0.1, 1, 0, 0, 0);
        RerankSearch.Result result = RerankSearch.search(users, List.of(alsHeavy, RerankWeights.ALS_ONLY), 1, 10, 0);
        assertEquals(alsHeavy, result.best().weights());
    }

    @Test
    void theDefaultGridStartsWithEverySourceAloneAndHoldsNoDuplicate() {
        List<RerankWeights> grid = RerankSearch.defaultGrid();
        assertEquals(List.of(RerankWeights.ITEM_ITEM_ONLY, RerankWeights.ALS_ONLY, RerankWeights.CONTENT_ONLY,
                RerankWeights.POPULARITY_ONLY, RerankWeights.LIKED_ONLY), grid.subList(0, 5));
        assertEquals(grid.size(), Set.copyOf(grid).size());
        assertEquals(5 + 3 * 3 * 2 * 3 * 3 * 4 * 6 - 1, grid.size(),
                "the five single sources, then every blend but item-item alone again");
    }

    @Test
    void aUserWithoutRelevantMoviesIsRejected() {
        UserCandidates pool = new UserCandidates(List.of("a"), new double[][] {features(1, 1)}, new long[] {1});
        assertThrows(IllegalArgumentException.class, () -> new RerankSearch.ValidationUser(pool, Set.of()));
    }

    @Test
    void unscoredCandidatesComeLastInTieOrder() {
        UserCandidates pool = new UserCandidates(List.of("new", "old", "older"),
                new double[][] {{Double.NaN, Double.NaN, 1, Double.NaN, Double.NaN}, features(0.5, 0.5),
                        features(0.5, 0.5)}, new long[] {0, 5, 9});
        assertEquals(List.of("older", "old", "new"), pool.top(RerankWeights.ITEM_ITEM_ONLY, 3));
        assertEquals(List.of("new", "older", "old"), pool.top(new RerankWeights(1, 0, 1, 0, 0), 3));
    }

    /**
     * On random pools (missing features, tied scores and counts, pools shorter than k), every trial of the default
     * grid equals a brute force that scores each candidate with {@link RerankWeights#score}, sorts the whole pool and
     * counts the shown movies in a set: the same NDCG and coverage to the last bit, since the search's choice
     * turns on them.
     */
    @Test
    void everyTrialEqualsABruteForceRankingOfEveryPool() {
        java.util.Random random = new java.util.Random(7);
        List<RerankSearch.ValidationUser> users = new java.util.ArrayList<>();
        for (int u = 0; u < 60; u++) {
            int size = 1 + random.nextInt(40);
            List<String> ids = new java.util.ArrayList<>();
            double[][] rows = new double[size][];
            long[] counts = new long[size];
            for (int i = 0; i < size; i++) {
                ids.add(Integer.toString(u % 7 * 31 + i * 3));
                rows[i] = new double[RerankWeights.FEATURES];
                for (int j = 0; j < rows[i].length; j++) {
                    // a coarse scale, so equal scores happen and the tie order decides
                    rows[i][j] = random.nextInt(5) == 0 ? Double.NaN : random.nextInt(4) / 4.0;
                }
                counts[i] = random.nextInt(3);
            }
            users.add(new RerankSearch.ValidationUser(new UserCandidates(ids, rows, counts),
                    Set.of(ids.get(random.nextInt(size)), "not-a-candidate")));
        }
        int k = 10;
        int catalogue = 400;
        List<RerankWeights> grid = RerankSearch.defaultGrid();
        RerankSearch.Result result = RerankSearch.search(users, grid, k, catalogue, 0.05);
        for (int t = 0; t < grid.size(); t++) {
            double[] weights = grid.get(t).toArray();
            double sum = 0;
            Set<String> shown = new java.util.HashSet<>();
            for (RerankSearch.ValidationUser user : users) {
                UserCandidates pool = user.candidates();
                List<Integer> order = new java.util.ArrayList<>(java.util.stream.IntStream.range(0, pool.size())
                        .boxed().toList());
                // scored first by score descending, then the pool's tie order (its index); unscored last
                order.sort(java.util.Comparator.<Integer>comparingInt(i -> Double.isNaN(pool.score(i, weights))
                        ? 1 : 0).thenComparing(i -> Double.isNaN(pool.score(i, weights)) ? 0
                        : -pool.score(i, weights)).thenComparingInt(i -> i));
                List<String> top = order.stream().limit(k).map(pool.ids()::get).toList();
                shown.addAll(top);
                sum += recsys.core.evaluation.RankingMetrics.of(top, user.relevant(), k).ndcg();
            }
            RerankSearch.Trial trial = result.trials().get(t);
            assertEquals(grid.get(t), trial.weights());
            assertEquals(sum / users.size(), trial.ndcg(), 0.0, grid.get(t).toString());
            assertEquals((double) shown.size() / catalogue, trial.coverage(), 0.0, grid.get(t).toString());
        }
        assertTrue(result.trials().stream().map(RerankSearch.Trial::ndcg).distinct().count() > 10,
                "the weightings rank differently");
    }
}
