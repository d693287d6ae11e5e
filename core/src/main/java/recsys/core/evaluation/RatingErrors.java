package recsys.core.evaluation;

import java.io.Serializable;
import java.util.List;

/**
 * Rating-prediction error over a set of (prediction, actual) pairs.
 *
 * <ul>
 *   <li>RMSE = sqrt( (1/n) * Σ (prediction − actual)² )</li>
 *   <li>MAE = (1/n) * Σ |prediction − actual|</li>
 * </ul>
 * Both pool all pairs together rather than averaging per-user values (LensKit's {@code RMSEPredictMetric}
 * reports this as {@code RMSE.ByRating}, beside a per-user mean), so users with many test ratings weigh more.
 * Pooled sums are also what merges exactly across Spark partitions.
 *
 * @param count how many pairs, at least 1
 */
public record RatingErrors(long count, double rmse, double mae) implements Serializable {
    private static final long serialVersionUID = 1L;

    public RatingErrors {
        if (count < 1) {
            throw new IllegalArgumentException("rating errors need at least one pair, got " + count);
        }
    }

    /**
     * One-shot computation; the same arithmetic as {@link RatingErrorAccumulator}, which it uses.
     *
     * @throws IllegalArgumentException if the arrays differ in length, are empty, or hold NaN or infinite values
     */
    public static RatingErrors of(double[] predictions, double[] actuals) {
        requirePairs(predictions.length, actuals.length);
        RatingErrorAccumulator accumulator = new RatingErrorAccumulator();
        for (int i = 0; i < predictions.length; i++) {
            accumulator.add(predictions[i], actuals[i]);
        }
        return accumulator.result();
    }

    /** As {@link #of(double[], double[])}; a {@code null} element is rejected like NaN. */
    public static RatingErrors of(List<Double> predictions, List<Double> actuals) {
        requirePairs(predictions.size(), actuals.size());
        RatingErrorAccumulator accumulator = new RatingErrorAccumulator();
        for (int i = 0; i < predictions.size(); i++) {
            accumulator.add(unbox(predictions.get(i), "prediction", i), unbox(actuals.get(i), "actual", i));
        }
        return accumulator.result();
    }

    private static void requirePairs(int predictions, int actuals) {
        if (predictions != actuals) {
            throw new IllegalArgumentException(
                    predictions + " predictions but " + actuals + " actual ratings; they must pair up");
        }
        if (predictions == 0) {
            throw new IllegalArgumentException("no (prediction, actual) pairs: there is no error to measure");
        }
    }

    private static double unbox(Double value, String what, int index) {
        if (value == null) {
            throw new IllegalArgumentException(what + " " + index + " is null");
        }
        return value;
    }
}
