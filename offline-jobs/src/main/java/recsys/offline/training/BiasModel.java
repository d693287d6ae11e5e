package recsys.offline.training;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static recsys.offline.training.RatingColumns.FALLBACK;
import static recsys.offline.training.RatingColumns.MOVIE;
import static recsys.offline.training.RatingColumns.PREDICTION;
import static recsys.offline.training.RatingColumns.RATING;
import static recsys.offline.training.RatingColumns.USER;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import recsys.core.model.BiasBaseline;

/**
 * Damped user and item biases, {@code r̂(u, i) = clip(μ + b_u + b_i)}, item biases first:
 * <pre>
 *   μ   = mean training rating
 *   b_i = Σ_{u rated i} (r_ui − μ)        / (λ_i + n_i)
 *   b_u = Σ_{i rated by u} (r_ui − μ − b_i) / (λ_u + n_u)
 * </pre>
 * (Koren's baseline predictor estimated in one pass each, as in LensKit's {@code BiasModel}.) The damping λ
 * shrinks the biases of users and movies with few ratings toward 0. A user or movie absent from training has
 * bias 0; a row with either absent is counted as a fallback row.
 *
 * <p>The model is the {@link BiasBaseline} it collects to the driver (at most one entry per user and per movie),
 * which is also its plain-Java form for the online service.
 */
public final class BiasModel implements RatingPredictor {

    private static final String USER_BIAS = "_b_u";
    private static final String ITEM_BIAS = "_b_i";

    private final BiasBaseline baseline;

    private BiasModel(BiasBaseline baseline) {
        this.baseline = baseline;
    }

    /**
     * @param userDamping λ_u ≥ 0
     * @param itemDamping λ_i ≥ 0
     * @throws IllegalArgumentException if {@code train} is empty
     */
    public static BiasModel fit(Dataset<Row> train, double userDamping, double itemDamping) {
        if (!(userDamping >= 0) || !(itemDamping >= 0)) {
            throw new IllegalArgumentException("dampings must be >= 0, got " + userDamping + ", " + itemDamping);
        }
        Row meanRow = train.agg(avg(col(RATING))).first();
        if (meanRow.isNullAt(0)) {
            throw new IllegalArgumentException("cannot fit biases on no ratings");
        }
        double mu = meanRow.getDouble(0);
        Map<String, Double> itemBiases = collect(train.groupBy(MOVIE).agg(
                sum(col(RATING).minus(mu)).divide(count(lit(1)).plus(itemDamping)).as(ITEM_BIAS)));
        Dataset<Row> items = biasFrame(train.sparkSession(), MOVIE, ITEM_BIAS, itemBiases);
        Dataset<Row> withItemBias = train.join(broadcast(items), train.col(MOVIE).equalTo(items.col("_key_" + MOVIE)));
        Map<String, Double> userBiases = collect(withItemBias.groupBy(USER).agg(
                sum(col(RATING).minus(mu).minus(col(ITEM_BIAS))).divide(count(lit(1)).plus(userDamping))
                        .as(USER_BIAS)));
        return new BiasModel(new BiasBaseline(mu, userBiases, itemBiases, userDamping, itemDamping));
    }

    /** A grid point of {@link #tune} and what it scored on validation. */
    public record Candidate(double userDamping, double itemDamping, RatingEvaluation validation) {
    }

    /** The model refitted on all training ratings with the best dampings, and every candidate's score. */
    public record Tuned(BiasModel model, Candidate best, List<Candidate> candidates) {
    }

    /**
     * Tries every (λ_u, λ_i) pair of {@code dampings}: fits on the split's tuning part, scores all validation rows,
     * keeps the pair with the lowest RMSE (the first in grid order on a tie) and refits it on the whole train.
     *
     * <p>The grid is searched on the driver: the tuning and validation ratings are collected once (three numbers a
     * rating) and each pair is fitted by the same formulas in plain Java. Twenty-five small Spark jobs per pair cost
     * about 40 s on ml-latest-small; the in-memory search takes well under a second. The refit on train is Spark's.
     */
    public static Tuned tune(RatingSplit split, List<Double> dampings) {
        LocalRatings tuning = LocalRatings.collect(split.tuningTrain());
        LocalRatings validation = LocalRatings.collect(split.validation());
        List<Candidate> candidates = new ArrayList<>();
        Candidate best = null;
        for (double itemDamping : dampings) {
            for (double userDamping : dampings) {
                BiasBaseline baseline = tuning.fitBiases(userDamping, itemDamping);
                Candidate candidate = new Candidate(userDamping, itemDamping, validation.evaluate(baseline));
                candidates.add(candidate);
                if (best == null || candidate.validation().rmse() < best.validation().rmse()) {
                    best = candidate;
                }
            }
        }
        return new Tuned(fit(split.train(), best.userDamping(), best.itemDamping()), best, List.copyOf(candidates));
    }

    /** The Spark form of an already fitted baseline (e.g. one fitted on the driver). */
    public static BiasModel of(BiasBaseline baseline) {
        return new BiasModel(baseline);
    }

    public BiasBaseline toBaseline() {
        return baseline;
    }

    @Override
    public Dataset<Row> predict(Dataset<Row> rows) {
        SparkSession spark = rows.sparkSession();
        Dataset<Row> users = biasFrame(spark, USER, USER_BIAS, baseline.userBiases());
        Dataset<Row> items = biasFrame(spark, MOVIE, ITEM_BIAS, baseline.itemBiases());
        return rows.join(broadcast(users), rows.col(USER).equalTo(users.col("_key_" + USER)), "left")
                .join(broadcast(items), rows.col(MOVIE).equalTo(items.col("_key_" + MOVIE)), "left")
                .withColumn(PREDICTION, RatingColumns.clip(lit(baseline.globalMean())
                        .plus(coalesce(col(USER_BIAS), lit(0.0))).plus(coalesce(col(ITEM_BIAS), lit(0.0)))))
                .withColumn(FALLBACK, col(USER_BIAS).isNull().or(col(ITEM_BIAS).isNull()))
                .drop("_key_" + USER, "_key_" + MOVIE, USER_BIAS, ITEM_BIAS);
    }

    @Override
    public String describe() {
        return String.format("biases λ_u=%s λ_i=%s (μ=%.4f, %d users, %d movies)", baseline.userDamping(),
                baseline.itemDamping(), baseline.globalMean(), baseline.userBiases().size(),
                baseline.itemBiases().size());
    }

    private static Map<String, Double> collect(Dataset<Row> keyAndBias) {
        Map<String, Double> biases = new HashMap<>();
        for (Row row : keyAndBias.collectAsList()) {
            biases.put(row.getString(0), row.getDouble(1));
        }
        return biases;
    }

    /** The biases as a small data frame {@code (_key_<idColumn>, biasColumn)}, to broadcast-join. */
    private static Dataset<Row> biasFrame(SparkSession spark, String idColumn, String biasColumn,
                                          Map<String, Double> biases) {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("_key_" + idColumn, DataTypes.StringType, false),
                DataTypes.createStructField(biasColumn, DataTypes.DoubleType, false)));
        List<Row> rows = new ArrayList<>(biases.size());
        biases.forEach((id, bias) -> rows.add(RowFactory.create(id, bias)));
        return spark.createDataFrame(rows, schema);
    }
}
