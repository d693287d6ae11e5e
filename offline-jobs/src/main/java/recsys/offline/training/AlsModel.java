package recsys.offline.training;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.when;
import static recsys.offline.training.RatingColumns.FALLBACK;
import static recsys.offline.training.RatingColumns.PREDICTION;
import static recsys.offline.training.RatingColumns.RATING;
import static recsys.offline.training.RatingColumns.USER;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import recsys.core.evaluation.UserSample;

/**
 * Spark MLlib's explicit-feedback ALS with a {@link BiasModel} behind it. ALS cannot score a user or movie it has
 * no factors for ({@code coldStartStrategy("nan")}); those rows get the bias model's prediction and are counted as
 * fallback rows, rather than dropped, which would flatter ALS (by 0.005 to 0.011 RMSE on ml-latest-small, see
 * docs/benchmarks.md). ALS predictions are clipped to [0.5, 5].
 *
 * <p>Spark's ALS needs integer ids: {@link AlsIds}' indexer, fitted on the training ratings, maps the string ids to
 * ints, and is kept with ALS in one {@link PipelineModel}; an id it never saw is unknown (fallback).
 */
public final class AlsModel implements RatingPredictor {

    private static final String ALS_PREDICTION = "_als_prediction";
    private static final String FALLBACK_PREDICTION = "_fallback_prediction";

    /** The id indexer, then ALS. */
    private final PipelineModel als;
    private final BiasModel fallback;
    private final int rank;
    private final double regParam;
    private final int maxIter;
    private final long seed;

    private AlsModel(PipelineModel als, BiasModel fallback, int rank, double regParam, int maxIter, long seed) {
        this.als = als;
        this.fallback = fallback;
        this.rank = rank;
        this.regParam = regParam;
        this.maxIter = maxIter;
        this.seed = seed;
    }

    /** @param fallback predicts the rows ALS cannot; normally fitted on the same {@code train} */
    public static AlsModel fit(Dataset<Row> train, int rank, double regParam, int maxIter, long seed,
                               BiasModel fallback) {
        ALS als = new ALS()
                .setRank(rank)
                .setRegParam(regParam)
                .setMaxIter(maxIter)
                .setSeed(seed)
                .setImplicitPrefs(false)
                .setNonnegative(false)
                .setUserCol(AlsIds.USER_INDEX)
                .setItemCol(AlsIds.MOVIE_INDEX)
                .setRatingCol(RATING)
                .setPredictionCol(ALS_PREDICTION)
                .setColdStartStrategy("nan")
                // as many blocks as the parallelism setting: the default 10 user and 10 item blocks make each of
                // ALS's many small jobs schedule 10 tasks, whose overhead outweighs their work on a few cores
                .setNumBlocks(train.sparkSession().sparkContext().defaultParallelism());
        PipelineModel model = new Pipeline().setStages(new PipelineStage[] {AlsIds.indexer(), als}).fit(train);
        return new AlsModel(model, fallback, rank, regParam, maxIter, seed);
    }

    /** A grid point of {@link #tune} and what it scored on validation, fallback rows included. */
    public record Candidate(int rank, double regParam, RatingEvaluation validation) {
    }

    /**
     * The model refitted on all training ratings with the best rank and regParam, and every candidate's score.
     *
     * @param best         the chosen point, scored over every validation row (when the grid was searched on a user
     *                     sample, by one more fit of that point on the whole tuning part), so its figure stands next
     *                     to the other models'
     * @param candidates   every point, in grid order, as scored in the search
     * @param searchUsers  the users whose ratings the search fitted and scored on
     * @param tuningUsers  the users of the tuning part
     */
    public record Tuned(AlsModel model, Candidate best, List<Candidate> candidates, long searchUsers,
                        long tuningUsers) {

        public boolean sampled() {
            return searchUsers < tuningUsers;
        }
    }

    /**
     * Tries every rank × regParam: fits on the split's tuning part (with {@code tuningFallback}, a bias model fitted
     * on that part), scores every validation row, keeps the lowest RMSE (the first in grid order on a tie) and refits
     * it on the whole train with {@code fallback}. With more tuning users than {@code searchUsers} keeps, the grid
     * is fitted and scored on the sampled users' tuning and validation ratings only (whole histories, since ALS
     * regularises each user by their rating count), and the chosen point is then fitted once on the whole tuning
     * part for its validation figure: six fits over a bounded sample and two over everything, instead of seven over
     * everything.
     */
    public static Tuned tune(RatingSplit split, List<Integer> ranks, List<Double> regParams, int maxIter, long seed,
                             UserSample searchUsers, BiasModel tuningFallback, BiasModel fallback) {
        List<String> users = split.tuningTrain().select(USER).distinct().as(Encoders.STRING()).collectAsList();
        boolean sampled = searchUsers.samples(users.size());
        List<String> kept = sampled ? searchUsers.choose(users) : users;
        Dataset<Row> searchTrain = split.tuningTrain();
        Dataset<Row> searchValidation = split.validation();
        long validationRows = split.validationCount();
        if (sampled) {
            Dataset<Row> ids = broadcast(split.tuningTrain().sparkSession().createDataset(kept, Encoders.STRING())
                    .toDF(USER));
            searchTrain = split.tuningTrain().join(ids, USER).persist(StorageLevel.MEMORY_AND_DISK());
            searchValidation = split.validation().join(ids, USER).persist(StorageLevel.MEMORY_AND_DISK());
            validationRows = searchValidation.count();
        }
        List<Candidate> candidates = new ArrayList<>();
        Candidate best = null;
        try {
            for (int rank : ranks) {
                for (double regParam : regParams) {
                    AlsModel model = fit(searchTrain, rank, regParam, maxIter, seed, tuningFallback);
                    Candidate candidate = new Candidate(rank, regParam,
                            RatingEvaluation.of(model.predict(searchValidation), validationRows));
                    candidates.add(candidate);
                    if (best == null || candidate.validation().rmse() < best.validation().rmse()) {
                        best = candidate;
                    }
                }
            }
        } finally {
            if (sampled) {
                searchTrain.unpersist();
                searchValidation.unpersist();
            }
        }
        if (sampled) {
            AlsModel chosen = fit(split.tuningTrain(), best.rank(), best.regParam(), maxIter, seed, tuningFallback);
            best = new Candidate(best.rank(), best.regParam(),
                    RatingEvaluation.of(chosen.predict(split.validation()), split.validationCount()));
        }
        AlsModel model = fit(split.train(), best.rank(), best.regParam(), maxIter, seed, fallback);
        return new Tuned(model, best, List.copyOf(candidates), kept.size(), users.size());
    }

    /** A model saved by {@link #als()} and loaded again, with its fallback and the parameters it was fitted with. */
    public static AlsModel of(PipelineModel als, BiasModel fallback, int rank, double regParam, int maxIter, long seed) {
        return new AlsModel(als, fallback, rank, regParam, maxIter, seed);
    }

    /** The Spark pipeline (id indexer, ALS), e.g. to save it with the published version. */
    public PipelineModel als() {
        return als;
    }

    /** User factors by user id. */
    public java.util.Map<String, float[]> userFactors() {
        return AlsIds.factors(alsStage().userFactors(), AlsIds.labels(indexerStage(), 0));
    }

    /** Movie factors by movie id. */
    public java.util.Map<String, float[]> movieFactors() {
        return AlsIds.factors(alsStage().itemFactors(), AlsIds.labels(indexerStage(), 1));
    }

    private StringIndexerModel indexerStage() {
        return (StringIndexerModel) als.stages()[0];
    }

    private ALSModel alsStage() {
        return (ALSModel) als.stages()[1];
    }

    @Override
    public Dataset<Row> predict(Dataset<Row> rows) {
        Dataset<Row> withFallback = fallback.predict(rows)
                .withColumnRenamed(PREDICTION, FALLBACK_PREDICTION)
                .drop(FALLBACK);
        Column alsPrediction = col(ALS_PREDICTION);
        Column unscored = alsPrediction.isNull().or(isnan(alsPrediction));
        return als.transform(withFallback)
                .withColumn(FALLBACK, unscored)
                .withColumn(PREDICTION, when(unscored, col(FALLBACK_PREDICTION))
                        .otherwise(RatingColumns.clip(alsPrediction.cast("double"))))
                .drop(AlsIds.USER_INDEX, AlsIds.MOVIE_INDEX, ALS_PREDICTION, FALLBACK_PREDICTION);
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
}
