package recsys.core.features;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Sufficient statistics of one user's training ratings, from which every user and interaction feature follows.
 *
 * <p>Only sums are kept, so {@link #without} gives the leave-one-out profile by subtraction. That is why the
 * profile vector is not stored as {@code Σ (r − mean)·v}: the mean changes when a rating is left out, which would
 * change every weight. Instead {@code Σ r·v} and {@code Σ v} are kept and {@link #profileVector} centres them on
 * the user's <em>damped</em> mean when asked: {@code Σ (r − m)·v = Σ r·v − m·Σ v}. Centring on the user's own mean
 * makes the vector point towards what the user likes more than usual, whatever their rating scale; damping
 * it towards the global mean keeps a user with one or two ratings from getting a zero vector (with the raw mean a
 * single rating is its own mean and weighs nothing). Per-genre affinities are centred the same way from per-genre
 * rating sums and counts.
 *
 * <p>Ratings of movies the state does not know count in the rating statistics but add no genre or vector.
 * Built from the history sorted by movie id, so the sums, and every feature, are bit-for-bit the same whichever
 * order the history came in (a Spark group or a database query).
 */
public final class UserProfile {

    private final EncoderState state;
    // Mutated only by add() while a profile is being built or copied, never after it has been handed out.
    private long count;
    private double sum;
    private double sumSquares;
    private final double[] genreSums;
    private final long[] genreCounts;
    private final double[] ratedVectorSum;
    private final double[] vectorSum;
    /**
     * The centred profile vector and its squared norm, computed on first use: the encoder needs them for every
     * movie it encodes for this user, and recomputing 384 components per movie dominated ranking a whole
     * catalogue. Filled at most once after the profile is complete (a race only computes the same values twice).
     */
    private volatile Centred centred;

    private record Centred(double[] vector, double squaredNorm) {
    }

    private UserProfile(EncoderState state, long count, double sum, double sumSquares, double[] genreSums,
                        long[] genreCounts, double[] ratedVectorSum, double[] vectorSum) {
        this.state = state;
        this.count = count;
        this.sum = sum;
        this.sumSquares = sumSquares;
        this.genreSums = genreSums;
        this.genreCounts = genreCounts;
        this.ratedVectorSum = ratedVectorSum;
        this.vectorSum = vectorSum;
    }

    /** The profile of a user with no training ratings: every statistic falls back to the global mean or 0. */
    public static UserProfile empty(EncoderState state) {
        int genres = state.parameters().genres().size();
        int dimension = state.parameters().embeddingDimension();
        return new UserProfile(state, 0, 0, 0, new double[genres], new long[genres], new double[dimension],
                new double[dimension]);
    }

    /** @throws IllegalArgumentException if a movie appears twice in the history */
    public static UserProfile of(EncoderState state, Collection<RatedMovie> history) {
        List<RatedMovie> sorted = new ArrayList<>(history);
        sorted.sort(Comparator.comparing(RatedMovie::movieId));
        Set<String> seen = new HashSet<>();
        UserProfile profile = empty(state);
        for (RatedMovie rated : sorted) {
            if (!seen.add(rated.movieId())) {
                throw new IllegalArgumentException("movie " + rated.movieId() + " rated twice in one history");
            }
            profile.add(rated.movieId(), rated.rating(), 1);
        }
        return profile;
    }

    /**
     * The profile without one of its ratings, by subtraction (leave-one-out for that rating's training row). Counts
     * and rating sums come back exactly (half-star ratings are exact in binary); the vector sums within rounding.
     */
    public UserProfile without(String movieId, double rating) {
        if (count == 0) {
            throw new IllegalArgumentException("an empty profile has no rating of movie " + movieId + " to leave out");
        }
        UserProfile copy = new UserProfile(state, count, sum, sumSquares, genreSums.clone(), genreCounts.clone(),
                ratedVectorSum.clone(), vectorSum.clone());
        copy.add(movieId, rating, -1);
        return copy;
    }

    private void add(String movieId, double rating, int sign) {
        centred = null;
        count += sign;
        sum += sign * rating;
        sumSquares += sign * rating * rating;
        MovieEntry movie = state.movie(movieId);
        if (movie == null) {
            return;
        }
        for (int g : movie.genreIndices()) {
            genreSums[g] += sign * rating;
            genreCounts[g] += sign;
        }
        float[] vector = movie.vector();
        if (vector != null) {
            double weight = sign * rating;
            for (int d = 0; d < vector.length; d++) {
                ratedVectorSum[d] += weight * vector[d];
                vectorSum[d] += sign * (double) vector[d];
            }
        }
    }

    public long count() {
        return count;
    }

    public double sum() {
        return sum;
    }

    public double sumSquares() {
        return sumSquares;
    }

    /**
     * {@link MovieStatistics#dampedMean(double, long, double, double) (sum + k·μ) / (count + k)} with k the user
     * damping and μ the global mean; μ for an empty profile.
     */
    public double dampedMean() {
        EncoderParameters p = state.parameters();
        return MovieStatistics.dampedMean(sum, count, p.globalMean(), p.userDamping());
    }

    /** Population standard deviation of the ratings; 0 for fewer than two. */
    public double standardDeviation() {
        if (count < 2) {
            return 0;
        }
        double mean = sum / count;
        return Math.sqrt(Math.max(0, sumSquares / count - mean * mean));
    }

    /**
     * How much more than usual the user rates genre g: {@code (Σ_g r − n_g·m) / (n_g + k)}, with m the damped mean
     * and k the user damping, so a genre seen once moves little; 0 for a genre the user never rated.
     */
    public double genreAffinity(int genre) {
        return (genreSums[genre] - genreCounts[genre] * dampedMean())
                / (genreCounts[genre] + state.parameters().userDamping());
    }

    public long genreCount(int genre) {
        return genreCounts[genre];
    }

    /** {@code Σ (r − m)·v} over the rated movies that have vectors, m the damped mean; all zeros when none. */
    public double[] profileVector() {
        return centred().vector().clone();
    }

    /** The encoder's read-only view of {@link #profileVector()}: the cached array itself, never to be modified. */
    double[] profileVectorView() {
        return centred().vector();
    }

    /** The squared Euclidean norm of {@link #profileVector()}. */
    double profileSquaredNorm() {
        return centred().squaredNorm();
    }

    private Centred centred() {
        Centred known = centred;
        if (known == null) {
            double mean = dampedMean();
            double[] vector = new double[ratedVectorSum.length];
            for (int d = 0; d < vector.length; d++) {
                vector[d] = ratedVectorSum[d] - mean * vectorSum[d];
            }
            known = new Centred(vector, FeatureEncoder.squaredNorm(vector));
            centred = known;
        }
        return known;
    }
}
