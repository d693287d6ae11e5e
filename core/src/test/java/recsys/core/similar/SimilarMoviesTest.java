package recsys.core.similar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import recsys.core.features.EncoderParameters;
import recsys.core.features.EncoderState;
import recsys.core.features.MovieEntry;
import recsys.core.topn.ItemNeighbours;
import recsys.core.topn.RerankWeights;
import recsys.core.topn.TopNModel;

/**
 * Similar movies against a brute force: the tables expanded into dense maps by hand, every definition of the class
 * comment computed from them and from the raw embeddings (not the catalogue's unit vectors), and a full sort in the
 * documented tie order.
 */
class SimilarMoviesTest {

    private static final int MOVIES = 60;
    private static final int DIMENSION = 5;
    private static final List<SimilarityBlend> BLENDS = List.of(new SimilarityBlend(0), new SimilarityBlend(0.3),
            SimilarityBlend.DEFAULT, new SimilarityBlend(1));

    private final Random random = new Random(11);
    private final EncoderState state = state();
    /** Rows for 40 of the movies and one movie the catalogue does not know; nothing for the rest. */
    private final ItemNeighbours table = table();
    private final ItemNeighbours likedTable = table();
    private final TopNModel.Prepared model = new TopNModel(state, table, null, null, RerankWeights.ITEM_ITEM_ONLY,
            10, likedTable).prepared();

    @Test
    void everySourceSignalAndBlendScoresLikeTheBruteForce() {
        for (CollaborativeSignal signal : CollaborativeSignal.values()) {
            SimilarMovies similar = new SimilarMovies(model, signal);
            for (String query : ids()) {
                double[] collaborative = similar.scores(query, SimilaritySource.COLLABORATIVE, SimilarityBlend.DEFAULT);
                assertScores(expectedCollaborative(query, signal), collaborative, signal + " " + query);
                assertScores(expectedContent(query), similar.scores(query, SimilaritySource.CONTENT,
                        SimilarityBlend.DEFAULT), "content " + query);
                for (SimilarityBlend blend : BLENDS) {
                    assertScores(expectedBlend(query, signal, blend),
                            similar.scores(query, SimilaritySource.BLEND, blend), signal + " " + blend + " " + query);
                }
            }
        }
    }

    @Test
    void topIsTheFullSortInTieOrderPagedAndFiltered() {
        SimilarMovies similar = new SimilarMovies(model);
        List<IntPredicate> predicates = List.of(i -> true, i -> i % 3 != 0, i -> false);
        for (int trial = 0; trial < 200; trial++) {
            double[] scores = new double[MOVIES];
            for (int i = 0; i < MOVIES; i++) {
                int kind = random.nextInt(10);
                // few distinct values, so ties on score are common and the count and id decide
                scores[i] = kind == 0 ? Double.NEGATIVE_INFINITY : kind == 1 ? Double.NaN : random.nextInt(4) * 0.25;
            }
            int skip = random.nextInt(8) == 0 ? MOVIES + 5 : random.nextInt(12);
            int k = random.nextInt(15);
            IntPredicate accepted = predicates.get(trial % predicates.size());
            assertEquals(bruteForceTop(scores, skip, k, accepted), similar.top(scores, skip, k, accepted),
                    "skip " + skip + " k " + k + " trial " + trial);
        }
    }

    @Test
    void tiesGoToMoreTrainingRatingsThenToTheLowerId() {
        // m001 and m002 share a count, m000's is higher: same score, so m000, then m001 before m002
        List<MovieEntry> movies = List.of(movie("m002", 5, new float[] {1, 0}), movie("m001", 5, new float[] {1, 0}),
                movie("m000", 9, new float[] {1, 0}), movie("m003", 50, new float[] {1, 0}));
        EncoderState small = EncoderState.of(parameters(2), movies);
        SimilarMovies similar = new SimilarMovies(new TopNModel(small, null, null, null,
                RerankWeights.CONTENT_ONLY, 10).prepared());
        double[] scores = {0.5, 0.5, 0.5, 0.4};

        assertEquals(List.of(new SimilarMovie("m000", 0.5), new SimilarMovie("m001", 0.5),
                new SimilarMovie("m002", 0.5), new SimilarMovie("m003", 0.4)), similar.top(scores, 0, 10, i -> true));
        assertEquals(List.of(new SimilarMovie("m002", 0.5)), similar.top(scores, 2, 1, i -> true), "the third");
        assertEquals(List.of(new SimilarMovie("m001", 0.5), new SimilarMovie("m003", 0.4)),
                similar.top(scores, 0, 10, i -> i % 2 == 1), "positions 1 and 3 only");
        assertEquals(List.of(), similar.top(scores, 4, 10, i -> true), "past the end");
    }

    @Test
    void aMovieWithoutCollaborativeSignalStillGetsContentNeighboursInTheBlend() {
        String query = ids().stream().filter(id -> !hasRow(table, id) && !hasIncoming(table, id)
                && state.movie(id).vector() != null).findFirst().orElseThrow();
        SimilarMovies similar = new SimilarMovies(model, CollaborativeSignal.SYMMETRIC);

        assertEquals(List.of(), similar.top(similar.scores(query, SimilaritySource.COLLABORATIVE,
                SimilarityBlend.DEFAULT), 0, 10, i -> true));
        List<SimilarMovie> content = similar.top(similar.scores(query, SimilaritySource.CONTENT,
                SimilarityBlend.DEFAULT), 0, 10, i -> true);
        assertEquals(10, content.size());
        for (SimilarityBlend blend : BLENDS) {
            assertEquals(ids(content), ids(similar.top(similar.scores(query, SimilaritySource.BLEND, blend), 0, 10,
                    i -> true)), "all-collaborative weight or not, the content part alone " + blend);
        }
    }

    @Test
    void theBlendsEndsOrderLikeTheirPartsWhenTheQueryHasBoth() {
        SimilarMovies similar = new SimilarMovies(model, CollaborativeSignal.ROW);
        int checked = 0;
        for (String query : ids()) {
            if (!hasRow(table, query) || state.movie(query).vector() == null) {
                continue;
            }
            checked++;
            assertEquals(ids(similar.top(similar.scores(query, SimilaritySource.COLLABORATIVE,
                    SimilarityBlend.DEFAULT), 0, 20, i -> true)), ids(similar.top(similar.scores(query,
                    SimilaritySource.BLEND, new SimilarityBlend(1)), 0, 20, i -> true)), query);
            assertEquals(ids(similar.top(similar.scores(query, SimilaritySource.CONTENT, SimilarityBlend.DEFAULT), 0,
                    20, i -> true)), ids(similar.top(similar.scores(query, SimilaritySource.BLEND,
                    new SimilarityBlend(0)), 0, 20, i -> true)), query);
        }
        assertTrue(checked > 10, "the fixture has queries with both parts");
    }

    @Test
    void aNewMoviesContentScoresAreItsCosines() {
        SimilarMovies similar = new SimilarMovies(model);
        String known = ids().stream().filter(id -> state.movie(id).vector() != null).findFirst().orElseThrow();
        double[] expected = expectedContent(known);
        double[] scores = similar.contentScores(state.movie(known).vector());
        int q = model.catalogue().indexOf(known);
        assertEquals(1.0, scores[q], 1e-6, "a movie's own vector is not excluded: the new movie is not it");
        expected[q] = scores[q];
        assertScores(expected, scores, "by vector");

        double[] none = similar.contentScores(new float[DIMENSION]);
        assertTrue(IntStream.range(0, MOVIES).allMatch(i -> none[i] == Double.NEGATIVE_INFINITY), "zero vector");
    }

    @Test
    void withoutALikedTableTheLikedSignalsFallBackToTheAllRatingsTable() {
        TopNModel.Prepared old = new TopNModel(state, table, null, null, RerankWeights.ITEM_ITEM_ONLY, 10)
                .prepared();
        for (String query : ids()) {
            assertScores(new SimilarMovies(old, CollaborativeSignal.ROW).scores(query,
                    SimilaritySource.COLLABORATIVE, SimilarityBlend.DEFAULT), new SimilarMovies(old,
                    CollaborativeSignal.LIKED).scores(query, SimilaritySource.COLLABORATIVE,
                    SimilarityBlend.DEFAULT), query);
            assertScores(new SimilarMovies(old, CollaborativeSignal.SYMMETRIC).scores(query,
                    SimilaritySource.BLEND, SimilarityBlend.DEFAULT), new SimilarMovies(old,
                    CollaborativeSignal.LIKED_SYMMETRIC).scores(query, SimilaritySource.BLEND,
                    SimilarityBlend.DEFAULT), query);
        }
    }

    @Test
    void rejectsUnknownMoviesBadVectorsAndBadPages() {
        SimilarMovies similar = new SimilarMovies(model);
        assertThrows(IllegalArgumentException.class,
                () -> similar.scores("x999", SimilaritySource.CONTENT, SimilarityBlend.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> similar.contentScores(new float[DIMENSION + 1]));
        assertThrows(IllegalArgumentException.class, () -> similar.top(new double[MOVIES], -1, 10, i -> true));
        assertThrows(IllegalArgumentException.class, () -> similar.top(new double[MOVIES], 0, -1, i -> true));
        assertThrows(IllegalArgumentException.class, () -> similar.top(new double[MOVIES - 1], 0, 10, i -> true));
    }

    // ---- the brute force

    private double[] expectedCollaborative(String query, CollaborativeSignal signal) {
        double[] raw = rawCollaborative(query, signal);
        double[] expected = new double[MOVIES];
        for (int j = 0; j < MOVIES; j++) {
            expected[j] = raw[j] > 0 && j != position(query) ? raw[j] : Double.NEGATIVE_INFINITY;
        }
        return expected;
    }

    private double[] rawCollaborative(String query, CollaborativeSignal signal) {
        Map<String, Map<String, Double>> w = dense(table);
        Map<String, Map<String, Double>> l = dense(likedTable);
        double[] raw = new double[MOVIES];
        List<String> ids = ids();
        for (int j = 0; j < MOVIES; j++) {
            String other = ids.get(j);
            raw[j] = switch (signal) {
                case ROW -> weight(w, query, other);
                case SYMMETRIC -> weight(w, query, other) + weight(w, other, query);
                case LIKED -> weight(l, query, other);
                case LIKED_SYMMETRIC -> weight(l, query, other) + weight(l, other, query);
                case ROW_AND_LIKED -> 0;
            };
        }
        if (signal == CollaborativeSignal.ROW_AND_LIKED) {
            double rowMax = 0;
            double likedMax = 0;
            for (String other : ids) {
                if (!other.equals(query)) {
                    rowMax = Math.max(rowMax, weight(w, query, other));
                    likedMax = Math.max(likedMax, weight(l, query, other));
                }
            }
            for (int j = 0; j < MOVIES; j++) {
                String other = ids.get(j);
                raw[j] = (rowMax > 0 ? weight(w, query, other) / rowMax : 0)
                        + (likedMax > 0 ? weight(l, query, other) / likedMax : 0);
            }
        }
        return raw;
    }

    private double[] expectedContent(String query) {
        double[] expected = new double[MOVIES];
        float[] own = state.movie(query).vector();
        List<String> ids = ids();
        for (int j = 0; j < MOVIES; j++) {
            float[] other = state.movie(ids.get(j)).vector();
            expected[j] = own == null || other == null || j == position(query) ? Double.NEGATIVE_INFINITY
                    : cosine(own, other);
        }
        return expected;
    }

    private double[] expectedBlend(String query, CollaborativeSignal signal, SimilarityBlend blend) {
        double[] collaborative = rawCollaborative(query, signal);
        double[] content = expectedContent(query);
        int q = position(query);
        double collaborativeMax = Double.NEGATIVE_INFINITY;
        double contentMax = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < MOVIES; j++) {
            if (j != q) {
                collaborativeMax = Math.max(collaborativeMax, collaborative[j]);
                contentMax = Math.max(contentMax, content[j]);
            }
        }
        boolean hasCollaborative = collaborativeMax > 0;
        boolean hasContent = contentMax > 0;
        double wc = hasCollaborative && hasContent ? blend.collaborative() : hasCollaborative ? 1 : 0;
        double wt = hasCollaborative && hasContent ? 1 - blend.collaborative() : hasContent ? 1 : 0;
        double[] expected = new double[MOVIES];
        for (int j = 0; j < MOVIES; j++) {
            boolean collaborativeEvidence = wc > 0 && collaborative[j] > 0;
            boolean contentEvidence = wt > 0 && content[j] != Double.NEGATIVE_INFINITY;
            if (j == q || !(collaborativeEvidence || contentEvidence)) {
                expected[j] = Double.NEGATIVE_INFINITY;
            } else {
                expected[j] = (hasCollaborative ? wc * collaborative[j] / collaborativeMax : 0)
                        + (contentEvidence ? wt * content[j] / contentMax : 0);
            }
        }
        return expected;
    }

    private List<SimilarMovie> bruteForceTop(double[] scores, int skip, int k, IntPredicate accepted) {
        List<String> ids = ids();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < MOVIES; i++) {
            if (scores[i] > Double.NEGATIVE_INFINITY && accepted.test(i)) {
                positions.add(i);
            }
        }
        positions.sort(Comparator.<Integer>comparingDouble(i -> -scores[i])
                .thenComparingLong(i -> -state.movie(ids.get(i)).ratingCount())
                .thenComparing(ids::get));
        List<SimilarMovie> top = new ArrayList<>();
        for (int r = skip; r < Math.min(positions.size(), skip + k); r++) {
            top.add(new SimilarMovie(ids.get(positions.get(r)), scores[positions.get(r)]));
        }
        return top;
    }

    private static Map<String, Map<String, Double>> dense(ItemNeighbours table) {
        Map<String, Map<String, Double>> w = new HashMap<>();
        for (int r = 0; r < table.size(); r++) {
            int[] row = table.neighbours(r);
            float[] weights = table.weights(r);
            for (int e = 0; e < row.length; e++) {
                w.computeIfAbsent(table.ids().get(r), x -> new HashMap<>()).put(table.ids().get(row[e]),
                        (double) weights[e]);
            }
        }
        return w;
    }

    private static double weight(Map<String, Map<String, Double>> w, String from, String to) {
        return w.getOrDefault(from, Map.of()).getOrDefault(to, 0.0);
    }

    private static boolean hasRow(ItemNeighbours table, String id) {
        int row = table.indexOf(id);
        return row >= 0 && table.neighbours(row).length > 0;
    }

    private static boolean hasIncoming(ItemNeighbours table, String id) {
        int target = table.indexOf(id);
        return target >= 0 && IntStream.range(0, table.size())
                .anyMatch(r -> IntStream.of(table.neighbours(r)).anyMatch(c -> c == target));
    }

    private static void assertScores(double[] expected, double[] actual, String message) {
        assertEquals(expected.length, actual.length, message);
        for (int j = 0; j < expected.length; j++) {
            if (expected[j] == Double.NEGATIVE_INFINITY) {
                assertEquals(Double.NEGATIVE_INFINITY, actual[j], message + " at " + j);
            } else {
                assertEquals(expected[j], actual[j], 1e-5 * Math.max(1, Math.abs(expected[j])), message + " at " + j);
            }
        }
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int d = 0; d < a.length; d++) {
            dot += (double) a[d] * b[d];
            na += (double) a[d] * a[d];
            nb += (double) b[d] * b[d];
        }
        return dot / Math.sqrt(na * nb);
    }

    private static List<String> ids(List<SimilarMovie> movies) {
        return movies.stream().map(SimilarMovie::movieId).toList();
    }

    private List<String> ids() {
        return model.catalogue().ids();
    }

    private int position(String id) {
        return model.catalogue().indexOf(id);
    }

    private static EncoderParameters parameters(int dimension) {
        return new EncoderParameters(3.5, 5, 5, List.of("Drama"), 2000, 8, dimension, Math.min(2, dimension), 42,
                EncoderParameters.FORMAT_VERSION);
    }

    private static MovieEntry movie(String id, long count, float[] vector) {
        return new MovieEntry(id, count, 3.5 * count, 2000, new int[0], List.of(), vector);
    }

    /** Movies with few distinct counts (ties) and every seventh without an embedding; vectors not unit length. */
    private EncoderState state() {
        List<MovieEntry> movies = new ArrayList<>();
        for (int i = 0; i < MOVIES; i++) {
            float[] vector = null;
            if (i % 7 != 2) {
                vector = new float[DIMENSION];
                for (int d = 0; d < DIMENSION; d++) {
                    vector[d] = (float) (random.nextGaussian() * (1 + i % 3));
                }
            }
            movies.add(movie(String.format("m%03d", i), random.nextInt(4) * 10L, vector));
        }
        return EncoderState.of(parameters(DIMENSION), movies);
    }

    /** 40 catalogue movies and one unknown to it; up to 6 positive weights per row, some rows empty. */
    private ItemNeighbours table() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(String.format("m%03d", (i * 7) % MOVIES));
        }
        ids.add("x999");
        int n = ids.size();
        int[][] rows = new int[n][];
        float[][] weights = new float[n][];
        for (int r = 0; r < n; r++) {
            int m = r % 9 == 4 ? 0 : 1 + random.nextInt(6);
            List<Integer> chosen = new ArrayList<>();
            while (chosen.size() < m) {
                int c = random.nextInt(n);
                if (c != r && !chosen.contains(c)) {
                    chosen.add(c);
                }
            }
            rows[r] = chosen.stream().mapToInt(Integer::intValue).toArray();
            weights[r] = new float[m];
            for (int e = 0; e < m; e++) {
                weights[r][e] = (float) (0.01 + random.nextDouble());
            }
        }
        return ItemNeighbours.of(ids, rows, weights);
    }
}
