package recsys.offline.training;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static recsys.offline.training.RatingColumns.FALLBACK;
import static recsys.offline.training.RatingColumns.MOVIE;
import static recsys.offline.training.RatingColumns.PREDICTION;
import static recsys.offline.training.RatingColumns.RATING;
import static recsys.offline.training.RatingColumns.USER;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Spark MLlib's explicit-feedback ALS with a {@link BiasModel} behind it. ALS cannot score a user or movie it has
 * no factors for ({@code coldStartStrategy("nan")}); those rows get the bias model's prediction and are counted as
 * fallback rows, rather than dropped, which would flatter ALS (by 0.005 to 0.011 RMSE on ml-latest-small, see
 * docs/benchmarks.md). ALS predictions are clipped to [0.5, 5].
 *
 * <p>Spark's ALS needs integer ids: movie and user ids are cast to int, as MovieLens ids are. {@link #fit} rejects
 * ids that are not non-negative integers; {@link #predict} treats them as unknown (fallback).
 */
public final class AlsModel implements RatingPredictor {

    private static final String USER_INDEX = "_user_index";
    private static final String MOVIE_INDEX = "_movie_index";
    private static final String ALS_PREDICTION = "_als_prediction";
    private static final String FALLBACK_PREDICTION = "_fallback_prediction";

    private final ALSModel als;
    private final BiasModel fallback;
    private final int rank;
    private final double regParam;
    private final int maxIter;
    private final long seed;

    private AlsModel(ALSModel als, BiasModel fallback, int rank, double regParam, int maxIter, long seed) {
        this.als = als;
        this.fallback = fallback;
        this.rank = rank;
        this.regParam = regParam;
        this.maxIter = maxIter;
        this.seed = seed;
    }

    /**
     * @param fallback predicts the rows ALS cannot; normally fitted on the same {@code train}
     * @throws IllegalArgumentException if a user or movie id is not a non-negative int
     */
    public static AlsModel fit(Dataset<Row> train, int rank, double regParam, int maxIter, long seed,
                               BiasModel fallback) {
        long badIds = train.filter(index(USER).lt(0).or(index(MOVIE).lt(0))).count();
        if (badIds > 0) {
            throw new IllegalArgumentException(badIds + " training ratings have a user or movie id that is not a "
                    + "non-negative int; Spark's ALS needs int ids");
        }
        ALS als = new ALS()
                .setRank(rank)
                .setRegParam(regParam)
                .setMaxIter(maxIter)
                .setSeed(seed)
                .setImplicitPrefs(false)
                .setNonnegative(false)
                .setUserCol(USER_INDEX)
                .setItemCol(MOVIE_INDEX)
                .setRatingCol(RATING)
                .setPredictionCol(ALS_PREDICTION)
                .setColdStartStrategy("nan")
                // as many blocks as the parallelism setting: the default 10 user and 10 item blocks make each of
                // ALS's many small jobs schedule 10 tasks, whose overhead outweighs their work on a few cores
                .setNumBlocks(train.sparkSession().sparkContext().defaultParallelism());
        ALSModel model = als.fit(withIndices(train));
        return new AlsModel(model, fallback, rank, regParam, maxIter, seed);
    }

    /** A grid point of {@link #tune} and what it scored on validation, fallback rows included. */
    public record Candidate(int rank, double regParam, RatingEvaluation validation) {
    }

    /** The model refitted on all training ratings with the best rank and regParam, and every candidate's score. */
    public record Tuned(AlsModel model, Candidate best, List<Candidate> candidates) {
    }

    /**
     * Tries every rank × regParam: fits on the split's tuning part (with {@code tuningFallback}, a bias model fitted
     * on that part), scores every validation row, keeps the lowest RMSE (the first in grid order on a tie) and refits
     * it on the whole train with {@code fallback}.
     */
    public static Tuned tune(RatingSplit split, List<Integer> ranks, List<Double> regParams, int maxIter, long seed,
                             BiasModel tuningFallback, BiasModel fallback) {
        List<Candidate> candidates = new ArrayList<>();
        Candidate best = null;
        for (int rank : ranks) {
            for (double regParam : regParams) {
                AlsModel model = fit(split.tuningTrain(), rank, regParam, maxIter, seed, tuningFallback);
                Candidate candidate = new Candidate(rank, regParam,
                        RatingEvaluation.of(model.predict(split.validation()), split.validationCount()));
                candidates.add(candidate);
                if (best == null || candidate.validation().rmse() < best.validation().rmse()) {
                    best = candidate;
                }
            }
        }
        AlsModel model = fit(split.train(), best.rank(), best.regParam(), maxIter, seed, fallback);
        return new Tuned(model, best, List.copyOf(candidates));
    }

    /** A model saved by {@link #als()} and loaded again, with its fallback and the parameters it was fitted with. */
    public static AlsModel of(ALSModel als, BiasModel fallback, int rank, double regParam, int maxIter, long seed) {
        return new AlsModel(als, fallback, rank, regParam, maxIter, seed);
    }

    /** The Spark model, e.g. to save it with the published version. */
    public ALSModel als() {
        return als;
    }

    /** User factors by user id. */
    public java.util.Map<String, float[]> userFactors() {
        return factors(als.userFactors());
    }

    /** Movie factors by movie id. */
    public java.util.Map<String, float[]> movieFactors() {
        return factors(als.itemFactors());
    }

    /** The factors of a Spark ALS factor frame ({@code id: int, features: array<float>}) by string id. */
    public static java.util.Map<String, float[]> factors(Dataset<Row> frame) {
        java.util.Map<String, float[]> byId = new java.util.HashMap<>();
        for (Row row : frame.collectAsList()) {
            List<Float> values = row.getList(1);
            float[] factors = new float[values.size()];
            for (int d = 0; d < factors.length; d++) {
                factors[d] = values.get(d);
            }
            byId.put(Integer.toString(row.getInt(0)), factors);
        }
        return byId;
    }

    @Override
    public Dataset<Row> predict(Dataset<Row> rows) {
        Dataset<Row> withFallback = fallback.predict(rows)
                .withColumnRenamed(PREDICTION, FALLBACK_PREDICTION)
                .drop(FALLBACK);
        Column alsPrediction = col(ALS_PREDICTION);
        Column unscored = alsPrediction.isNull().or(isnan(alsPrediction));
        return als.transform(withIndices(withFallback))
                .withColumn(FALLBACK, unscored)
                .withColumn(PREDICTION, when(unscored, col(FALLBACK_PREDICTION))
                        .otherwise(RatingColumns.clip(alsPrediction.cast("double"))))
                .drop(USER_INDEX, MOVIE_INDEX, ALS_PREDICTION, FALLBACK_PREDICTION);
    }

    public int rank() {
        return rank;
    }

    public double regParam() {
        return regParam;
    }

    public BiasModel fallback() {
        return fallback;
    }

    @Override
    public String describe() {
        return "ALS rank=" + rank + " regParam=" + regParam + " maxIter=" + maxIter + " seed=" + seed
                + ", fallback " + fallback.describe();
    }

    /** The id as an int, or −1 when it is not one (never an id ALS was trained on). */
    private static Column index(String idColumn) {
        return coalesce(col(idColumn).cast("int"), lit(-1));
    }

    private static Dataset<Row> withIndices(Dataset<Row> rows) {
        return rows.withColumn(USER_INDEX, index(USER)).withColumn(MOVIE_INDEX, index(MOVIE));
    }
}
