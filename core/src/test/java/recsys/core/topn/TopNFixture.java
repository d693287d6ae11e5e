package recsys.core.topn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import recsys.core.features.EncoderParameters;
import recsys.core.features.EncoderState;
import recsys.core.features.FeatureEncoder;
import recsys.core.features.MovieEntry;
import recsys.core.features.RatedMovie;
import recsys.core.model.RegressionTree;
import recsys.core.model.TreeEnsemble;

/**
 * A random catalogue and top-N tables for tests that rank against a brute force: every draw comes from the one
 * seeded {@link Random} the test passes, in call order, so a fixture is the same on every run.
 */
public final class TopNFixture {

    private final Random random;

    public TopNFixture(Random random) {
        this.random = random;
    }

    /**
     * Movies {@code m000, m001, …}: a quarter without training ratings unless {@code minRatingCount} says otherwise,
     * every 17th (from the 4th) without a vector, unit vectors of {@code dimension} for the others.
     */
    public EncoderState state(int movies, int dimension, long minRatingCount) {
        EncoderParameters parameters = new EncoderParameters(3.5, 5, 5, List.of("Comedy", "Drama"), 1995, 8,
                dimension, 2, 42, EncoderParameters.FORMAT_VERSION);
        List<MovieEntry> entries = new ArrayList<>();
        for (int i = 0; i < movies; i++) {
            long count = Math.max(minRatingCount, random.nextInt(4) == 0 ? 0 : random.nextInt(60));
            float[] vector = null;
            if (i % 17 != 3) {
                vector = new float[dimension];
                double norm = 0;
                for (int d = 0; d < dimension; d++) {
                    vector[d] = (float) random.nextGaussian();
                    norm += vector[d] * vector[d];
                }
                for (int d = 0; d < dimension; d++) {
                    vector[d] /= (float) Math.sqrt(norm);
                }
            }
            entries.add(new MovieEntry(String.format("m%03d", i), count, count * (2 + 2.5 * random.nextDouble()),
                    1990 + i % 20, i % 3 == 0 ? new int[] {0} : new int[] {0, 1}, List.of(), vector));
        }
        return EncoderState.of(parameters, entries);
    }

    /** Rows for the first {@code rows} movies, {@code neighbours} each, weights of both signs. */
    public ItemNeighbours table(int rows, int neighbours) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            ids.add(String.format("m%03d", i));
        }
        int[][] chosenNeighbours = new int[ids.size()][];
        float[][] weights = new float[ids.size()][];
        for (int i = 0; i < ids.size(); i++) {
            Set<Integer> chosen = new LinkedHashSet<>();
            while (chosen.size() < neighbours) {
                int j = random.nextInt(ids.size());
                if (j != i) {
                    chosen.add(j);
                }
            }
            chosenNeighbours[i] = chosen.stream().mapToInt(Integer::intValue).toArray();
            weights[i] = new float[neighbours];
            for (int e = 0; e < neighbours; e++) {
                weights[i][e] = (float) (random.nextDouble() - 0.2);
            }
        }
        return ItemNeighbours.of(ids, chosenNeighbours, weights);
    }

    /** Rank-4 factors for the movies with training ratings, as ALS has. */
    public ItemFactors factors(EncoderState state) {
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

    /** {@code n} distinct movies of {@code state}, each with a random star rating from 0.5 to 5. */
    public List<RatedMovie> ratings(EncoderState state, int n) {
        List<String> ids = new ArrayList<>(state.movies().keySet());
        ids.sort(null);
        Collections.shuffle(ids, random);
        List<RatedMovie> ratings = new ArrayList<>();
        for (String id : ids.subList(0, n)) {
            ratings.add(new RatedMovie(id, 0.5 * (1 + random.nextInt(10))));
        }
        return ratings;
    }

    /** One tree over the first two embedding features of {@code state}'s encoder. */
    public static TreeEnsemble oneTree(EncoderState state) {
        int features = new FeatureEncoder(state).embeddingFeatureNames().size();
        RegressionTree tree = RegressionTree.builder(5)
                .split(0, 0, 3.4, 1, 2)
                .leaf(1, 2.5)
                .split(2, 1, 3.6, 3, 4)
                .leaf(3, 3.5)
                .leaf(4, 4.5)
                .build();
        return TreeEnsemble.randomForest(features, List.of(tree));
    }
}
