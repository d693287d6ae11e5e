package recsys.core.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feature values worked out by hand on a three-movie catalogue, leave-one-out against recomputing without the row,
 * fallbacks for unseen movies and users, and determinism.
 */
class FeatureEncoderTest {

    private static final double EXACT = 0;
    private static final double ROUNDING = 1e-12;

    /** Genres Comedy, Drama; vectors in 2 dimensions; global mean 3, user damping 1, movie damping 2. */
    static EncoderState tinyState() {
        EncoderParameters parameters = new EncoderParameters(3.0, 1, 2, List.of("Comedy", "Drama"), 1990, 8, 2, 2,
                7, EncoderParameters.FORMAT_VERSION);
        return EncoderState.of(parameters, List.of(
                new MovieEntry("1", 2, 8, 1995, new int[] {0}, List.of("funny"), new float[] {1, 0}),
                new MovieEntry("2", 1, 2, null, new int[] {0, 1}, List.of(), new float[] {0, 1}),
                new MovieEntry("3", 0, 0, 2000, new int[] {}, List.of("dark", "Funny "), null)));
    }

    private final EncoderState state = tinyState();
    private final FeatureEncoder encoder = new FeatureEncoder(state);
    private final UserProfile user = encoder.profile(List.of(new RatedMovie("1", 5), new RatedMovie("2", 2)));

    @Test
    void namesMatchTheLayout() {
        List<String> names = encoder.embeddingFeatureNames();
        assertEquals(List.of("user_count_log1p", "user_mean_damped", "user_std", "user_affinity_Comedy",
                "user_affinity_Drama", "movie_mean_damped", "movie_count_log1p", "movie_year", "movie_year_missing",
                "movie_has_vector", "movie_genre_Comedy", "movie_genre_Drama", "genre_affinity", "profile_cosine",
                "movie_projection_0", "movie_projection_1"), names);
        assertEquals(14 + 8, encoder.sparseFeatureNames().size());
        assertEquals("tag_hash_7", encoder.sparseFeatureNames().get(21));
    }

    @Test
    void handComputedFeaturesOfARatedUserAndAKnownMovie() {
        // user: count 2, sum 7, squares 29 -> damped mean (7 + 1*3)/(2 + 1) = 10/3, std sqrt(29/2 - 3.5^2) = 1.5
        // Comedy: (7 - 2*10/3)/(2 + 1) = 1/9; Drama: (2 - 10/3)/(1 + 1) = -2/3
        // profile vector: 5*(1,0) + 2*(0,1) - 10/3*(1,1) = (5/3, -4/3); cosine with (1,0) = 5/sqrt(41)
        // movie 1: (8 + 2*3)/(2 + 2) = 3.5, log1p(2)
        double[] f = encoder.embeddingFeatures(user, "1");
        double[][] p = FeatureEncoder.projection(state.parameters());
        double[] expected = {Math.log(3), 10.0 / 3, 1.5, 1.0 / 9, -2.0 / 3, 3.5, Math.log(3), 1995, 0, 1, 1, 0,
                1.0 / 9, 5 / Math.sqrt(41), p[0][0], p[1][0]};
        assertArrayEquals(expected, f, ROUNDING);
        assertEquals(1 / Math.sqrt(2), Math.abs(p[0][0]), EXACT);
    }

    @Test
    void leaveOneOutTakesTheRowOutOfUserAndMovie() {
        // without (2, 2): count 1, sum 5 -> damped mean (5 + 3)/2 = 4, std 0; Comedy (5 - 4)/2 = 0.5, Drama 0
        // profile (1,0)*5 - 4*(1,0) = (1,0); cosine with (0,1) = 0. Movie 2 without its only rating: mean 3, count 0;
        // no year -> 1990 and the missing flag; genre affinity mean(0.5, 0) = 0.25
        double[] f = encoder.embeddingFeaturesLeaveOneOut(user, "2", 2);
        double[][] p = FeatureEncoder.projection(state.parameters());
        double[] expected = {Math.log(2), 4, 0, 0.5, 0, 3, 0, 1990, 1, 1, 1, 1, 0.25, 0, p[0][1], p[1][1]};
        assertArrayEquals(expected, f, ROUNDING);
    }

    @Test
    void unseenMovieAndEmptyHistoryFallBackToTheGlobalMean() {
        double[] unseen = encoder.embeddingFeatures(user, "99");
        assertArrayEquals(new double[] {Math.log(3), 10.0 / 3, 1.5, 1.0 / 9, -2.0 / 3, 3, 0, 1990, 1, 0, 0, 0, 0, 0,
                0, 0}, unseen, ROUNDING);
        UserProfile nobody = UserProfile.empty(state);
        double[] cold = encoder.embeddingFeatures(nobody, "3");
        assertArrayEquals(new double[] {0, 3, 0, 0, 0, 3, 0, 2000, 0, 0, 0, 0, 0, 0, 0, 0}, cold, EXACT);
        assertThrows(IllegalArgumentException.class, () -> encoder.embeddingFeaturesLeaveOneOut(nobody, "1", 4));
        assertThrows(IllegalArgumentException.class,
                () -> encoder.embeddingFeaturesLeaveOneOut(encoder.profile(List.of(new RatedMovie("3", 4))), "3", 4));
    }

    @Test
    void sparseFeaturesShareTheCommonBlockAndHashTags() {
        SparseFeatures s = encoder.sparseFeatures(user, "1");
        double[] dense = s.toDense();
        double[] embedding = encoder.embeddingFeatures(user, "1");
        for (int i = 0; i < 14; i++) {
            assertEquals(embedding[i], dense[i], EXACT, encoder.sparseFeatureNames().get(i));
        }
        int bucket = 14 + FeatureEncoder.tagBucket("funny", 8);
        assertEquals(1, dense[bucket], EXACT);
        assertEquals(1, sum(dense, 14, 22), EXACT);
        for (int i = 1; i < s.indices().length; i++) {
            assertEquals(true, s.indices()[i] > s.indices()[i - 1]);
        }
        for (double v : s.values()) {
            assertEquals(true, v != 0);
        }
        // "dark" and "Funny " (normalised to "funny") on movie 3: the same bucket as movie 1's tag
        double[] three = encoder.sparseFeatures(user, "3").toDense();
        assertEquals(1, three[bucket], EXACT);
        assertEquals(1, three[14 + FeatureEncoder.tagBucket("dark", 8)], EXACT);
    }

    @Test
    void leaveOneOutEqualsRecomputingWithoutTheRow() {
        Random random = new Random(3);
        List<String> genres = List.of("A", "B", "C", "D");
        int dimension = 12;
        List<MovieEntry> movies = new ArrayList<>();
        List<List<RatedMovie>> histories = new ArrayList<>();
        for (int u = 0; u < 5; u++) {
            histories.add(new ArrayList<>());
        }
        double total = 0;
        int ratings = 0;
        for (int m = 0; m < 40; m++) {
            String id = "m" + m;
            long count = 0;
            double sum = 0;
            for (List<RatedMovie> history : histories) {
                if (random.nextInt(3) == 0) {
                    double rating = 0.5 * (1 + random.nextInt(10));
                    history.add(new RatedMovie(id, rating));
                    count++;
                    sum += rating;
                }
            }
            total += sum;
            ratings += count;
            int[] movieGenres = random.ints(0, 4).limit(random.nextInt(3)).sorted().distinct().toArray();
            float[] vector = m % 9 == 4 ? null : unit(random, dimension);
            movies.add(new MovieEntry(id, count, sum, m % 7 == 0 ? null : 1950 + m, movieGenres, List.of("t" + m % 3),
                    vector));
        }
        EncoderParameters parameters = new EncoderParameters(total / ratings, 5, 5, genres, 1970, 16, dimension, 4,
                42, EncoderParameters.FORMAT_VERSION);
        FeatureEncoder full = new FeatureEncoder(EncoderState.of(parameters, movies));
        int checked = 0;
        for (List<RatedMovie> history : histories) {
            UserProfile profile = full.profile(history);
            for (RatedMovie row : history) {
                List<RatedMovie> rest = new ArrayList<>(history);
                rest.remove(row);
                List<MovieEntry> others = new ArrayList<>();
                for (MovieEntry e : movies) {
                    others.add(!e.movieId().equals(row.movieId()) ? e : new MovieEntry(e.movieId(),
                            e.ratingCount() - 1, e.ratingSum() - row.rating(), e.year(), e.genreIndices(), e.tags(),
                            e.vector()));
                }
                FeatureEncoder without = new FeatureEncoder(EncoderState.of(parameters, others));
                UserProfile recomputed = without.profile(rest);
                double[] loo = full.embeddingFeaturesLeaveOneOut(profile, row.movieId(), row.rating());
                double[] expected = without.embeddingFeatures(recomputed, row.movieId());
                assertArrayEquals(expected, loo, ROUNDING);
                // counts, means and std are exact: half-star sums have no rounding
                for (int i = 0; i < 3; i++) {
                    assertEquals(expected[i], loo[i], EXACT);
                }
                assertArrayEquals(without.sparseFeatures(recomputed, row.movieId()).toDense(),
                        full.sparseFeaturesLeaveOneOut(profile, row.movieId(), row.rating()).toDense(), ROUNDING);
                checked++;
            }
        }
        assertEquals(ratings, checked);
    }

    @Test
    void deterministicWhateverTheHistoryOrder() {
        List<RatedMovie> history = new ArrayList<>(List.of(new RatedMovie("2", 2), new RatedMovie("1", 5),
                new RatedMovie("99", 4.5)));
        double[] first = encoder.embeddingFeatures(encoder.profile(history), "1");
        Collections.reverse(history);
        FeatureEncoder another = new FeatureEncoder(tinyState());
        double[] second = another.embeddingFeatures(another.profile(history), "1");
        assertArrayEquals(first, second, EXACT);
        assertEquals(encoder.sparseFeatures(encoder.profile(history), "3"),
                another.sparseFeatures(another.profile(history), "3"));
        assertThrows(IllegalArgumentException.class,
                () -> encoder.profile(List.of(new RatedMovie("1", 5), new RatedMovie("1", 4))));
    }

    private static float[] unit(Random random, int dimension) {
        float[] v = new float[dimension];
        double norm = 0;
        for (int d = 0; d < dimension; d++) {
            v[d] = (float) random.nextGaussian();
            norm += v[d] * v[d];
        }
        for (int d = 0; d < dimension; d++) {
            v[d] = (float) (v[d] / Math.sqrt(norm));
        }
        return v;
    }

    private static double sum(double[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return sum;
    }
}
