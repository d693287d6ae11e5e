package recsys.core.evaluation;

import java.io.Serializable;
import java.util.Objects;

/**
 * Running sums for {@link RatingErrors}, mergeable so a Spark job can aggregate pairs per partition and merge
 * the partial sums: {@code rdd.aggregate(new RatingErrorAccumulator(), (acc, p) -> acc.add(p.prediction(),
 * p.actual()), RatingErrorAccumulator::merge)}.
 *
 * <p>It keeps sums rather than running means because sums merge by plain addition; RMSE and MAE are only
 * formed at the end.
 */
public final class RatingErrorAccumulator implements Serializable {
    private static final long serialVersionUID = 1L;

    private long count;
    private double sumSquaredError;
    private double sumAbsoluteError;
    private double sumFourthPowerError;

    /**
     * @throws IllegalArgumentException if either value is NaN or infinite: a NaN prediction (e.g. a model with
     *                                  no factors for a cold user) would turn the whole RMSE into NaN, so it is
     *                                  stopped at the pair that caused it; cold users must be handled before
     */
    public RatingErrorAccumulator add(double prediction, double actual) {
        requireFinite("prediction", prediction);
        requireFinite("actual rating", actual);
        double error = prediction - actual;
        count++;
        sumSquaredError += error * error;
        sumAbsoluteError += Math.abs(error);
        sumFourthPowerError += error * error * error * error;
        return this;
    }

    /** Adds the other accumulator's pairs to this one (the other is left unchanged) and returns this. */
    public RatingErrorAccumulator merge(RatingErrorAccumulator other) {
        Objects.requireNonNull(other, "other");
        count += other.count;
        sumSquaredError += other.sumSquaredError;
        sumAbsoluteError += other.sumAbsoluteError;
        sumFourthPowerError += other.sumFourthPowerError;
        return this;
    }

    public long count() {
        return count;
    }

    /** @throws IllegalStateException if no pair was added: there is no error to report, and 0 would be a lie */
    public double rmse() {
        requireNonEmpty();
        return Math.sqrt(sumSquaredError / count);
    }

    /**
     * Half the width of the 95 % confidence interval of the RMSE, read as the RMSE over a random sample of pairs:
     * 1.96 standard errors of the mean squared error (from the pairs' sample variance of the squared error), carried
     * to its square root by the delta method, {@code se(√m) = se(m) / (2√m)}. As for
     * {@link RankingAccumulator#ndcgHalfWidth95()}: a normal approximation with no finite-population correction.
     * NaN with fewer than two pairs, 0 when every error is 0.
     */
    public double rmseHalfWidth95() {
        if (count < 2) {
            return Double.NaN;
        }
        double meanSquared = sumSquaredError / count;
        if (meanSquared == 0) {
            return 0;
        }
        double variance = Math.max(0, (sumFourthPowerError - count * meanSquared * meanSquared) / (count - 1));
        return 1.96 * Math.sqrt(variance / count) / (2 * Math.sqrt(meanSquared));
    }

    /** @throws IllegalStateException if no pair was added */
    public double mae() {
        requireNonEmpty();
        return sumAbsoluteError / count;
    }

    /** @throws IllegalStateException if no pair was added */
    public RatingErrors result() {
        return new RatingErrors(count, rmse(), mae());
    }

    private void requireNonEmpty() {
        if (count == 0) {
            throw new IllegalStateException("no (prediction, actual) pairs were added");
        }
    }

    private static void requireFinite(String what, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number, got " + value);
        }
    }

    @Override
    public String toString() {
        return "RatingErrorAccumulator[count=" + count + ", sumSquaredError=" + sumSquaredError
                + ", sumAbsoluteError=" + sumAbsoluteError + ", sumFourthPowerError=" + sumFourthPowerError + "]";
    }
}
