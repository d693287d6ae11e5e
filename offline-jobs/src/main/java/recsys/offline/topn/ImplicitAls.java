package recsys.offline.topn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static recsys.offline.training.RatingColumns.MOVIE;
import static recsys.offline.training.RatingColumns.USER;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import recsys.core.topn.ItemFactors;
import recsys.offline.training.AlsModel;

/**
 * Implicit-feedback ALS (Hu, Koren and Volinsky 2008) with Spark MLlib, on the binary signal "the user rated this
 * movie": every (user, movie) pair is a preference of 1 at confidence {@code 1 + α}, every other pair a preference
 * of 0 at confidence 1. The item factors become core's {@link ItemFactors}, whose fold-in gives any user their
 * factors from their current history by the same normal equations Spark's last half-iteration solves.
 *
 * <p>Spark's ALS needs int ids: as in {@link recsys.offline.training.AlsModel} the string ids are cast to int, and
 * {@link #fit} rejects ids that are not non-negative ints in canonical form ({@code "7"}, not {@code "07"} or
 * {@code " 7"}), so every int maps back to exactly the string it came from.
 *
 * <p>Hyper-parameters: rank (at least 1; DESIGN's explicit ALS tuned to 50 for ranking), regParam (λ, scaled by
 * Spark by each user's and movie's rating count; greater than 0), alpha (confidence of a rating, at least 0;
 * Hu et al. found 40 good on their data, 10 is a common start on MovieLens), maxIter, seed.
 */
public final class ImplicitAls {

    private static final String USER_INDEX = "_user_index";
    private static final String MOVIE_INDEX = "_movie_index";
    private static final String PREFERENCE = "_preference";

    private ImplicitAls() {
    }

    /**
     * @param items       the item factors with the alpha and regParam they were fitted with, ids ascending
     * @param userFactors Spark's factors of every training user, by user id
     */
    public record Fitted(ItemFactors items, Map<String, float[]> userFactors) {
    }

    /**
     * @param ratings string columns {@code user_id} and {@code movie_id}; the rating value and other columns are
     *                ignored, a repeated (user, movie) pair counts once
     * @throws IllegalArgumentException if an id is not a canonical non-negative int, or a parameter is out of range
     */
    public static Fitted fit(Dataset<Row> ratings, int rank, double regParam, double alpha, int maxIter, long seed) {
        if (rank < 1 || !(regParam > 0) || !(alpha >= 0) || !Double.isFinite(alpha) || maxIter < 1) {
            throw new IllegalArgumentException("need rank >= 1, regParam > 0, alpha >= 0 and maxIter >= 1, got rank "
                    + rank + ", regParam " + regParam + ", alpha " + alpha + ", maxIter " + maxIter);
        }
        Dataset<Row> pairs = ratings.select(col(USER), col(MOVIE)).distinct();
        long badIds = pairs.filter(notCanonical(USER).or(notCanonical(MOVIE))).count();
        if (badIds > 0) {
            throw new IllegalArgumentException(badIds + " (user, movie) pairs have an id that is not a non-negative "
                    + "int in canonical form; Spark's ALS needs int ids");
        }
        Dataset<Row> preferences = pairs.select(col(USER).cast("int").as(USER_INDEX),
                col(MOVIE).cast("int").as(MOVIE_INDEX), lit(1.0f).as(PREFERENCE));
        int blocks = ratings.sparkSession().sparkContext().defaultParallelism();
        ALS als = new ALS()
                .setImplicitPrefs(true)
                .setAlpha(alpha)
                .setRank(rank)
                .setRegParam(regParam)
                .setMaxIter(maxIter)
                .setSeed(seed)
                .setNonnegative(false)
                .setUserCol(USER_INDEX)
                .setItemCol(MOVIE_INDEX)
                .setRatingCol(PREFERENCE)
                // as many blocks as the parallelism setting, as AlsModel: the default 10 + 10 blocks make every
                // one of ALS's many small jobs schedule 10 tasks, whose overhead outweighs their work on a few cores
                .setNumBlocks(blocks);
        ALSModel model = als.fit(preferences);
        Map<String, float[]> items = AlsModel.factors(model.itemFactors());
        List<String> ids = new ArrayList<>(items.keySet());
        ids.sort(null);
        List<float[]> vectors = new ArrayList<>(ids.size());
        for (String id : ids) {
            vectors.add(items.get(id));
        }
        return new Fitted(ItemFactors.of(ids, vectors, alpha, regParam), Map.copyOf(AlsModel.factors(model.userFactors())));
    }

    private static Column notCanonical(String idColumn) {
        Column asInt = col(idColumn).cast("int");
        return asInt.isNull().or(asInt.lt(0)).or(asInt.cast("string").notEqual(col(idColumn)));
    }
}
