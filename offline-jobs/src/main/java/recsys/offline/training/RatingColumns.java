package recsys.offline.training;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Column names of the ratings data set the ingest job writes, and of the two columns every baseline's
 * {@code predict} adds.
 */
public final class RatingColumns {

    public static final String USER = "user_id";
    public static final String MOVIE = "movie_id";
    public static final String RATING = "rating";
    public static final String TIMESTAMP = "timestamp";

    /** The predicted rating, always a finite number in [0.5, 5]. */
    public static final String PREDICTION = "prediction";
    /** Whether the model could not score the row itself and its fallback gave the prediction. */
    public static final String FALLBACK = "fallback";

    private RatingColumns() {
    }

    /** The four rating columns, in the ingest job's order; other columns (e.g. {@code line}) are dropped. */
    public static Dataset<Row> select(Dataset<Row> ratings) {
        return ratings.select(col(USER), col(MOVIE), col(RATING), col(TIMESTAMP));
    }

    /** {@code value} clipped to the MovieLens rating range [0.5, 5]. */
    static Column clip(Column value) {
        return org.apache.spark.sql.functions.greatest(org.apache.spark.sql.functions.lit(0.5),
                org.apache.spark.sql.functions.least(org.apache.spark.sql.functions.lit(5.0), value));
    }
}
