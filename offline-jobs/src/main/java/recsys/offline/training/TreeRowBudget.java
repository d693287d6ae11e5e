package recsys.offline.training;

import java.util.ArrayList;
import java.util.List;

/**
 * How many feature rows the tree models (both forests and the hybrid's boosted trees) learn from, chosen by a
 * validation learning curve ({@link LearningCurve}): the curve tries {@code startRows}, twice that, and so on up to
 * {@code maxRows} (or every row, when there are fewer), and stops at the first size whose doubling lowered the
 * validation RMSE by less than {@code minGain}. A tree's cost grows with its rows, and past the plateau more rows
 * buy nothing on validation; the cap keeps the cost of a fit (and of the curve itself, about twice its largest fit)
 * bounded whatever the dataset's size. With no more rows than {@code startRows} every row is used and no curve is
 * drawn, so small datasets train exactly as before.
 *
 * <p>The validation rows the tree models are tuned and scored on are encoded the same way, so they are capped too:
 * at most {@code maxValidationRows}, a seeded sample ({@link RowSample}) drawn before they are encoded. A validation
 * RMSE over 500,000 rows is already within a few thousandths; every row would grow with the dataset (2 million rows
 * of 384-dimension features at 25M ratings, which exhausted the default heap).
 *
 * @param startRows         the curve's first size; at least 1
 * @param maxRows           the most rows any tree model learns from; at least {@code startRows}
 * @param minGain           the least drop in validation RMSE a doubling must bring for the curve to go on; 0 or more
 * @param maxValidationRows the most validation rows the tree models are scored on; at least 1
 */
public record TreeRowBudget(long startRows, long maxRows, double minGain, long maxValidationRows) {

    /** The validation rows the tree models are scored on, at most. */
    public static final long DEFAULT_MAX_VALIDATION_ROWS = 500_000;

    /**
     * 100,000 rows first (more than ml-latest-small's training rows), at most 1,000,000, a gain of 0.001, at most
     * 500,000 validation rows.
     */
    public static final TreeRowBudget DEFAULTS = new TreeRowBudget(100_000, 1_000_000, 0.001);

    /** With at most {@link #DEFAULT_MAX_VALIDATION_ROWS} validation rows. */
    public TreeRowBudget(long startRows, long maxRows, double minGain) {
        this(startRows, maxRows, minGain, DEFAULT_MAX_VALIDATION_ROWS);
    }

    public TreeRowBudget {
        if (maxValidationRows < 1) {
            throw new IllegalArgumentException("tree rows: need at least 1 validation row, got " + maxValidationRows);
        }
        if (startRows < 1 || maxRows < startRows) {
            throw new IllegalArgumentException("tree rows: need 1 <= start (" + startRows + ") <= max (" + maxRows
                    + ")");
        }
        if (!(minGain >= 0)) {
            throw new IllegalArgumentException("tree rows: the minimum gain must be 0 or more, was " + minGain);
        }
    }

    /** The seeded sample of {@code available} validation rows the tree models are scored on. */
    public RowSample validationSample(long available, long seed) {
        return RowSample.of(maxValidationRows, available, seed);
    }

    /** Whether {@code rows} rows need a curve at all (more than the first size). */
    public boolean needsCurve(long rows) {
        return rows > startRows;
    }

    /** The most rows the curve may try, and any tree model learn from, out of {@code rows} available. */
    public long largest(long rows) {
        return Math.min(rows, maxRows);
    }

    /** The sizes the curve may try for {@code rows} available rows, smallest first; the last is the largest allowed. */
    public List<Long> sizes(long rows) {
        long largest = largest(rows);
        List<Long> sizes = new ArrayList<>();
        for (long size = startRows; size < largest; size *= 2) {
            sizes.add(size);
        }
        sizes.add(largest);
        return sizes;
    }

    /** Whether going from {@code smaller}'s RMSE to {@code larger}'s is worth the rows: the curve's stopping rule. */
    public boolean gained(double smallerRmse, double largerRmse) {
        return smallerRmse - largerRmse >= minGain;
    }
}
