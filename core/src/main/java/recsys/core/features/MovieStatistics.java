package recsys.core.features;

import java.io.Serializable;

/**
 * A movie's training statistics as the ranker reads them (its rating count and damped mean), and the one definition
 * of every statistic derived from rating counts and sums that the encoder, the offline ranking, the evaluation and
 * the service share:
 * <ul>
 *   <li><b>damped mean</b> {@code (sum + k·μ) / (count + k)}: the mean pulled toward a prior μ by k pseudo-ratings
 *       ({@link #dampedMean(double, long, double, double)}; the encoder's {@code movie_mean_damped} and
 *       {@code user_mean_damped} features and the ranker's mean part are this number);</li>
 *   <li><b>popularity</b> {@code log1p(count) / log1p(max count)}, clamped to [0, 1] ({@link #popularity}): the
 *       ranker's popularity part and the top-N re-ranker's popularity feature;</li>
 *   <li><b>the catalogue's largest count</b> ({@link #maxRatingCount}), popularity's denominator.</li>
 * </ul>
 * A {@code recsys.core.ranking.Candidate} is built from a movie's statistics ({@code Candidate.of}).
 *
 * <p>Why here and not in {@code recsys.core.ranking}: this package is the bottom of core (it imports nothing of the
 * project) and both the encoder (here) and the ranker ({@code ranking}, {@code topn}) use these formulas; putting
 * them in {@code ranking} would make the encoder depend on the ranker.
 *
 * <p>Every caller computes with these methods, so the figures are bit for bit the same wherever a movie is ranked:
 * the floating-point operations and their order are fixed here.
 *
 * @param ratingCount number of training ratings of the movie, at least 0
 * @param dampedMean  its damped mean training rating in stars; the prior for a movie without ratings. Its finiteness
 *                    is checked where the movie id is known ({@code Candidate})
 */
public record MovieStatistics(long ratingCount, double dampedMean) implements Serializable {

    private static final long serialVersionUID = 1L;

    public MovieStatistics {
        if (ratingCount < 0) {
            throw new IllegalArgumentException("negative rating count: " + ratingCount);
        }
    }

    /**
     * The statistics of a movie of an encoder state, damped toward the state's global mean with its movie damping:
     * the same number as the encoder's {@code movie_mean_damped} feature. A movie the state does not know has no
     * ratings, so its damped mean is the global mean.
     */
    public static MovieStatistics of(EncoderState state, String movieId) {
        MovieEntry movie = state.movie(movieId);
        EncoderParameters p = state.parameters();
        long count = movie == null ? 0 : movie.ratingCount();
        double sum = movie == null ? 0 : movie.ratingSum();
        return new MovieStatistics(count, dampedMean(sum, count, p.globalMean(), p.movieDamping()));
    }

    /**
     * The statistics of a movie known by its mean rather than its sum (the {@code movies} index stores
     * {@code rating_count} and {@code rating_mean}): the sum is taken as {@code mean × count}.
     *
     * @param prior   what the mean is damped toward (the catalogue's mean rating)
     * @param damping pseudo-ratings at the prior, at least 0 (and more than 0 when the count can be 0)
     */
    public static MovieStatistics fromMean(long ratingCount, double ratingMean, double prior, double damping) {
        return new MovieStatistics(ratingCount, dampedMean(ratingMean * ratingCount, ratingCount, prior, damping));
    }

    /**
     * {@code (sum + damping·prior) / (count + damping)}: the mean of {@code count} ratings summing to {@code sum}
     * shrunk toward {@code prior} as if {@code damping} more ratings at the prior had been given. The one formula of
     * every damped mean (movies and users).
     */
    public static double dampedMean(double sum, long count, double prior, double damping) {
        return (sum + damping * prior) / (count + damping);
    }

    /**
     * {@code log1p(count) / log1p(maxCount)}, clamped to [0, 1]; 0 when {@code maxCount} is 0. The logarithm keeps a
     * blockbuster with 80,000 ratings from dwarfing a well-known movie with 8,000; the clamp covers counts above a
     * stale catalogue maximum (within a catalogue it never changes the value).
     */
    public static double popularity(long count, long maxCount) {
        return maxCount == 0 ? 0 : Math.max(0, Math.min(1, Math.log1p(count) / Math.log1p(maxCount)));
    }

    /** The largest training rating count of the state's movies; 0 for an empty catalogue. */
    public static long maxRatingCount(EncoderState state) {
        long max = 0;
        for (MovieEntry movie : state.movies().values()) {
            max = Math.max(max, movie.ratingCount());
        }
        return max;
    }
}
