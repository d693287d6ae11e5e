package recsys.offline.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import recsys.core.features.EncoderState;
import recsys.core.features.RatedMovie;
import recsys.core.model.FeatureSchema;
import recsys.core.ranking.RankingBlend;
import recsys.core.topn.ItemFactors;
import recsys.core.topn.ItemNeighbours;
import recsys.core.topn.RerankWeights;
import recsys.core.topn.TopNFixture;
import recsys.core.topn.TopNModel;
import recsys.offline.evaluation.RankingMetric;
import recsys.offline.testing.TestSpark;

/**
 * The rating models ranked within a top-N model's candidate pool against the whole-catalogue ranking: with a pool
 * that holds every unrated movie the lists and the evaluation's metrics are the whole catalogue's, and with a small
 * pool each list is the whole-catalogue order with the movies outside the pool struck out.
 */
class CatalogueRankingTest {

    private static final int MOVIES = 90;
    private static final String SOURCES = "sources";

    private final Random random = new Random(11);
    private final TopNFixture fixture = new TopNFixture(random);
    /** Every movie has training ratings, so the popularity source alone nominates the whole catalogue. */
    private final EncoderState state = fixture.state(MOVIES, 6, 1);
    private final ItemNeighbours table = fixture.table(70, 8);
    private final ItemFactors factors = fixture.factors(state);
    private final Map<String, CandidateScorer> scorers = Map.of(
            "trees", Scorers.trees(TopNFixture.oneTree(state), FeatureSchema.DENSE), "none", Scorers.none());
    private final List<RankingSpec> specs = List.of(
            new RankingSpec("blend", "trees", new RankingBlend(1, 0.3, 0.2)),
            new RankingSpec("rating", "trees", RankingBlend.PREDICTED_RATING),
            new RankingSpec("popularity", "none", RankingBlend.POPULARITY));

    @Test
    void aPoolHoldingEveryUnratedMovieGivesTheWholeCataloguesLists() {
        TopNModel sources = sources(MOVIES);
        CatalogueRanking whole = ranking(sources, null, 20);
        CatalogueRanking pooled = ranking(sources, SOURCES, 20);
        for (int user = 0; user < 40; user++) {
            List<RatedMovie> history = randomRatings(random.nextInt(16));
            assertEquals(MOVIES - history.size(), pool(sources, history).size(), "the pool is every unrated movie");
            assertEquals(whole.top("u" + user, history), pooled.top("u" + user, history), history.toString());
        }
    }

    @Test
    void aSmallPoolGivesTheWholeCatalogueOrderRestrictedToIt() {
        TopNModel sources = sources(6);
        CatalogueRanking whole = ranking(sources, null, MOVIES);
        CatalogueRanking pooled = ranking(sources, SOURCES, 10);
        boolean differs = false;
        for (int user = 0; user < 40; user++) {
            List<RatedMovie> history = randomRatings(1 + random.nextInt(15));
            Set<String> pool = new HashSet<>(pool(sources, history));
            assertTrue(pool.size() < MOVIES - history.size(), "a pool smaller than the unrated catalogue");
            Map<String, List<String>> everything = whole.top("u" + user, history);
            Map<String, List<String>> lists = pooled.top("u" + user, history);
            for (RankingSpec spec : specs) {
                List<String> restricted = everything.get(spec.name()).stream().filter(pool::contains).limit(10)
                        .toList();
                assertEquals(restricted, lists.get(spec.name()), spec.name() + " " + history);
                differs |= !restricted.equals(everything.get(spec.name()).subList(0, 10));
            }
        }
        assertTrue(differs, "the pool changes some list");
    }

    /** {@link TopKEvaluator} over pools that hold every unrated movie reports the whole catalogue's figures. */
    @Test
    void candidateSetEvaluationEqualsWholeCatalogueEvaluationWhenThePoolCoversIt() {
        SparkSession spark = TestSpark.session();
        StructType schema = new StructType().add("user_id", DataTypes.StringType)
                .add("movie_id", DataTypes.StringType).add("rating", DataTypes.DoubleType);
        List<Row> train = new ArrayList<>();
        List<Row> heldOut = new ArrayList<>();
        for (int user = 0; user < 60; user++) {
            List<RatedMovie> ratings = randomRatings(4 + random.nextInt(12));
            for (int i = 0; i < ratings.size(); i++) {
                RatedMovie r = ratings.get(i);
                (i < 3 ? heldOut : train).add(RowFactory.create("u" + user, r.movieId(), r.rating()));
            }
        }
        Dataset<Row> trainRows = spark.createDataFrame(train, schema);
        Dataset<Row> heldOutRows = spark.createDataFrame(heldOut, schema);
        Map<String, TopNModel> models = Map.of(SOURCES, sources(MOVIES));
        TopKResults whole = TopKEvaluator.evaluate(spark, trainRows, heldOutRows, state, scorers, specs, models,
                List.of(), null, 20);
        TopKResults pooled = TopKEvaluator.evaluate(spark, trainRows, heldOutRows, state, scorers, specs, models,
                List.of(), SOURCES, 20);
        for (RankingSpec spec : specs) {
            assertTrue(whole.users(spec.name()) > 20, "users measured: " + whole.users(spec.name()));
            assertEquals(whole.users(spec.name()), pooled.users(spec.name()), spec.name());
            assertEquals(whole.curves(spec.name()), pooled.curves(spec.name()), spec.name());
        }
        // the check has teeth: the rankings measure differently
        assertNotEquals(whole.curves("rating").at(RankingMetric.NDCG, 10),
                whole.curves("popularity").at(RankingMetric.NDCG, 10));

        // and a small pool measures something else
        TopKResults small = TopKEvaluator.evaluate(spark, trainRows, heldOutRows, state, scorers, specs,
                Map.of(SOURCES, sources(6)), List.of(), SOURCES, 20);
        assertNotEquals(whole.curves("rating"), small.curves("rating"));
    }

    private TopNModel sources(int poolPerSource) {
        return new TopNModel(state, table, factors, null, RerankWeights.ITEM_ITEM_ONLY, poolPerSource);
    }

    private CatalogueRanking ranking(TopNModel sources, String candidateModel, int maxK) {
        return new CatalogueRanking(state, scorers, specs, Map.of(SOURCES, sources), List.of(), candidateModel, maxK);
    }

    private static List<String> pool(TopNModel sources, List<RatedMovie> history) {
        return sources.prepared().candidates(history, Set.of(), Map.of(), false).ids();
    }

    private List<RatedMovie> randomRatings(int n) {
        return fixture.ratings(state, n);
    }
}
