package recsys.offline.training;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static recsys.offline.training.RatingColumns.FALLBACK;
import static recsys.offline.training.RatingColumns.PREDICTION;
import static recsys.offline.training.RatingColumns.RATING;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import recsys.core.model.BiasBaseline;

/** Predicts the mean training rating μ for every pair; it has no fallback rows. */
public final class GlobalMeanModel implements RatingPredictor {

    private final double mean;

    private GlobalMeanModel(double mean) {
        this.mean = mean;
    }

    /** @throws IllegalArgumentException if {@code train} is empty */
    public static GlobalMeanModel fit(Dataset<Row> train) {
        Row row = train.agg(avg(col(RATING))).first();
        if (row.isNullAt(0)) {
            throw new IllegalArgumentException("cannot fit a global mean on no ratings");
        }
        return new GlobalMeanModel(row.getDouble(0));
    }

    public double mean() {
        return mean;
    }

    /** The plain-Java form: μ and no biases. */
    public BiasBaseline toBaseline() {
        return BiasBaseline.globalMean(mean);
    }

    @Override
    public Dataset<Row> predict(Dataset<Row> rows) {
        return rows.withColumn(PREDICTION, lit(BiasBaseline.clip(mean))).withColumn(FALLBACK, lit(false));
    }

    @Override
    public String describe() {
        return String.format("global mean μ=%.4f", mean);
    }
}
