package recsys.offline.training;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A fitted, immutable rating model. */
public interface RatingPredictor {

    /**
     * {@code rows} (at least {@code user_id} and {@code movie_id}) with {@link RatingColumns#PREDICTION}, a finite
     * rating in [0.5, 5] for every row, and {@link RatingColumns#FALLBACK} added.
     */
    Dataset<Row> predict(Dataset<Row> rows);

    /** The model and its hyper-parameters, for reports. */
    String describe();
}
