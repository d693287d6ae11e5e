package recsys.core.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import recsys.testing.JavaSerialization;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RankerTest {

    /** Max count 99, so popularity = ln(1 + count) / ln(100): 1 for count 99, 0.5 for count 9, 0 for count 0. */
    private static final long MAX_COUNT = 99;

    // Stars map to [0, 1] by (x - 0.5) / 4.5; in brackets: rating part, popularity part, mean part.
    /** Blockbuster, liked: (0.6, 1, 0.7333). */
    private static final Candidate BLOCKBUSTER = new Candidate("1", 3.2, 99, 3.8, List.of("Action"));
    /** Never rated in train, top prediction: (1, 0, 0.6667). */
    private static final Candidate OBSCURE = new Candidate("2", 5.0, 0, 3.5, List.of("Drama"));
    /** (0.8, 0.5, 0.8). */
    private static final Candidate GOOD = new Candidate("3", 4.1, 9, 4.1, List.of("Comedy", "Drama"));
    /** (0.4, 0.5, 0.5). */
    private static final Candidate WEAK = new Candidate("4", 2.3, 9, 2.75, List.of("Comedy"));
    /** Widely seen, disliked: (0.3333, 1, 0.2). */
    private static final Candidate DISLIKED = new Candidate("5", 2.0, 99, 1.4, List.of("Action", "Comedy"));

    private static final List<Candidate> CATALOGUE = List.of(BLOCKBUSTER, OBSCURE, GOOD, WEAK, DISLIKED);

    private static List<String> top(RankingBlend blend, Set<String> excluded, int k) {
        return new Ranker(blend, MAX_COUNT).top(CATALOGUE, excluded, k);
    }

    @Test
    void predictedRatingPutsTheHighestPredictionFirstEvenIfObscure() {
        // 1.0, 0.8, 0.6, 0.4, 0.333
        assertEquals(List.of("2", "3", "1", "4", "5"), top(RankingBlend.PREDICTED_RATING, Set.of(), 10));
    }

    @Test
    void popularityByCountPutsTheMostRatedFirst() {
        // 1 and 5 both count 99, 3 and 4 both count 9: equal scores and counts, so id ascending
        assertEquals(List.of("1", "5", "3", "4", "2"), top(RankingBlend.POPULARITY_BY_COUNT, Set.of(), 10));
    }

    @Test
    void popularityWeighsDampedMeanWithCount() {
        // (1 + 0.7333)/2 = 0.8667, (0.5 + 0.8)/2 = 0.65, (1 + 0.2)/2 = 0.6, (0.5 + 0.5)/2 = 0.5, (0 + 0.6667)/2
        assertEquals(List.of("1", "3", "5", "4", "2"), top(RankingBlend.POPULARITY, Set.of(), 10));
    }

    @Test
    void defaultBlendDemotesTheObscureMovie() {
        // 0.7 rating + 0.3 popularity: 0.72, 0.71, 0.70, 0.5333, 0.43
        assertEquals(List.of("1", "3", "2", "5", "4"), top(RankingBlend.DEFAULT, Set.of(), 10));
        Ranker ranker = new Ranker(RankingBlend.DEFAULT, MAX_COUNT);
        assertEquals(0.72, ranker.score(BLOCKBUSTER), 1e-12);
        assertEquals(0.70, ranker.score(OBSCURE), 1e-12);
        assertEquals(0.71, ranker.score(GOOD), 1e-12);
    }

    @Test
    void scoreIsTheWeightedMeanOfTheParts() {
        // (1 * 0.8 + 1 * 0.5 + 2 * 0.8) / 4 = 0.725
        assertEquals(0.725, new Ranker(new RankingBlend(1, 1, 2), MAX_COUNT).score(GOOD), 1e-12);
        // the weights' scale does not matter
        assertEquals(0.72, new Ranker(new RankingBlend(7, 3, 0), MAX_COUNT).score(BLOCKBUSTER), 1e-12);
    }

    @Test
    void excludedMoviesAreNeverReturned() {
        assertEquals(List.of("5", "3", "4", "2"), top(RankingBlend.POPULARITY_BY_COUNT, Set.of("1"), 10));
        assertEquals(List.of("5", "4"), top(RankingBlend.POPULARITY_BY_COUNT, Set.of("1", "3", "2"), 10));
        assertEquals(List.of(), top(RankingBlend.DEFAULT, Set.of("1", "2", "3", "4", "5"), 10));
    }

    @Test
    void returnsAtMostK() {
        assertEquals(List.of("2", "3"), top(RankingBlend.PREDICTED_RATING, Set.of(), 2));
        assertEquals(List.of("1"), top(RankingBlend.POPULARITY_BY_COUNT, Set.of(), 1));
        assertEquals(5, top(RankingBlend.DEFAULT, Set.of(), Integer.MAX_VALUE).size());
        assertEquals(List.of(), new Ranker(RankingBlend.DEFAULT, MAX_COUNT).top(List.of(), Set.of(), 10));
    }

    @Test
    void tiesGoToMoreRatingsThenToTheSmallerIdWhateverTheInputOrder() {
        List<Candidate> tied = new ArrayList<>(List.of(
                new Candidate("b", 4.0, 5, 3.0, List.of()),
                new Candidate("a", 4.0, 5, 3.0, List.of()),
                new Candidate("c", 4.0, 50, 3.0, List.of()),
                new Candidate("9", 4.0, 5, 3.0, List.of()),
                new Candidate("10", 4.0, 5, 3.0, List.of())));
        Ranker ranker = new Ranker(RankingBlend.PREDICTED_RATING, MAX_COUNT);
        // ids compare as strings: "10" < "9" < "a" < "b"
        List<String> expected = List.of("c", "10", "9", "a", "b");
        for (int seed = 0; seed < 5; seed++) {
            Collections.shuffle(tied, new Random(seed));
            assertEquals(expected, ranker.top(tied, Set.of(), 10));
            assertEquals(expected.subList(0, 2), ranker.top(tied, Set.of(), 2));
        }
    }

    @Test
    void withoutPredictionOnlyTheModelFreePartsCount() {
        Candidate unpredicted = new Candidate("6", Double.NaN, 9, 4.1, List.of());
        // rating weight dropped from both sums: (0.3 * 0.5) / 0.3 = 0.5; with the mean too: (0.5 + 0.8) / 2
        assertEquals(0.5, new Ranker(RankingBlend.DEFAULT, MAX_COUNT).score(unpredicted), 1e-12);
        assertEquals(0.65, new Ranker(new RankingBlend(0.5, 0.25, 0.25), MAX_COUNT).score(unpredicted), 1e-12);

        List<Candidate> withIt = new ArrayList<>(CATALOGUE);
        withIt.add(unpredicted);
        // 0.72, 0.71, 0.70, 0.5333, 0.5 (no prediction), 0.43
        assertEquals(List.of("1", "3", "2", "5", "6", "4"),
                new Ranker(RankingBlend.DEFAULT, MAX_COUNT).top(withIt, Set.of(), 10));
    }

    @Test
    void withARatingOnlyBlendUnpredictedCandidatesComeLastByCount() {
        Ranker ranker = new Ranker(RankingBlend.PREDICTED_RATING, MAX_COUNT);
        Candidate rare = new Candidate("7", Double.NaN, 1, 3.0, List.of());
        Candidate common = new Candidate("8", Double.NaN, 50, 3.0, List.of());
        assertTrue(Double.isNaN(ranker.score(rare)));
        List<Candidate> withThem = new ArrayList<>(List.of(rare, common));
        withThem.addAll(CATALOGUE);
        assertEquals(List.of("2", "3", "1", "4", "5", "8", "7"), ranker.top(withThem, Set.of(), 10));
        assertEquals(List.of("8"), ranker.top(List.of(rare, common), Set.of(), 1));
    }

    @Test
    void predictionsOutsideTheStarRangeAreClamped() {
        Ranker ranker = new Ranker(RankingBlend.PREDICTED_RATING, MAX_COUNT);
        assertEquals(1.0, ranker.score(new Candidate("x", 5.7, 0, 3.0, List.of())));
        assertEquals(0.0, ranker.score(new Candidate("y", -0.2, 0, 3.0, List.of())));
        // a count above the catalogue's max scores full popularity
        assertEquals(1.0, new Ranker(RankingBlend.POPULARITY_BY_COUNT, 9).score(BLOCKBUSTER));
        // an empty catalogue has no popularity at all
        Candidate unrated = new Candidate("z", 3, 0, 3, List.of());
        assertEquals(0.0, new Ranker(RankingBlend.POPULARITY_BY_COUNT, 0).score(unrated));
    }

    @Test
    void filterKeepsOneGenre() {
        Ranker ranker = new Ranker(RankingBlend.PREDICTED_RATING, MAX_COUNT);
        assertEquals(List.of("3", "4", "5"), ranker.top(CATALOGUE, Set.of(), 10, Candidate.inGenre("Comedy")));
        assertEquals(List.of("3", "5"), ranker.top(CATALOGUE, Set.of("4"), 2, Candidate.inGenre("Comedy")));
        assertEquals(List.of("1", "5"), new Ranker(RankingBlend.POPULARITY, MAX_COUNT)
                .top(CATALOGUE, Set.of(), 10, Candidate.inGenre("Action")));
        assertEquals(List.of(), ranker.top(CATALOGUE, Set.of(), 10, Candidate.inGenre("Western")));
    }

    @Test
    void heapMatchesAFullSortOnManyCandidates() {
        Random random = new Random(42);
        List<Candidate> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            // coarse values so that score and count ties happen often
            double predicted = random.nextInt(10) == 0 ? Double.NaN : 0.5 + random.nextInt(10) * 0.5;
            many.add(new Candidate("m" + i, predicted, random.nextInt(20), 0.5 + random.nextInt(10) * 0.5,
                    List.of()));
        }
        Set<String> excluded = Set.of("m0", "m1", "m2", "m3");
        for (RankingBlend blend : List.of(RankingBlend.DEFAULT, RankingBlend.PREDICTED_RATING,
                RankingBlend.POPULARITY_BY_COUNT)) {
            Ranker ranker = new Ranker(blend, 19);
            Comparator<Candidate> documentedOrder = Comparator
                    .comparing((Candidate c) -> Double.isNaN(ranker.score(c)))
                    .thenComparing(c -> -ranker.score(c))
                    .thenComparing(c -> -c.ratingCount())
                    .thenComparing(Candidate::movieId);
            List<String> expected = many.stream()
                    .filter(c -> !excluded.contains(c.movieId()))
                    .sorted(documentedOrder)
                    .limit(100)
                    .map(Candidate::movieId)
                    .toList();
            assertEquals(expected, ranker.top(many, excluded, 100), blend.toString());
        }
    }

    @Test
    void rejectsBadArguments() {
        Ranker ranker = new Ranker(RankingBlend.DEFAULT, MAX_COUNT);
        assertThrows(IllegalArgumentException.class, () -> ranker.top(CATALOGUE, Set.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> ranker.top(List.of(GOOD, WEAK, GOOD), Set.of(), 1));
        assertThrows(IllegalArgumentException.class, () -> new Ranker(RankingBlend.DEFAULT, -1));
        assertThrows(NullPointerException.class, () -> new Ranker(null, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new Candidate("x", Double.POSITIVE_INFINITY, 1, 3, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Candidate("x", 3, -1, 3, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Candidate("x", 3, 1, Double.NaN, List.of()));
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        Ranker ranker = new Ranker(RankingBlend.DEFAULT, MAX_COUNT);
        assertEquals(ranker, JavaSerialization.roundTrip(ranker));
        assertEquals(GOOD, JavaSerialization.roundTrip(GOOD));
    }
}
