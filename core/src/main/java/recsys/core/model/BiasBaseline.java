package recsys.core.model;

import java.io.Serializable;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import recsys.core.features.RatedMovie;

/**
 * The plain-Java form of a baseline rating predictor, {@code r̂(u, i) = clip(μ + b_u + b_i)}, for code without
 * Spark (the online service). A global-mean model is the same thing with no biases.
 *
 * <p>An unknown user or movie has bias 0, so an unknown pair is predicted as {@code μ}. Predictions are clipped
 * to [{@link #MIN_RATING}, {@link #MAX_RATING}], the range of MovieLens ratings.
 *
 * @param globalMean  μ, the mean training rating
 * @param userBiases  b_u by user id; copied, unmodifiable
 * @param itemBiases  b_i by movie id; copied, unmodifiable
 * @param userDamping λ_u the user biases were damped with (0 for a global-mean model); {@link #userBiasOf} uses it
 * @param itemDamping λ_i the item biases were damped with (0 for a global-mean model); recorded, not used here
 */
public record BiasBaseline(double globalMean, Map<String, Double> userBiases, Map<String, Double> itemBiases,
                           double userDamping, double itemDamping) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final double MIN_RATING = 0.5;
    public static final double MAX_RATING = 5.0;

    public BiasBaseline {
        requireFinite("global mean", globalMean);
        userBiases = Map.copyOf(Objects.requireNonNull(userBiases, "userBiases"));
        itemBiases = Map.copyOf(Objects.requireNonNull(itemBiases, "itemBiases"));
        userBiases.values().forEach(b -> requireFinite("user bias", b));
        itemBiases.values().forEach(b -> requireFinite("item bias", b));
        if (!(userDamping >= 0) || !(itemDamping >= 0)) {
            throw new IllegalArgumentException("damping must be >= 0, got " + userDamping + ", " + itemDamping);
        }
    }

    /** A model that predicts μ for everyone. */
    public static BiasBaseline globalMean(double mean) {
        return new BiasBaseline(mean, Map.of(), Map.of(), 0, 0);
    }

    public double userBias(String userId) {
        return userBiases.getOrDefault(userId, 0.0);
    }

    public double itemBias(String movieId) {
        return itemBiases.getOrDefault(movieId, 0.0);
    }

    /** μ + b_u + b_i clipped to the rating range; unknown ids contribute 0. */
    public double predict(String userId, String movieId) {
        return predictWithUserBias(userBias(userId), movieId);
    }

    /** μ + {@code userBias} + b_i clipped to the rating range, for a user bias computed by {@link #userBiasOf}. */
    public double predictWithUserBias(double userBias, String movieId) {
        return clip(globalMean + userBias + itemBias(movieId));
    }

    /**
     * The user bias of someone with these ratings, by the fitting formula {@code Σ (r − μ − b_i) / (n + λ_u)} over
     * the stored movie biases. For a training user and their training ratings it is the stored {@code b_u} (up to
     * the order of summation); the online service uses it because a user's ratings change after training.
     */
    public double userBiasOf(Collection<RatedMovie> ratings) {
        if (ratings.isEmpty()) {
            return 0;
        }
        double sum = 0;
        for (RatedMovie rated : ratings) {
            sum += rated.rating() - globalMean - itemBias(rated.movieId());
        }
        return sum / (ratings.size() + userDamping);
    }

    public static double clip(double rating) {
        return Math.max(MIN_RATING, Math.min(MAX_RATING, rating));
    }

    private static void requireFinite(String what, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be finite, got " + value);
        }
    }
}
