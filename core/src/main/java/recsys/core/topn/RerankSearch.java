package recsys.core.topn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import recsys.core.evaluation.RankingMetrics;

/**
 * Chooses the serving {@link RerankWeights} on validation: every weighting of a grid ranks every validation user's
 * candidate pool, and the one with the highest mean NDCG@k wins (the earliest on a tie, so simpler weightings go
 * first). Why a searched blend rather than a learned model (e.g. gradient-boosted trees over (user, candidate) rows):
 * six features, each already a calibrated per-user score (or a product of two), leave a learned model little to
 * find that a grid does not, while the blend is exact to serve, trivially the same online and offline, and its
 * choice is explainable in one line of the report.
 *
 * <p>The pools are computed once ({@link UserCandidates}); each trial costs one primitive top-k selection per user.
 */
public final class RerankSearch {

    private RerankSearch() {
    }

    /** A validation user: their candidate pool and their relevant held-out movies (not empty). */
    public record ValidationUser(UserCandidates candidates, Set<String> relevant) {
        public ValidationUser {
            Objects.requireNonNull(candidates, "candidates");
            relevant = Set.copyOf(relevant);
            if (relevant.isEmpty()) {
                throw new IllegalArgumentException("a validation user needs a relevant movie");
            }
        }
    }

    /** One weighting, its mean NDCG@k and its catalogue coverage@k (distinct movies in all lists / catalogue). */
    public record Trial(RerankWeights weights, double ndcg, double coverage) {
    }

    /**
     * @param best             the chosen trial
     * @param trials           every trial, in grid order
     * @param coverageMet      whether the best reaches the minimum coverage (false when no trial does: then the best
     *                         NDCG of all)
     */
    public record Result(Trial best, List<Trial> trials, boolean coverageMet) {
        public Result {
            trials = List.copyOf(trials);
        }
    }

    /**
     * The default grid: item-item weight 1 with ALS ∈ {0, 1, 4}, content ∈ {0, 0.2, 0.4}, popularity ∈ {0, 0.05},
     * rating ∈ {0, 0.8, 1.6}, item-item × rating ∈ {0, 1, 2}, liked ∈ {0, 0.5, 1, 2} and novelty ∈
     * {0, 0.5, 1, 1.5, 2, 3} (3,887 weightings), after the five single sources, so a blend must beat each alone to
     * win. (On ml-latest-small the chosen ALS and rating weights sat on the edge of narrower grids, hence the
     * doubling steps; novelty 1.5 was chosen at the edge of {0 … 1.5}, hence 2 and 3.)
     */
    public static List<RerankWeights> defaultGrid() {
        List<RerankWeights> grid = new ArrayList<>(List.of(RerankWeights.ITEM_ITEM_ONLY, RerankWeights.ALS_ONLY,
                RerankWeights.CONTENT_ONLY, RerankWeights.POPULARITY_ONLY, RerankWeights.LIKED_ONLY));
        for (double a : new double[] {0, 1, 4}) {
            for (double c : new double[] {0, 0.2, 0.4}) {
                for (double p : new double[] {0, 0.05}) {
                    for (double r : new double[] {0, 0.8, 1.6}) {
                        for (double x : new double[] {0, 1, 2}) {
                            for (double l : new double[] {0, 0.5, 1, 2}) {
                                for (double n : new double[] {0, 0.5, 1, 1.5, 2, 3}) {
                                    RerankWeights w = new RerankWeights(1, a, c, p, r, x, l, n);
                                    if (!w.equals(RerankWeights.ITEM_ITEM_ONLY)) {
                                        grid.add(w);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return grid;
    }

    /** Mean NDCG@k of one weighting over the users. */
    public static double ndcg(List<ValidationUser> users, RerankWeights weights, int k) {
        return trial(users, weights, k, 1).ndcg();
    }

    /** One weighting's mean NDCG@k and coverage@k over a catalogue of {@code catalogueSize} movies. */
    public static Trial trial(List<ValidationUser> users, RerankWeights weights, int k, int catalogueSize) {
        return trials(users, List.of(weights), k, catalogueSize).get(0);
    }

    /**
     * Every weighting's trial, in grid order. The grid is cut into blocks, a parallel task each, and a task walks
     * the users in order, ranking each pool under all of its block's weightings while the pool is in cache: one
     * weighting at a time over every pool read the features once per weighting (about 200 MB for 5,000 users) and
     * was bound by memory (most of the 4 to 5 minutes each liked-table λ took at ×100, with 5,000 users). Each weighting's NDCG is still summed over the
     * users in their order, so every figure is the same double as one weighting at a time.
     */
    private static List<Trial> trials(List<ValidationUser> users, List<RerankWeights> grid, int k,
                                      int catalogueSize) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("no validation users");
        }
        int[][] movies = movieNumbers(users);
        int largest = users.stream().mapToInt(user -> user.candidates().size()).max().orElse(0);
        int blocks = Math.min(grid.size(), 4 * Runtime.getRuntime().availableProcessors());
        return IntStream.range(0, blocks).parallel()
                .mapToObj(block -> block(users, movies, largest, grid.subList(grid.size() * block / blocks,
                        grid.size() * (block + 1) / blocks), k, catalogueSize))
                .flatMap(List::stream)
                .toList();
    }

    /** Each user's candidates as numbers shared across users, so a weighting's shown movies are a bit set. */
    private static int[][] movieNumbers(List<ValidationUser> users) {
        Map<String, Integer> numbers = new HashMap<>();
        int[][] movies = new int[users.size()][];
        for (int u = 0; u < movies.length; u++) {
            List<String> ids = users.get(u).candidates().ids();
            movies[u] = new int[ids.size()];
            for (int i = 0; i < ids.size(); i++) {
                movies[u][i] = numbers.computeIfAbsent(ids.get(i), id -> numbers.size());
            }
        }
        return movies;
    }

    /** @param largest the largest pool's size, for the scratch arrays */
    private static List<Trial> block(List<ValidationUser> users, int[][] movies, int largest,
                                     List<RerankWeights> weightings, int k, int catalogueSize) {
        double[][] weights = weightings.stream().map(RerankWeights::toArray).toArray(double[][]::new);
        int[][] used = Arrays.stream(weights).map(RerankWeights::used).toArray(int[][]::new);
        double[] sums = new double[weights.length];
        BitSet[] shown = new BitSet[weights.length];
        Arrays.setAll(shown, t -> new BitSet());
        TopK best = new TopK(k);
        int[] top = new int[k];
        double[] sum = new double[largest];
        double[] total = new double[largest];
        List<String> ranked = new ArrayList<>(k);
        for (int u = 0; u < users.size(); u++) {
            UserCandidates pool = users.get(u).candidates();
            Set<String> relevant = users.get(u).relevant();
            for (int t = 0; t < weights.length; t++) {
                int length = pool.topIndices(weights[t], used[t], best, top, sum, total);
                ranked.clear();
                for (int i = 0; i < length; i++) {
                    ranked.add(pool.ids().get(top[i]));
                    shown[t].set(movies[u][top[i]]);
                }
                sums[t] += RankingMetrics.of(ranked, relevant, k).ndcg();
            }
        }
        List<Trial> trials = new ArrayList<>(weights.length);
        for (int t = 0; t < weights.length; t++) {
            trials.add(new Trial(weightings.get(t), sums[t] / users.size(),
                    (double) shown[t].cardinality() / catalogueSize));
        }
        return trials;
    }

    /**
     * Tries every weighting and keeps the highest mean NDCG@k among those whose coverage@k reaches
     * {@code minCoverage} (the earliest on a tie); when none does, the highest NDCG of all. A coverage floor because
     * NDCG alone rewards lists that all users share (the most popular movies are the likeliest hits), while a
     * recommender whose lists differ by so little is what the product must not be.
     *
     * @param catalogueSize the number of movies the lists could hold
     * @param minCoverage   the coverage@k a weighting must reach on validation, in [0, 1]
     */
    public static Result search(List<ValidationUser> users, List<RerankWeights> grid, int k, int catalogueSize,
                                double minCoverage) {
        if (grid.isEmpty()) {
            throw new IllegalArgumentException("no weightings to search");
        }
        List<Trial> trials = trials(users, grid, k, catalogueSize);
        Trial best = null;
        Trial bestOverall = null;
        for (Trial trial : trials) {
            if (bestOverall == null || trial.ndcg() > bestOverall.ndcg()) {
                bestOverall = trial;
            }
            if (trial.coverage() >= minCoverage && (best == null || trial.ndcg() > best.ndcg())) {
                best = trial;
            }
        }
        return best != null ? new Result(best, trials, true) : new Result(bestOverall, trials, false);
    }
}
