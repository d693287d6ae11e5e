package recsys.core.topn;

import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
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
        if (users.isEmpty()) {
            throw new IllegalArgumentException("no validation users");
        }
        double[] w = weights.toArray();
        double sum = 0;
        Set<String> shown = new HashSet<>();
        for (ValidationUser user : users) {
            List<String> top = user.candidates().top(w, k);
            shown.addAll(top);
            sum += RankingMetrics.of(top, user.relevant(), k).ndcg();
        }
        return new Trial(weights, sum / users.size(), (double) shown.size() / catalogueSize);
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
        List<Trial> trials = grid.parallelStream().map(weights -> trial(users, weights, k, catalogueSize)).toList();
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
