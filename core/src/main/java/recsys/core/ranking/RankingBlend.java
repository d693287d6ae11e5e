package recsys.core.ranking;

import java.io.Serializable;

import recsys.core.features.MovieStatistics;
import recsys.core.movielens.Rating;

/**
 * How a {@link Ranker} scores a candidate: a weighted mean of up to three parts, each in [0, 1].
 * <ul>
 *   <li><b>rating</b> = (predicted rating − {@value Rating#MIN}) / ({@value Rating#MAX} − {@value Rating#MIN}),
 *       clamped to [0, 1]; missing when the prediction is NaN.</li>
 *   <li><b>popularity</b> = log1p(rating count) / log1p(max count in the catalogue), clamped to [0, 1]; 0 when the
 *       catalogue's max count is 0 ({@link MovieStatistics#popularity}, the definition the top-N re-ranker shares).
 *       The logarithm keeps a blockbuster with 80,000 ratings from dwarfing a well-known movie with 8,000.</li>
 *   <li><b>mean</b> = (damped mean − {@value Rating#MIN}) / ({@value Rating#MAX} − {@value Rating#MIN}), clamped
 *       to [0, 1].</li>
 * </ul>
 * score = (w<sub>rating</sub>·rating + w<sub>popularity</sub>·popularity + w<sub>mean</sub>·mean) / (sum of the
 * weights of the parts present).
 *
 * <p><b>No prediction.</b> When the predicted rating is NaN the rating part is left out of both sums, so the
 * score is the weighted mean of the model-free parts only, on the same [0, 1] scale as everyone else's. (Counting
 * the missing part as 0 would treat "no prediction" as "predicted half a star"; this treats it as "no opinion".)
 * With a blend whose only weight is on the rating, such a candidate has no score ({@link #score} returns NaN) and
 * the ranker places it after every scored one.
 *
 * <p>Only the ratios of the weights matter: (0.7, 0.3, 0) and (7, 3, 0) rank identically.
 *
 * @param ratingWeight     weight of the predicted rating; finite, at least 0
 * @param popularityWeight weight of the log rating count; finite, at least 0
 * @param meanWeight       weight of the damped mean rating; finite, at least 0
 */
public record RankingBlend(double ratingWeight, double popularityWeight, double meanWeight)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The model's predicted rating alone. Tends to surface obscure movies whose few ratings happen to be high. */
    public static final RankingBlend PREDICTED_RATING = new RankingBlend(1, 0, 0);

    /** Rating count alone: the most-rated movies first. The baseline the serving ranking must beat. */
    public static final RankingBlend POPULARITY_BY_COUNT = new RankingBlend(0, 1, 0);

    /**
     * Damped mean and count, equally weighted: what a user with no history gets. The count alone would rank a
     * widely seen but disliked movie high; the damped mean alone would rank a movie with a handful of five-star
     * ratings high (damping helps, but not enough at small damping constants).
     */
    public static final RankingBlend POPULARITY = new RankingBlend(0, 0.5, 0.5);

    /**
     * The blend used before an evaluation has chosen one: predicted rating 0.7, popularity 0.3, mean 0. The
     * prediction dominates; the popularity part demotes movies with few ratings, whose predictions rest on
     * little evidence. The damped mean gets no weight because the model already sees it as a feature. The
     * evaluation job replaces this with the best blend of {@link BlendSearch#DEFAULT_GRID}, which contains it.
     */
    public static final RankingBlend DEFAULT = new RankingBlend(0.7, 0.3, 0);

    public RankingBlend {
        requireWeight("rating", ratingWeight);
        requireWeight("popularity", popularityWeight);
        requireWeight("mean", meanWeight);
        if (ratingWeight + popularityWeight + meanWeight <= 0) {
            throw new IllegalArgumentException("ranking blend weights are all zero");
        }
    }

    /**
     * The score of one candidate, in [0, 1], or NaN when none of the weighted parts is present (only possible for
     * a rating-only blend and a candidate without prediction).
     *
     * @param maxRatingCount the largest rating count in the catalogue, at least 0
     */
    public double score(Candidate candidate, long maxRatingCount) {
        double sum = popularityWeight * MovieStatistics.popularity(candidate.ratingCount(), maxRatingCount)
                + meanWeight * stars(candidate.dampedMean());
        double weights = popularityWeight + meanWeight;
        if (candidate.hasPrediction()) {
            sum += ratingWeight * stars(candidate.predictedRating());
            weights += ratingWeight;
        }
        return weights > 0 ? sum / weights : Double.NaN;
    }

    /** A rating in stars mapped linearly from [{@value Rating#MIN}, {@value Rating#MAX}] to [0, 1], clamped. */
    public static double stars(double rating) {
        return clamp((rating - Rating.MIN) / (Rating.MAX - Rating.MIN));
    }

    private static double clamp(double x) {
        return Math.max(0, Math.min(1, x));
    }

    private static void requireWeight(String name, double weight) {
        if (!Double.isFinite(weight) || weight < 0) {
            throw new IllegalArgumentException(name + " weight must be finite and at least 0, got " + weight);
        }
    }
}
