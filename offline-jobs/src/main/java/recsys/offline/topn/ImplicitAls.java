package recsys.offline.topn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static recsys.offline.training.RatingColumns.MOVIE;
import static recsys.offline.training.RatingColumns.USER;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import recsys.core.topn.ItemFactors;
import recsys.offline.training.AlsIds;

/**
 * Implicit-feedback ALS (Hu, Koren and Volinsky 2008) with Spark MLlib, on the binary signal "the user rated this
 * movie": every (user, movie) pair is a preference of 1 at confidence {@code 1 + α}, every other pair a preference
 * of 0 at confidence 1. The item factors become core's {@link ItemFactors}, whose fold-in gives any user their
 * factors from their current history by the same normal equations Spark's last half-iteration solves.
 *
 * <p>Spark's ALS needs int ids: as in {@link recsys.offline.training.AlsModel}, {@link AlsIds}' indexer maps the
 * string ids to ints and its labels map the factors back to exactly the strings they came from.
 *
 * <p>Hyper-parameters: rank (at least 1; DESIGN's explicit ALS tuned to 50 for ranking), regParam (λ, scaled by
 * Spark by each user's and movie's rating count; greater than 0), alpha (confidence of a rating, at least 0;
 * Hu et al. found 40 good on their data, 10 is a common start on MovieLens), maxIter, seed.
 */
public final class ImplicitAls {

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
     * @throws IllegalArgumentException if a parameter is out of range
     */
    public static Fitted fit(Dataset<Row> ratings, int rank, double regParam, double alpha, int maxIter, long seed) {
        if (rank < 1 || !(regParam > 0) || !(alpha >= 0) || !Double.isFinite(alpha) || maxIter < 1) {
            throw new IllegalArgumentException("need rank >= 1, regParam > 0, alpha >= 0 and maxIter >= 1, got rank "
                    + rank + ", regParam " + regParam + ", alpha " + alpha + ", maxIter " + maxIter);
        }
        Dataset<Row> pairs = ratings.select(col(USER), col(MOVIE)).distinct();
        StringIndexerModel indexer = AlsIds.indexer().fit(pairs);
        Dataset<Row> preferences = indexer.transform(pairs).select(col(AlsIds.USER_INDEX), col(AlsIds.MOVIE_INDEX),
                lit(1.0f).as(PREFERENCE));
        int blocks = ratings.sparkSession().sparkContext().defaultParallelism();
        ALS als = new ALS()
                .setImplicitPrefs(true)
                .setAlpha(alpha)
                .setRank(rank)
                .setRegParam(regParam)
                .setMaxIter(maxIter)
                .setSeed(seed)
                .setNonnegative(false)
                .setUserCol(AlsIds.USER_INDEX)
                .setItemCol(AlsIds.MOVIE_INDEX)
                .setRatingCol(PREFERENCE)
                // as many blocks as the parallelism setting, as AlsModel: the default 10 + 10 blocks make every
                // one of ALS's many small jobs schedule 10 tasks, whose overhead outweighs their work on a few cores
                .setNumBlocks(blocks);
        ALSModel model = als.fit(preferences);
        Map<String, float[]> items = AlsIds.factors(model.itemFactors(), AlsIds.labels(indexer, 1));
        List<String> ids = new ArrayList<>(items.keySet());
        ids.sort(null);
        List<float[]> vectors = new ArrayList<>(ids.size());
        for (String id : ids) {
            vectors.add(items.get(id));
        }
        return new Fitted(ItemFactors.of(ids, vectors, alpha, regParam), Map.copyOf(AlsIds.factors(model.userFactors(), AlsIds.labels(indexer, 0))));
    }
}
