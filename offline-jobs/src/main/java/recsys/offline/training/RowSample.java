package recsys.offline.training;

import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;

/**
 * A seeded sample of rating rows by a hash of their (user, movie) pair, for the tree models' rows and the test rows
 * the evaluation scores ({@link recsys.offline.evaluation.EvaluateJob#DEFAULT_MAX_SCORED_ROWS}): it is drawn
 * before the rows are encoded ({@link TrainingFeatures#trainingRows(org.apache.spark.sql.Dataset, RowSample)}), so
 * at most the sample's rows are ever materialised, however many ratings there are. A pair's fate depends on nothing
 * but the pair and the seed (Spark's xxhash64), so the same data and seed keep the same rows on any partitioning.
 *
 * @param fraction the share of rows kept, in (0, 1]; 1 keeps every row
 */
public record RowSample(double fraction, long seed) {

    /** Every row. */
    public static final RowSample ALL = new RowSample(1, 0);

    private static final String SALT = "tree-rows";

    public RowSample {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("a row sample keeps a share in (0, 1], got " + fraction);
        }
    }

    /** About {@code rows} of {@code available} rows; every row when there are no more than that. */
    public static RowSample of(long rows, long available, long seed) {
        return rows >= available ? ALL : new RowSample((double) rows / available, seed);
    }

    public boolean all() {
        return fraction >= 1;
    }

    /** True for the rows kept, over columns {@code user_id} and {@code movie_id}. */
    public Column keeps() {
        if (all()) {
            return lit(true);
        }
        return RatingSplit.pairBucket(seed, SALT)
                .lt(lit((long) Math.ceil(fraction * RatingSplit.RANDOM_SPLIT_BUCKETS)));
    }
}
