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
import recsys.core.filter.GenreMode;
import recsys.core.filter.MovieFilter;
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
            RerankWeights.LIKED_ONLY,
            new RerankWeights(1, 0.5, 0.2, 0.1, 0.1), new RerankWeights(0.2, 1, 0, 0.3, 0.5),
            new RerankWeights(1, 0.5, 0.1, 0.05, 0.2, 1.5), new RerankWeights(1, 0.5, 0.1, 0, 0.2, 1, 1, 1),
            new RerankWeights(0, 0, 0, 0, 0, 0, 1, 0.5));
    private static final int SINGLES = 5;

    private final Random random = new Random(7);
    private final TopNFixture fixture = new TopNFixture(random);
    private final EncoderState state = state();
    private final ItemNeighbours table = table();
    private final ItemNeighbours likedTable = table();
    /** The brute force's last raw features by movie (item-item, ALS, content, popularity, rating, liked). */
    private Map<String, double[]> lastRaw;
    /** The brute force's last re-ranker scores by unrated movie. */
    private Map<String, Double> lastScore;
    private final ItemFactors factors = factors();
    private final TreeRatingModel ratingModel = ratingModel();

    @Test
    void theWholeCatalogueAsPoolGivesTheBruteForceTopK() {
        for (RerankWeights weights : WEIGHTINGS) {
            TopNModel model = new TopNModel(state, table, factors, ratingModel, weights, MOVIES, likedTable);
            for (int user = 0; user < 40; user++) {
                List<RatedMovie> ratings = randomRatings(1 + random.nextInt(15));
                assertEquals(bruteForce(ratings, weights, withEvidence(ratings), 10), model.top(ratings, 10),
                        "user " + user + " " + weights + " " + ratings);
            }
        }
    }

    @Test
    void aPreparedModelSharingTheCallersEncoderRanksAsTheBruteForce() {
        FeatureEncoder shared = new FeatureEncoder(state);
        for (RerankWeights weights : WEIGHTINGS) {
            TopNModel.Prepared model = new TopNModel(state, table, factors, ratingModel, weights, MOVIES, likedTable)
                    .prepared(shared);
            for (int user = 0; user < 10; user++) {
                List<RatedMovie> ratings = randomRatings(1 + random.nextInt(15));
                assertEquals(bruteForce(ratings, weights, withEvidence(ratings), 10), model.top(ratings, 10),
                        "user " + user + " " + weights + " " + ratings);
            }
        }
    }

    @Test
    void aSingleSourceIsExactWithASmallPool() {
        for (RerankWeights weights : WEIGHTINGS.subList(0, SINGLES)) {
            TopNModel model = new TopNModel(state, table, factors, ratingModel, weights, 12, likedTable);
            for (int user = 0; user < 40; user++) {
                List<RatedMovie> ratings = randomRatings(1 + random.nextInt(15));
                if (weights == RerankWeights.LIKED_ONLY && ratings.stream().noneMatch(r -> r.rating() >= 4)) {
                    continue; // no liked signal: every score is 0 and the list is whatever the other sources found
                }
                // a single source's own pool: its best 12 with evidence, which its top 10 come from
                // (when it has fewer than 10, the rest of the list is other sources' movies it scores 0)
                Set<String> own = new HashSet<>(nominated(ratings, WEIGHTINGS.indexOf(weights), 12));
                List<String> expected = bruteForce(ratings, weights, own, 10);
                assertEquals(expected, model.top(ratings, 10).subList(0, expected.size()), weights.toString());
                assertEquals(bruteForce(ratings, weights, withEvidence(ratings), 10), model.top(ratings, 10),
                        weights.toString());
            }
        }
    }

    @Test
    void aBlendRanksTheUnionOfEachSourcesBest() {
        RerankWeights blend = WEIGHTINGS.get(8);
        int pool = 15;
        TopNModel model = new TopNModel(state, table, factors, ratingModel, blend, pool, likedTable);
        for (int user = 0; user < 40; user++) {
            List<RatedMovie> ratings = randomRatings(1 + random.nextInt(15));
            Set<String> union = new HashSet<>();
            for (int s = 0; s < SINGLES; s++) {
                union.addAll(nominated(ratings, s, pool));
            }
            assertEquals(bruteForce(ratings, blend, union, 10), model.top(ratings, 10));
        }
    }

    /** Without content nominating, the pool is the other sources' best, and content still scores when weighted. */
    @Test
    void withoutContentNominatingThePoolIsTheOtherSourcesBest() {
        int pool = 15;
        for (RerankWeights blend : List.of(new RerankWeights(1, 0.5, 0, 0.05, 0.2, 1, 1, 1), WEIGHTINGS.get(8))) {
            TopNModel model = new TopNModel(state, table, factors, ratingModel, blend, pool, likedTable, false);
            for (int user = 0; user < 40; user++) {
                List<RatedMovie> ratings = randomRatings(1 + random.nextInt(15));
                Set<String> union = new HashSet<>();
                for (int s = 0; s < SINGLES; s++) {
                    if (WEIGHTINGS.get(s) != RerankWeights.CONTENT_ONLY) {
                        union.addAll(nominated(ratings, s, pool));
                    }
                }
                assertEquals(bruteForce(ratings, blend, union, 10), model.top(ratings, 10), blend.toString());
            }
        }
    }

    @Test
    void ratedAndExcludedMoviesAreNeverReturned() {
        TopNModel model = new TopNModel(state, table, factors, ratingModel, WEIGHTINGS.get(8), MOVIES, likedTable);
        List<RatedMovie> ratings = randomRatings(10);
        Set<String> rated = new HashSet<>();
        ratings.forEach(r -> rated.add(r.movieId()));
        List<String> top = model.prepared().candidates(ratings, Set.of("m005", "m006"), Map.of(), true)
                .top(model.weights(), MOVIES);
        Set<String> expected = new HashSet<>(withEvidence(ratings));
        expected.removeAll(Set.of("m005", "m006"));
        assertEquals(expected, Set.copyOf(top), "every unrated, unexcluded movie some source scores above 0");
        assertTrue(top.stream().noneMatch(id -> rated.contains(id) || id.equals("m005") || id.equals("m006")));
    }

    /** A movie added after training has only its content feature and is scored by it alone. */
    @Test
    void aNewMovieWithTheProfilesDirectionRanksFirst() {
        TopNModel model = new TopNModel(state, table, factors, ratingModel, WEIGHTINGS.get(8), 50, likedTable);
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
        TopNModel model = new TopNModel(state, table, factors, ratingModel, WEIGHTINGS.get(8), 20, likedTable);
        List<RatedMovie> ratings = randomRatings(12);
        List<RatedMovie> reversed = new ArrayList<>(ratings);
        java.util.Collections.reverse(reversed);
        assertEquals(model.top(ratings, 20), model.top(reversed, 20));
    }

    /**
     * The list the service ranks, which predicts ratings only for candidates that can still reach the top k, is
     * the list of the whole pool with every prediction, for any k, filter, exclusion and new movies.
     */
    @Test
    void theTopWithPredictionsOnlyWhereNeededIsTheTopOfTheFullyScoredPool() {
        MovieFilter filter = new MovieFilter(Set.of("Drama"), GenreMode.ANY, Set.of(), 1995, 2004, Set.of("m010"));
        for (RerankWeights weights : WEIGHTINGS) {
            TopNModel.Prepared model = new TopNModel(state, table, factors, ratingModel, weights, 30, likedTable)
                    .prepared();
            for (int user = 0; user < 30; user++) {
                List<RatedMovie> ratings = randomRatings(1 + random.nextInt(15));
                int k = 1 + random.nextInt(40);
                float[] vector = new float[DIMENSION];
                for (int d = 0; d < DIMENSION; d++) {
                    vector[d] = random.nextFloat() - 0.5f;
                }
                Map<String, float[]> newMovies = Map.of("new-1", vector);
                for (MovieFilter f : List.of(MovieFilter.NONE, filter)) {
                    assertEquals(model.candidates(ratings, Set.of("m007"), f, () -> newMovies, weights.usesRating())
                                    .top(weights, k), model.top(ratings, Set.of("m007"), f, () -> newMovies, k),
                            weights + " k=" + k + " " + f + " " + ratings);
                }
            }
        }
    }

    /** A filtered list is the brute-force ranking restricted to the filter, still full-length. */
    @Test
    void aFilterIsAppliedBeforeTheCut() {
        MovieFilter filter = new MovieFilter(Set.of("Drama"), GenreMode.ANY, Set.of(), 1995, 2004, Set.of("m010"));
        for (RerankWeights weights : WEIGHTINGS) {
            TopNModel model = new TopNModel(state, table, factors, ratingModel, weights, MOVIES, likedTable);
            for (int user = 0; user < 20; user++) {
                List<RatedMovie> ratings = randomRatings(1 + random.nextInt(15));
                Set<String> allowed = new HashSet<>(withEvidence(ratings));
                // by the fixture's construction: movie i has Drama unless i % 3 == 0, and year 1990 + i % 20
                allowed.removeIf(id -> {
                    int i = Integer.parseInt(id.substring(1));
                    int year = 1990 + i % 20;
                    return i % 3 == 0 || year < 1995 || year > 2004 || id.equals("m010");
                });
                List<String> top = model.prepared().candidates(ratings, Set.of(), filter, Map::of, true)
                        .top(weights, 10);
                assertEquals(bruteForce(ratings, weights, allowed, 10), top, weights + " " + ratings);
            }
        }
    }

    /**
     * One prepared model keeps the refused positions of the filters it has seen: the same metadata with other
     * excluded ids, and more distinct filters than it keeps, still give the brute force's list every time.
     */
    @Test
    void aPreparedModelRanksEveryFilterAsTheBruteForceWhateverItKept() {
        RerankWeights weights = new RerankWeights(1, 0.5, 0.1, 0.05, 0.2, 1.5);
        TopNModel.Prepared prepared = new TopNModel(state, table, factors, ratingModel, weights, MOVIES, likedTable)
                .prepared();
        List<RatedMovie> ratings = randomRatings(12);
        MovieFilter dramas = new MovieFilter(Set.of("Drama"), GenreMode.ANY, Set.of(), 1995, 2004, Set.of());
        // excluding the movies a kept array would otherwise have listed first, so a kept array an exclusion wrote
        // into would change the next list
        List<String> first = new TopNModel(state, table, factors, ratingModel, weights, MOVIES, likedTable).prepared()
                .candidates(ratings, Set.of(), dramas, Map::of, true).top(weights, 2);
        List<MovieFilter> filters = new ArrayList<>();
        for (String excluded : List.of("", first.get(0), first.get(1), "")) {
            filters.add(new MovieFilter(Set.of("Drama"), GenreMode.ANY, Set.of(), 1995, 2004,
                    excluded.isEmpty() ? Set.of() : Set.of(excluded)));
        }
        for (int from = 1990; from < 1990 + MetadataRefusals.MAX_FILTERS + 6; from++) {
            filters.add(new MovieFilter(Set.of("Drama"), GenreMode.ANY, Set.of(), from % 20 + 1990, null, Set.of()));
        }
        filters.add(filters.get(1));
        filters.add(filters.get(0));
        for (MovieFilter filter : filters) {
            Set<String> allowed = new HashSet<>(withEvidence(ratings));
            // by the fixture's construction: movie i has Drama unless i % 3 == 0, and year 1990 + i % 20
            allowed.removeIf(id -> {
                int i = Integer.parseInt(id.substring(1));
                int year = 1990 + i % 20;
                return i % 3 == 0 || year < filter.yearFrom() || (filter.yearTo() != null && year > filter.yearTo())
                        || filter.excludedIds().contains(id);
            });
            List<String> top = prepared.candidates(ratings, Set.of(), filter, Map::of, true).top(weights, 10);
            assertEquals(bruteForce(ratings, weights, allowed, 10), top, filter.toString());
        }
    }

    /**
     * The named rated movies are, among the five largest shares of the item-item terms (computed by hand), those
     * whose removal lowers the movie's brute-force score, the largest drop first.
     */
    @Test
    void explanationsNameTheSharesWhoseRemovalLowersTheScore() {
        RerankWeights weights = new RerankWeights(1, 0.5, 0.3, 0, 0, 0, 2, 0);
        TopNModel model = new TopNModel(state, table, factors, ratingModel, weights, MOVIES, likedTable);
        int explained = 0;
        int refuted = 0;
        for (int user = 0; user < 30; user++) {
            List<RatedMovie> ratings = randomRatings(3 + random.nextInt(12));
            List<String> top = model.top(ratings, 10);
            Map<String, Explanation> explanations = model.prepared().explain(ratings, top, 3);
            bruteForce(ratings, weights, null, MOVIES);
            Map<String, Double> scores = lastScore;
            double maxItemItem = lastRaw.values().stream().mapToDouble(f -> f[0]).max().orElseThrow();
            double maxLiked = lastRaw.values().stream().mapToDouble(f -> f[5]).max().orElseThrow();
            for (String movie : top) {
                Map<String, Double> shares = new HashMap<>();
                for (RatedMovie r : ratings) {
                    double share = (maxItemItem > 0 ? weights.itemItem() * weight(table, r.movieId(), movie)
                            / maxItemItem : 0) + (r.rating() >= 4 && maxLiked > 0
                            ? weights.liked() * weight(likedTable, r.movieId(), movie) / maxLiked : 0);
                    if (share > 0) {
                        shares.put(r.movieId(), share);
                    }
                }
                Map<String, Double> withoutScore = new HashMap<>();
                List<String> expected = shares.entrySet().stream()
                        .sorted(Map.Entry.<String, Double>comparingByValue().reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                        .limit(5).map(Map.Entry::getKey)
                        .filter(named -> {
                            bruteForce(ratings.stream().filter(r -> !r.movieId().equals(named)).toList(), weights,
                                    null, MOVIES);
                            withoutScore.put(named, lastScore.get(movie));
                            return lastScore.get(movie) < scores.get(movie);
                        })
                        .sorted(Comparator.comparingDouble((String named) -> withoutScore.get(named))
                                .thenComparing(named -> named))
                        .limit(3).toList();
                refuted += Math.min(3, shares.size()) - expected.size();
                Explanation explanation = explanations.get(movie);
                assertEquals(expected, explanation.becauseYouRated(), movie + " " + ratings);
                assertFalse(explanation.popular());
                for (String named : explanation.becauseYouRated()) {
                    // without the named rating, the movie's item-item evidence is lower
                    List<RatedMovie> without = ratings.stream().filter(r -> !r.movieId().equals(named)).toList();
                    assertTrue(evidence(without, movie) < evidence(ratings, movie), named + " -> " + movie);
                    explained++;
                }
            }
        }
        assertTrue(explained > 50, "only " + explained + " named ratings: the fixture explains too little");
        System.out.println("explanations: " + explained + " named, " + refuted + " share leaders refuted by the score");
    }

    /** Genres are named only where the user rates above their mean, and only when content counts. */
    @Test
    void genreReasonsFollowTheUsersAffinity() {
        TopNModel withContent = new TopNModel(state, table, factors, ratingModel, RerankWeights.CONTENT_ONLY,
                MOVIES, likedTable);
        TopNModel withoutContent = new TopNModel(state, table, factors, ratingModel, RerankWeights.ITEM_ITEM_ONLY,
                MOVIES, likedTable);
        int named = 0;
        for (int user = 0; user < 30; user++) {
            List<RatedMovie> ratings = randomRatings(3 + random.nextInt(12));
            UserProfile profile = UserProfile.of(state, ratings);
            List<String> top = withContent.top(ratings, 10);
            Map<String, Explanation> explanations = withContent.prepared().explain(ratings, top, 3);
            for (String movie : top) {
                for (String genre : explanations.get(movie).genreAffinity()) {
                    int g = state.parameters().genres().indexOf(genre);
                    assertTrue(profile.genreAffinity(g) > 0, genre);
                    assertTrue(java.util.Arrays.stream(state.movie(movie).genreIndices()).anyMatch(x -> x == g));
                    named++;
                }
            }
            withoutContent.prepared().explain(ratings, top, 3).values()
                    .forEach(e -> assertTrue(e.genreAffinity().isEmpty()));
        }
        assertTrue(named > 0, "no genre was ever named");
    }

    private static double weight(ItemNeighbours table, String from, String to) {
        int row = table.indexOf(from);
        if (row < 0) {
            return 0;
        }
        int[] neighbours = table.neighbours(row);
        float[] w = table.weights(row);
        for (int e = 0; e < neighbours.length; e++) {
            if (table.ids().get(neighbours[e]).equals(to)) {
                return w[e];
            }
        }
        return 0;
    }

    /** The raw item-item plus liked sums of a movie: what the explanation attributes. */
    private double evidence(List<RatedMovie> ratings, String movie) {
        return rowSums(table, ratings).getOrDefault(movie, 0.0)
                + rowSums(likedTable, ratings.stream().filter(r -> r.rating() >= 4).toList()).getOrDefault(movie, 0.0);
    }

    // ---- the brute force ----

    /** A source's pool: its best {@code pool} unrated movies among those it scores above 0. */
    private List<String> nominated(List<RatedMovie> ratings, int single, int pool) {
        int feature = new int[] {0, 1, 2, 3, 5}[single];
        return bruteForce(ratings, WEIGHTINGS.get(single), null, MOVIES).stream()
                .filter(id -> lastRaw.get(id)[feature] > 0).limit(pool).toList();
    }

    /** Unrated movies that some source scores above 0: the pool when every source nominates all it can. */
    private Set<String> withEvidence(List<RatedMovie> ratings) {
        bruteForce(ratings, WEIGHTINGS.get(0), null, MOVIES);
        Set<String> ids = new HashSet<>();
        lastRaw.forEach((id, f) -> {
            if (f[0] > 0 || f[1] > 0 || f[2] > 0 || f[3] > 0 || f[5] > 0) {
                ids.add(id);
            }
        });
        return ids;
    }

    private static Map<String, Double> rowSums(ItemNeighbours table, List<RatedMovie> ratings) {
        Map<String, Double> sums = new HashMap<>();
        for (RatedMovie r : ratings) {
            int row = table.indexOf(r.movieId());
            if (row < 0) {
                continue;
            }
            int[] neighbours = table.neighbours(row);
            float[] w = table.weights(row);
            for (int e = 0; e < neighbours.length; e++) {
                sums.merge(table.ids().get(neighbours[e]), (double) w[e], Double::sum);
            }
        }
        return sums;
    }

    private List<String> bruteForce(List<RatedMovie> ratings, RerankWeights weights, Set<String> restrictTo, int k) {
        Set<String> rated = new HashSet<>();
        ratings.forEach(r -> rated.add(r.movieId()));
        List<String> ids = new ArrayList<>(state.movies().keySet());
        ids.sort(null);
        Map<String, Double> itemItem = rowSums(table, ratings);
        // the liked table sums the rows of the movies rated 4 or more only
        Map<String, Double> likedScores = rowSums(likedTable, ratings.stream().filter(r -> r.rating() >= 4).toList());
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
        // maxima of the four user-relative features: item-item, ALS, content, liked
        double[] max = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.NEGATIVE_INFINITY};
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
                    Math.max(0, Math.min(1, (ratingModel.predict(encoder, profile, bias, id) - 0.5) / 4.5)),
                    likedScores.getOrDefault(id, 0.0)};
            for (int j = 0; j < 3; j++) {
                max[j] = Math.max(max[j], f[j]);
            }
            max[3] = Math.max(max[3], f[5]);
            raw.put(id, f);
        }
        lastRaw = raw;
        Map<String, Double> score = new HashMap<>();
        double[] w = weights.toArray();
        raw.forEach((id, f) -> {
            double sum = 0;
            double total = 0;
            double[] value = new double[8];
            for (int j = 0; j < 5; j++) {
                value[j] = j < 3 ? (max[j] > 0 ? f[j] / max[j] : 0) : f[j];
            }
            value[5] = value[0] * value[4];
            value[6] = max[3] > 0 ? f[5] / max[3] : 0;
            value[7] = 1 - value[3];
            for (int j = 0; j < 8; j++) {
                sum += w[j] * value[j];
                total += w[j];
            }
            score.put(id, sum / total);
        });
        lastScore = score;
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
        return fixture.ratings(state, n);
    }

    private String firstWithVector() {
        return state.movies().keySet().stream().sorted().filter(id -> state.movie(id).vector() != null).findFirst()
                .orElseThrow();
    }

    private EncoderState state() {
        return fixture.state(MOVIES, DIMENSION, 0);
    }

    private ItemNeighbours table() {
        return fixture.table(100, 8);
    }

    private ItemFactors factors() {
        return fixture.factors(state);
    }

    private TreeRatingModel ratingModel() {
        return TreeRatingModel.forest(TopNFixture.oneTree(state), false);
    }
}
