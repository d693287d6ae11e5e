package recsys.core.ranking;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Chooses the {@link RankingBlend} the service will use: the one with the highest validation objective (NDCG@10
 * in the evaluation job) among a list of blends. The objective is supplied by the caller, so this class knows
 * nothing of Spark or of how the validation users are ranked.
 *
 * <p>Ties go to the earlier blend, so list simpler blends first ({@link #DEFAULT_GRID} starts with the predicted
 * rating alone).
 */
public final class BlendSearch {

    /**
     * Seven blends: predicted-rating weight w ∈ {1, 0.7, 0.5, 0.3} with the rest (1 − w) on popularity, then, for
     * w &lt; 1, the rest split equally between popularity and damped mean. Contains
     * {@link RankingBlend#PREDICTED_RATING} (first) and {@link RankingBlend#DEFAULT}. Neither popularity preset is
     * in it: they are the baselines the chosen blend is reported against, and a blend without the model would
     * not be "the model's ranking".
     */
    public static final List<RankingBlend> DEFAULT_GRID = List.of(
            RankingBlend.PREDICTED_RATING,
            new RankingBlend(0.7, 0.3, 0),
            new RankingBlend(0.5, 0.5, 0),
            new RankingBlend(0.3, 0.7, 0),
            new RankingBlend(0.7, 0.15, 0.15),
            new RankingBlend(0.5, 0.25, 0.25),
            new RankingBlend(0.3, 0.35, 0.35));

    private BlendSearch() {
    }

    /** One blend and its objective value. */
    public record Trial(RankingBlend blend, double objective) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Trial {
            Objects.requireNonNull(blend, "blend");
        }
    }

    /**
     * @param best   the trial with the highest objective, the earliest among equals
     * @param trials every trial, in the order the blends were given, for the report
     */
    public record Result(Trial best, List<Trial> trials) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Result {
            Objects.requireNonNull(best, "best");
            trials = List.copyOf(trials);
        }
    }

    /**
     * Evaluates every blend once, in order, and keeps the best.
     *
     * @param blends    the blends to try; not empty
     * @param objective blend → validation score, higher is better (e.g. mean NDCG@10); must return a finite value
     * @throws IllegalArgumentException if {@code blends} is empty or the objective returns a non-finite value
     */
    public static Result search(List<RankingBlend> blends, ToDoubleFunction<RankingBlend> objective) {
        Objects.requireNonNull(objective, "objective");
        if (blends.isEmpty()) {
            throw new IllegalArgumentException("no blends to search");
        }
        List<Trial> trials = new ArrayList<>(blends.size());
        Trial best = null;
        for (RankingBlend blend : blends) {
            double value = objective.applyAsDouble(Objects.requireNonNull(blend, "blend"));
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("objective of " + blend + " is " + value);
            }
            Trial trial = new Trial(blend, value);
            trials.add(trial);
            if (best == null || value > best.objective()) {
                best = trial;
            }
        }
        return new Result(best, trials);
    }
}
