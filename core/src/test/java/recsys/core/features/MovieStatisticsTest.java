package recsys.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import recsys.core.ranking.Candidate;

/**
 * The ranker's inputs against a brute-force computation: the damped mean as the plain mean of the ratings plus the
 * damping's pseudo-ratings at the prior, popularity as natural logarithms, the largest count by sorting; and the
 * same numbers, bit for bit, as the encoder's features that share the definition.
 */
class MovieStatisticsTest {

    private static final double EXACT = 0;
    private static final double ROUNDING = 1e-12;

    /** A random catalogue: each movie's ratings kept as a list, so the brute force can average them. */
    private record Catalogue(EncoderState state, List<List<Double>> ratings) {
    }

    private static Catalogue randomCatalogue(long seed, int damping) {
        Random random = new Random(seed);
        List<MovieEntry> movies = new ArrayList<>();
        List<List<Double>> ratings = new ArrayList<>();
        double total = 0;
        long count = 0;
        for (int m = 0; m < 60; m++) {
            // every fifth movie has no rating: its damped mean is the prior
            int n = m % 5 == 0 ? 0 : random.nextInt(m % 7 == 0 ? 400 : 30);
            List<Double> given = new ArrayList<>();
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double rating = 0.5 * (1 + random.nextInt(10));
                given.add(rating);
                sum += rating;
            }
            total += sum;
            count += n;
            ratings.add(given);
            movies.add(new MovieEntry("m" + m, n, sum, null, new int[0], List.of(), null));
        }
        EncoderParameters parameters = new EncoderParameters(total / count, 3, damping, List.of(), 1990, 8, 2, 0, 1,
                EncoderParameters.FORMAT_VERSION);
        return new Catalogue(EncoderState.of(parameters, movies), ratings);
    }

    /** The mean of the ratings and {@code damping} extra ratings equal to {@code prior}, summed one by one. */
    private static double bruteForceDampedMean(List<Double> ratings, double prior, int damping) {
        List<Double> all = new ArrayList<>(ratings);
        all.addAll(Collections.nCopies(damping, prior));
        double sum = 0;
        for (double r : all) {
            sum += r;
        }
        return sum / all.size();
    }

    @Test
    void dampedMeanIsTheMeanWithPseudoRatingsAtThePrior() {
        for (int damping : List.of(1, 5, 25)) {
            Catalogue catalogue = randomCatalogue(7 + damping, damping);
            double prior = catalogue.state().parameters().globalMean();
            for (int m = 0; m < catalogue.ratings().size(); m++) {
                String id = "m" + m;
                List<Double> given = catalogue.ratings().get(m);
                MovieStatistics statistics = MovieStatistics.of(catalogue.state(), id);
                assertEquals(given.size(), statistics.ratingCount(), id);
                assertEquals(bruteForceDampedMean(given, prior, damping), statistics.dampedMean(), ROUNDING, id);
            }
            // a movie the state does not know has no ratings: the prior, exactly
            MovieStatistics unknown = MovieStatistics.of(catalogue.state(), "not-in-catalogue");
            assertEquals(0, unknown.ratingCount());
            assertEquals(prior, unknown.dampedMean(), ROUNDING);
        }
    }

    @Test
    void handWorkedDampedMeans() {
        // ratings 5, 4 and 3 (sum 12), 2 pseudo-ratings at 3: (12 + 6) / 5 = 3.6
        assertEquals(3.6, MovieStatistics.dampedMean(12, 3, 3, 2), ROUNDING);
        // no damping: the plain mean; no ratings: the prior
        assertEquals(4.0, MovieStatistics.dampedMean(12, 3, 3, 0), EXACT);
        assertEquals(3.5, MovieStatistics.dampedMean(0, 0, 3.5, 5), EXACT);
        // from a stored mean: 4 ratings of mean 4.5 (sum 18), 5 at 3.5: (18 + 17.5) / 9
        assertEquals(35.5 / 9, MovieStatistics.fromMean(4, 4.5, 3.5, 5).dampedMean(), ROUNDING);
        assertEquals(4, MovieStatistics.fromMean(4, 4.5, 3.5, 5).ratingCount());
        assertThrows(IllegalArgumentException.class, () -> new MovieStatistics(-1, 3));
    }

    @Test
    void fromMeanAgreesWithTheSumWhereTheProductIsExact() {
        Catalogue catalogue = randomCatalogue(11, 5);
        EncoderParameters p = catalogue.state().parameters();
        int compared = 0;
        for (MovieEntry movie : catalogue.state().movies().values()) {
            if (movie.ratingCount() == 0) {
                continue;
            }
            // a mean of half-stars times its count is the sum again only when the division was exact; pick those
            double mean = movie.ratingSum() / movie.ratingCount();
            if (mean * movie.ratingCount() != movie.ratingSum()) {
                continue;
            }
            assertEquals(MovieStatistics.of(catalogue.state(), movie.movieId()),
                    MovieStatistics.fromMean(movie.ratingCount(), mean, p.globalMean(), p.movieDamping()),
                    movie.movieId());
            compared++;
        }
        assertEquals(true, compared > 0, "no movie with an exact mean in the fixture");
    }

    @Test
    void popularityIsLogCountOverLogMaxCountAgainstNaturalLogarithms() {
        Catalogue catalogue = randomCatalogue(13, 5);
        List<Long> counts = new ArrayList<>(catalogue.ratings().stream().map(r -> (long) r.size()).toList());
        counts.sort(Collections.reverseOrder());
        long max = counts.get(0);
        assertEquals(max, MovieStatistics.maxRatingCount(catalogue.state()));
        for (long count : counts) {
            double expected = Math.log(1 + count) / Math.log(1 + max);
            assertEquals(expected, MovieStatistics.popularity(count, max), ROUNDING, "count " + count);
        }
        // hand-worked: log(10) / log(100) = 1/2; the ends of the range; a count above a stale maximum is clamped
        assertEquals(0.5, MovieStatistics.popularity(9, 99), ROUNDING);
        assertEquals(1.0, MovieStatistics.popularity(99, 99), EXACT);
        assertEquals(0.0, MovieStatistics.popularity(0, 99), EXACT);
        assertEquals(0.0, MovieStatistics.popularity(0, 0), EXACT);
        assertEquals(1.0, MovieStatistics.popularity(500, 99), EXACT);
    }

    @Test
    void maxRatingCountOfAnEmptyCatalogueIsZero() {
        EncoderParameters parameters = new EncoderParameters(3, 3, 5, List.of(), 1990, 8, 2, 0, 1,
                EncoderParameters.FORMAT_VERSION);
        assertEquals(0, MovieStatistics.maxRatingCount(EncoderState.of(parameters, List.of())));
    }

    @Test
    void theEncodersDampedMeansAreTheseNumbersBitForBit() {
        Catalogue catalogue = randomCatalogue(17, 5);
        FeatureEncoder encoder = new FeatureEncoder(catalogue.state());
        int movieMean = encoder.embeddingFeatureNames().indexOf("movie_mean_damped");
        UserProfile user = encoder.profile(List.of(new RatedMovie("m1", 4.5), new RatedMovie("m2", 2)));
        for (String id : catalogue.state().movies().keySet()) {
            assertEquals(MovieStatistics.of(catalogue.state(), id).dampedMean(),
                    encoder.embeddingFeatures(user, id)[movieMean], EXACT, id);
        }
        EncoderParameters p = catalogue.state().parameters();
        assertEquals(bruteForceDampedMean(List.of(4.5, 2.0), p.globalMean(), (int) p.userDamping()),
                user.dampedMean(), ROUNDING);
        assertEquals(MovieStatistics.dampedMean(6.5, 2, p.globalMean(), p.userDamping()), user.dampedMean(), EXACT);
    }

    @Test
    void aCandidateCarriesTheStatistics() {
        Catalogue catalogue = randomCatalogue(19, 5);
        MovieStatistics statistics = MovieStatistics.of(catalogue.state(), "m3");
        Candidate candidate = Candidate.of("m3", 4.2, statistics, List.of("Drama"));
        assertEquals(new Candidate("m3", 4.2, statistics.ratingCount(), statistics.dampedMean(), List.of("Drama")),
                candidate);
    }
}
