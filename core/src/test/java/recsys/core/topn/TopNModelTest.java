package recsys.core.topn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import recsys.core.features.EncoderParameters;
import recsys.core.features.EncoderState;
import recsys.core.features.FeatureEncoder;
import recsys.core.features.MovieEntry;
import recsys.core.features.RatedMovie;
import recsys.core.features.UserProfile;
import recsys.core.model.RegressionTree;
import recsys.core.model.TreeEnsemble;
import recsys.core.model.TreeRatingModel;

/**
 * The served top-N list against a brute-force ranking of the whole catalogue: every feature of every unrated movie
 * computed independently of the model's code paths (row sums walked by hand, cosines from the profile vector), the
 * re-ranker's weighted mean, and a full sort in the documented tie order.
 */
class TopNModelTest {

    private static final int MOVIES = 120;
    private static final int DIMENSION = 6;
    private static final List<RerankWeights> WEIGHTINGS = List.of(RerankWeights.ITEM_ITEM_ONLY,
            RerankWeights.ALS_ONLY, RerankWeights.CONTENT_ONLY, RerankWeights.POPULARITY_ONLY,
            new RerankWeights(1, 0.5, 0.2, 0.1, 0.1), new RerankWeights(0.2, 1, 0, 0.3, 0.5),
            new RerankWeights(1, 0.5, 0.1, 0.05, 0.2, 1.5));

    private final Random random = new Random(7);
    private final EncoderState state = state();
    private final ItemNeighbours table = table();
    private final ItemFactors factors = factors();
    private final TreeRatingModel ratingModel = ratingModel();

    @Test
    void theWholeCatalogueAsPoolGivesTheBruteForceTopK() {
        for (RerankWeights weights : WEIGHTINGS) {
            TopNModel model = new TopNModel(state, table, factors, ratingModel, weights, MOVIES);
            for (int user = 0; user < 40; user++) {
                List<RatedMovie> ratings = randomRatings(1 + random.nextInt(15));
                assertEquals(bruteForce(ratings, weights, null, 10), model.top(ratings, 10),
                        "user " + user + " " + weights + " " + ratings);
            }
        }
    }

    @Test
    void aSingleSourceIsExactWithASmallPool() {
        for (RerankWeights weights : WEIGHTINGS.subList(0, 4)) {
            TopNModel model = new TopNModel(state, table, factors, ratingModel, weights, 12);
            for (int user = 0; user < 40; user++) {
                List<RatedMovie> ratings = randomRatings(1 + random.nextInt(15));
                assertEquals(bruteForce(ratings, weights, null, 10), model.top(ratings, 10), weights.toString());
            }
        }
    }

    @Test
    void aBlendRanksTheUnionOfEachSourcesBest() {
        RerankWeights blend = WEIGHTINGS.get(4);
        int pool = 15;
        TopNModel model = new TopNModel(state, table, factors, ratingModel, blend, pool);
        for (int user = 0; user < 40; user++) {
            List<RatedMovie> ratings = randomRatings(1 + random.nextInt(15));
            Set<String> union = new HashSet<>();
            for (RerankWeights single : WEIGHTINGS.subList(0, 4)) {
                union.addAll(bruteForce(ratings, single, null, pool));
            }
            assertEquals(bruteForce(ratings, blend, union, 10), model.top(ratings, 10));
        }
    }

    @Test
    void ratedAndExcludedMoviesAreNeverReturned() {
        TopNModel model = new TopNModel(state, table, factors, ratingModel, WEIGHTINGS.get(4), MOVIES);
        List<RatedMovie> ratings = randomRatings(10);
        Set<String> rated = new HashSet<>();
        ratings.forEach(r -> rated.add(r.movieId()));
        List<String> top = model.prepared().candidates(ratings, Set.of("m005", "m006"), Map.of(), true)
                .top(model.weights(), MOVIES);
        assertEquals(MOVIES - rated.size() - (rated.contains("m005") ? 0 : 1) - (rated.contains("m006") ? 0 : 1),
                top.size());
        assertTrue(top.stream().noneMatch(id -> rated.contains(id) || id.equals("m005") || id.equals("m006")));
    }

    /** A movie added after training has only its content feature and is scored by it alone. */
    @Test
    void aNewMovieWithTheProfilesDirectionRanksFirst() {
        TopNModel model = new TopNModel(state, table, factors, ratingModel, WEIGHTINGS.get(4), 50);
        String liked = firstWithVector();
        List<RatedMovie> ratings = List.of(new RatedMovie(liked, 5.0));
        float[] copy = state.movie(liked).vector().clone();
        float[] opposite = copy.clone();
        for (int d = 0; d < opposite.length; d++) {
            opposite[d] = -opposite[d];
        }
        List<String> top = model.prepared().candidates(ratings, Set.of(), Map.of("new-1", copy, "new-2", opposite),
                false).top(model.weights(), MOVIES + 2);
        assertEquals("new-1", top.get(0));
        assertFalse(top.subList(0, 10).contains("new-2"));
        assertTrue(top.contains("new-2"), "an unpromising new movie is still a candidate");
        assertFalse(top.contains(liked));
    }

    @Test
    void theSameRatingsInAnyOrderGiveTheSameList() {
        TopNModel model = new TopNModel(state, table, factors, ratingModel, WEIGHTINGS.get(5), 20);
        List<RatedMovie> ratings = randomRatings(12);
        List<RatedMovie> reversed = new ArrayList<>(ratings);
        java.util.Collections.reverse(reversed);
        assertEquals(model.top(ratings, 20), model.top(reversed, 20));
    }

    // ---- the brute force ----

    private List<String> bruteForce(List<RatedMovie> ratings, RerankWeights weights, Set<String> restrictTo, int k) {
        Set<String> rated = new HashSet<>();
        ratings.forEach(r -> rated.add(r.movieId()));
        List<String> ids = new ArrayList<>(state.movies().keySet());
        ids.sort(null);
        Map<String, Double> itemItem = new HashMap<>();
        for (RatedMovie r : ratings) {
            int row = table.indexOf(r.movieId());
            if (row < 0) {
                continue;
            }
            int[] neighbours = table.neighbours(row);
            float[] w = table.weights(row);
            for (int e = 0; e < neighbours.length; e++) {
                itemItem.merge(table.ids().get(neighbours[e]), (double) w[e], Double::sum);
            }
        }
        List<Integer> ratedRows = new ArrayList<>();
        for (RatedMovie r : ratings) {
            if (factors.indexOf(r.movieId()) >= 0) {
                ratedRows.add(factors.indexOf(r.movieId()));
            }
        }
        double[] user = factors.foldIn(ratedRows.stream().mapToInt(Integer::intValue).sorted().toArray());
        UserProfile profile = UserProfile.of(state, ratings);
        double[] direction = profile.profileVector();
        FeatureEncoder encoder = new FeatureEncoder(state);
        double bias = ratingModel.userBias(ratings);
        long maxCount = state.movies().values().stream().mapToLong(MovieEntry::ratingCount).max().orElse(0);
        Map<String, double[]> raw = new HashMap<>();
        double[] max = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (String id : ids) {
            if (rated.contains(id)) {
                continue;
            }
            double als = 0;
            if (factors.indexOf(id) >= 0) {
                float[] y = factors.factors(factors.indexOf(id));
                for (int d = 0; d < y.length; d++) {
                    als += user[d] * y[d];
                }
            }
            double[] f = {itemItem.getOrDefault(id, 0.0), als, cosine(state.movie(id).vector(), direction),
                    maxCount == 0 ? 0 : Math.log1p(state.movie(id).ratingCount()) / Math.log1p(maxCount),
                    Math.max(0, Math.min(1, (ratingModel.predict(encoder, profile, bias, id) - 0.5) / 4.5))};
            for (int j = 0; j < 3; j++) {
                max[j] = Math.max(max[j], f[j]);
            }
            raw.put(id, f);
        }
        Map<String, Double> score = new HashMap<>();
        double[] w = weights.toArray();
        raw.forEach((id, f) -> {
            double sum = 0;
            double total = 0;
            double[] value = new double[6];
            for (int j = 0; j < 5; j++) {
                value[j] = j < 3 ? (max[j] > 0 ? f[j] / max[j] : 0) : f[j];
            }
            value[5] = value[0] * value[4];
            for (int j = 0; j < 6; j++) {
                sum += w[j] * value[j];
                total += w[j];
            }
            score.put(id, sum / total);
        });
        return score.keySet().stream()
                .filter(id -> restrictTo == null || restrictTo.contains(id))
                .sorted(Comparator.comparingDouble((String id) -> -score.get(id))
                        .thenComparingLong(id -> -state.movie(id).ratingCount())
                        .thenComparing(id -> id))
                .limit(k)
                .toList();
    }

    private static double cosine(float[] vector, double[] direction) {
        if (vector == null) {
            return 0;
        }
        double dot = 0;
        double a = 0;
        double b = 0;
        for (int d = 0; d < vector.length; d++) {
            dot += vector[d] * direction[d];
            a += (double) vector[d] * vector[d];
            b += direction[d] * direction[d];
        }
        return a == 0 || b == 0 ? 0 : dot / Math.sqrt(a * b);
    }

    // ---- the fixture ----

    private List<RatedMovie> randomRatings(int n) {
        List<String> ids = new ArrayList<>(state.movies().keySet());
        ids.sort(null);
        java.util.Collections.shuffle(ids, random);
        List<RatedMovie> ratings = new ArrayList<>();
        for (String id : ids.subList(0, n)) {
            ratings.add(new RatedMovie(id, 0.5 * (1 + random.nextInt(10))));
        }
        return ratings;
    }

    private String firstWithVector() {
        return state.movies().keySet().stream().sorted().filter(id -> state.movie(id).vector() != null).findFirst()
                .orElseThrow();
    }

    private EncoderState state() {
        EncoderParameters parameters = new EncoderParameters(3.5, 5, 5, List.of("Comedy", "Drama"), 1995, 8,
                DIMENSION, 2, 42, EncoderParameters.FORMAT_VERSION);
        List<MovieEntry> movies = new ArrayList<>();
        for (int i = 0; i < MOVIES; i++) {
            long count = random.nextInt(4) == 0 ? 0 : random.nextInt(60);
            float[] vector = null;
            if (i % 17 != 3) {
                vector = new float[DIMENSION];
                double norm = 0;
                for (int d = 0; d < DIMENSION; d++) {
                    vector[d] = (float) random.nextGaussian();
                    norm += vector[d] * vector[d];
                }
                for (int d = 0; d < DIMENSION; d++) {
                    vector[d] /= (float) Math.sqrt(norm);
                }
            }
            movies.add(new MovieEntry(String.format("m%03d", i), count, count * (2 + 2.5 * random.nextDouble()),
                    1990 + i % 20, i % 3 == 0 ? new int[] {0} : new int[] {0, 1}, List.of(), vector));
        }
        return EncoderState.of(parameters, movies);
    }

    /** Rows for 100 of the movies, 8 neighbours each, weights of both signs. */
    private ItemNeighbours table() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ids.add(String.format("m%03d", i));
        }
        int[][] neighbours = new int[ids.size()][];
        float[][] weights = new float[ids.size()][];
        for (int i = 0; i < ids.size(); i++) {
            Set<Integer> chosen = new java.util.LinkedHashSet<>();
            while (chosen.size() < 8) {
                int j = random.nextInt(ids.size());
                if (j != i) {
                    chosen.add(j);
                }
            }
            neighbours[i] = chosen.stream().mapToInt(Integer::intValue).toArray();
            weights[i] = new float[8];
            for (int e = 0; e < 8; e++) {
                weights[i][e] = (float) (random.nextDouble() - 0.2);
            }
        }
        return ItemNeighbours.of(ids, neighbours, weights);
    }

    /** Factors for the movies with training ratings, as ALS has. */
    private ItemFactors factors() {
        List<String> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        state.movies().keySet().stream().sorted().filter(id -> state.movie(id).ratingCount() > 0).forEach(id -> {
            float[] f = new float[4];
            for (int d = 0; d < 4; d++) {
                f[d] = (float) (0.3 * random.nextGaussian());
            }
            ids.add(id);
            vectors.add(f);
        });
        return ItemFactors.of(ids, vectors, 5, 0.1);
    }

    /** One tree over the first two embedding features. */
    private TreeRatingModel ratingModel() {
        int features = new FeatureEncoder(state).embeddingFeatureNames().size();
        RegressionTree tree = RegressionTree.builder(5)
                .split(0, 0, 3.4, 1, 2)
                .leaf(1, 2.5)
                .split(2, 1, 3.6, 3, 4)
                .leaf(3, 3.5)
                .leaf(4, 4.5)
                .build();
        return TreeRatingModel.forest(TreeEnsemble.randomForest(features, List.of(tree)), false);
    }
}
