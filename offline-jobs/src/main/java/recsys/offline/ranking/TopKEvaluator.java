package recsys.offline.ranking;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import recsys.core.evaluation.Relevance;
import recsys.core.features.EncoderState;
import recsys.core.features.RatedMovie;

/**
 * Ranks the whole catalogue, or each user's candidate pool ({@link CatalogueRanking}), for every user with held-out
 * ratings and pools the top-k metrics, in Spark: held-out
 * ratings and training histories grouped by user, one {@link CatalogueRanking} per partition built from a
 * broadcast of the encoder state and the scorers, one {@link TopKResults} per partition merged on the driver.
 * Relevant means a held-out rating of {@link Relevance#DEFAULT} (4 stars) or more.
 *
 * <p>Why not Spark ML's {@code transform} over a (user × movie) cross join: on ml-latest-small that is 6 million
 * feature rows per model, each a 66- or 306-wide vector, materialised and shuffled to be ranked; scoring a
 * user's candidates inside the task that ranks them keeps nothing but the lists, and core's tree ensembles predict
 * exactly what Spark's forests do (the export parity test).
 */
public final class TopKEvaluator {

    private TopKEvaluator() {
    }

    /**
     * @param train   {@code (user_id, movie_id, rating)}: the histories, excluded from each user's candidates
     * @param heldOut {@code (user_id, movie_id, rating)}: validation or test ratings, which decide relevance
     * @param state   the encoder state fitted on {@code train}
     */
    public static TopKResults evaluate(SparkSession spark, Dataset<Row> train, Dataset<Row> heldOut,
                                       EncoderState state, Map<String, CandidateScorer> scorers,
                                       List<RankingSpec> specs, int maxK) {
        return evaluate(spark, train, heldOut, state, scorers, specs, Map.of(), List.of(), null, maxK);
    }

    /**
     * {@link #evaluate} with top-N rankings beside the rating models' ones.
     *
     * @param candidateModel the top-N model, one of {@code topNModels}, whose pool is each user's candidates for the
     *                       rating rankings ({@link CatalogueRanking}), or null for every unrated catalogue movie
     */
    public static TopKResults evaluate(SparkSession spark, Dataset<Row> train, Dataset<Row> heldOut,
                                       EncoderState state, Map<String, CandidateScorer> scorers,
                                       List<RankingSpec> specs, Map<String, recsys.core.topn.TopNModel> topNModels,
                                       List<TopNSpec> topNSpecs, String candidateModel, int maxK) {
        Broadcast<CatalogueRanking.Inputs> inputs = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(new CatalogueRanking.Inputs(state, scorers, specs, topNModels, topNSpecs, candidateModel,
                        maxK));
        List<String> names = new ArrayList<>();
        specs.forEach(spec -> names.add(spec.name()));
        topNSpecs.forEach(spec -> names.add(spec.name()));
        long catalogueSize = state.movies().size();
        Dataset<Row> users = heldOut.groupBy("user_id")
                .agg(collect_list(struct(col("movie_id"), col("rating"))).as("held_out"))
                .join(train.groupBy("user_id").agg(collect_list(struct(col("movie_id"), col("rating")))
                                .as("history")),
                        scala.collection.JavaConverters.asScalaBuffer(List.of("user_id")).toSeq(), "left");
        try {
            return users.select("user_id", "history", "held_out").javaRDD()
                    .mapPartitions((Iterator<Row> rows) -> {
                        CatalogueRanking ranking = inputs.value().build();
                        TopKResults results = new TopKResults(names, maxK, catalogueSize);
                        while (rows.hasNext()) {
                            Row user = rows.next();
                            List<RatedMovie> history = user.isNullAt(1) ? List.of() : ratedMovies(user.getList(1));
                            Set<String> relevant = new HashSet<>();
                            for (RatedMovie held : ratedMovies(user.getList(2))) {
                                if (Relevance.DEFAULT.isRelevant(held.rating())) {
                                    relevant.add(held.movieId());
                                }
                            }
                            results.add(ranking.top(user.getString(0), history), relevant);
                        }
                        return List.of(results).iterator();
                    })
                    .reduce(TopKResults::merge);
        } finally {
            inputs.destroy();
        }
    }

    private static List<RatedMovie> ratedMovies(List<Row> entries) {
        List<RatedMovie> rated = new ArrayList<>(entries.size());
        for (Row entry : entries) {
            rated.add(new RatedMovie(entry.getString(0), entry.getDouble(1)));
        }
        return rated;
    }
}
