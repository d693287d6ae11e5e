package recsys.offline.training;

import static org.apache.spark.sql.functions.col;
import static recsys.offline.training.RatingColumns.FALLBACK;
import static recsys.offline.training.RatingColumns.PREDICTION;
import static recsys.offline.training.RatingColumns.RATING;

import java.io.Serializable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import recsys.core.evaluation.RatingErrorAccumulator;
import recsys.core.evaluation.RatingErrors;

/**
 * RMSE and MAE of a model's predictions, with how many rows its fallback predicted.
 *
 * @param errors          pooled over {@code errors.count()} rows
 * @param fallbackRows    of those, the rows the model could not score itself (see {@link RatingColumns#FALLBACK})
 * @param rmseHalfWidth95 half the width of the RMSE's 95 % confidence interval, read as over a sample of rows
 *                        ({@link RatingErrorAccumulator#rmseHalfWidth95()}); NaN when not measured
 */
public record RatingEvaluation(RatingErrors errors, long fallbackRows, double rmseHalfWidth95)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Without a confidence interval. */
    public RatingEvaluation(RatingErrors errors, long fallbackRows) {
        this(errors, fallbackRows, Double.NaN);
    }

    public RatingEvaluation {
        if (fallbackRows < 0 || fallbackRows > errors.count()) {
            throw new IllegalArgumentException("fallback rows " + fallbackRows + " not in [0, " + errors.count() + "]");
        }
    }

    /**
     * Scores every row of {@code predicted} (columns {@code rating}, {@code prediction}, {@code fallback}).
     *
     * @param expectedRows how many rows the scored set has (e.g. the test count): fewer would mean a model dropped
     *                     rows it cannot score, which flatters it, so a mismatch throws
     * @throws IllegalArgumentException if the row count differs, or a prediction is null, NaN or infinite
     */
    public static RatingEvaluation of(Dataset<Row> predicted, long expectedRows) {
        Sums sums = sums(predicted);
        if (sums.errors.count() != expectedRows) {
            throw new IllegalArgumentException("scored " + sums.errors.count() + " rows, expected " + expectedRows
                    + ": every row must get a prediction");
        }
        return new RatingEvaluation(sums.errors.result(), sums.fallbacks, sums.errors.rmseHalfWidth95());
    }

    /**
     * Scores only the rows the model predicted itself, dropping its fallback rows: the flattering figure some
     * reports give (e.g. ALS with {@code coldStartStrategy("drop")}), printed beside the honest one for comparison.
     */
    public static RatingEvaluation scoredOnly(Dataset<Row> predicted) {
        Sums sums = sums(predicted.filter(col(FALLBACK).equalTo(false)));
        return new RatingEvaluation(sums.errors.result(), 0);
    }

    public long count() {
        return errors.count();
    }

    public double rmse() {
        return errors.rmse();
    }

    public double mae() {
        return errors.mae();
    }

    private static Sums sums(Dataset<Row> predicted) {
        return predicted.select(col(PREDICTION), col(RATING), col(FALLBACK)).javaRDD()
                .aggregate(new Sums(), Sums::add, Sums::merge);
    }

    /** Per-partition running sums, merged on the driver. */
    private static final class Sums implements Serializable {
        private static final long serialVersionUID = 1L;

        final RatingErrorAccumulator errors = new RatingErrorAccumulator();
        long fallbacks;

        Sums add(Row row) {
            if (row.isNullAt(0)) {
                throw new IllegalArgumentException("null prediction for row " + row);
            }
            errors.add(row.getDouble(0), row.getDouble(1));
            if (row.getBoolean(2)) {
                fallbacks++;
            }
            return this;
        }

        Sums merge(Sums other) {
            errors.merge(other.errors);
            fallbacks += other.fallbacks;
            return this;
        }
    }
}
