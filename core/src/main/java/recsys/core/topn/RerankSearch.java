package recsys.core.topn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import recsys.core.evaluation.RankingMetrics;

/**
 * Chooses the serving {@link RerankWeights} on validation: every weighting of a grid ranks every validation user's
 * candidate pool, and the one with the highest mean NDCG@k wins (the earliest on a tie, so simpler weightings go
 * first). Why a searched blend rather than a learned model (e.g. gradient-boosted trees over (user, candidate) rows):
 * five features, each already a calibrated per-user score, leave a learned model little to find that a grid does
 * not, while the blend is exact to serve, trivially the same online and offline, and its choice is explainable in
 * one line of the report.
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

    /** One weighting and its mean NDCG@k. */
    public record Trial(RerankWeights weights, double ndcg) {
    }

    /** @param best the trial with the highest NDCG, the earliest among equals; trials in grid order */
    public record Result(Trial best, List<Trial> trials) {
        public Result {
            trials = List.copyOf(trials);
        }
    }

    /**
     * The default grid: item-item weight 1 with ALS ∈ {0, 0.25, 0.5, 1}, content, popularity and rating ∈
     * {0, 0.05, 0.1, 0.2} (256 weightings), after the four single sources, so a blend must beat each alone to win.
     */
    public static List<RerankWeights> defaultGrid() {
        List<RerankWeights> grid = new ArrayList<>(List.of(RerankWeights.ITEM_ITEM_ONLY, RerankWeights.ALS_ONLY,
                RerankWeights.CONTENT_ONLY, RerankWeights.POPULARITY_ONLY));
        double[] als = {0, 0.25, 0.5, 1};
        double[] small = {0, 0.05, 0.1, 0.2};
        for (double a : als) {
            for (double c : small) {
                for (double p : small) {
                    for (double r : small) {
                        RerankWeights w = new RerankWeights(1, a, c, p, r);
                        if (!w.equals(RerankWeights.ITEM_ITEM_ONLY)) {
                            grid.add(w);
                        }
                    }
                }
            }
        }
        return grid;
    }

    /** Mean NDCG@k of one weighting over the users. */
    public static double ndcg(List<ValidationUser> users, RerankWeights weights, int k) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("no validation users");
        }
        double[] w = weights.toArray();
        double sum = 0;
        for (ValidationUser user : users) {
            sum += RankingMetrics.of(user.candidates().top(w, k), user.relevant(), k).ndcg();
        }
        return sum / users.size();
    }

    public static Result search(List<ValidationUser> users, List<RerankWeights> grid, int k) {
        if (grid.isEmpty()) {
            throw new IllegalArgumentException("no weightings to search");
        }
        List<Trial> trials = new ArrayList<>(grid.size());
        Trial best = null;
        for (RerankWeights weights : grid) {
            Trial trial = new Trial(weights, ndcg(users, weights, k));
            trials.add(trial);
            if (best == null || trial.ndcg() > best.ndcg()) {
                best = trial;
            }
        }
        return new Result(best, trials);
    }
}
