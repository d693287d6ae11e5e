package recsys.core.ranking;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import recsys.core.features.MovieStatistics;

/**
 * One movie a {@link Ranker} may recommend to one user, with everything the score needs.
 *
 * @param movieId         MovieLens id
 * @param predictedRating the model's predicted rating in stars, or {@link Double#NaN} when there is no prediction
 *                        (no model, or the model cannot score this movie); infinite values are rejected. Values
 *                        outside [{@link recsys.core.movielens.Rating#MIN}, {@link recsys.core.movielens.Rating#MAX}]
 *                        are accepted (a regression model may overshoot) and clamped by the score
 * @param ratingCount     number of training ratings of the movie, at least 0
 * @param dampedMean      the movie's damped mean training rating in stars (its mean pulled toward the global
 *                        mean, which is what a movie with no rating gets); must be finite
 * @param genres          the movie's genres, for filters; empty when none are listed
 */
public record Candidate(String movieId, double predictedRating, long ratingCount, double dampedMean,
                        List<String> genres) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Candidate {
        Objects.requireNonNull(movieId, "movieId");
        genres = List.copyOf(genres);
        if (Double.isInfinite(predictedRating)) {
            throw new IllegalArgumentException("predicted rating of movie " + movieId + " is " + predictedRating
                    + "; use NaN for no prediction");
        }
        if (ratingCount < 0) {
            throw new IllegalArgumentException("negative rating count for movie " + movieId + ": " + ratingCount);
        }
        if (!Double.isFinite(dampedMean)) {
            throw new IllegalArgumentException("damped mean of movie " + movieId + " must be finite, got "
                    + dampedMean);
        }
    }

    /**
     * The candidate for a movie with these training statistics: the one way the offline ranking, the evaluation and
     * the service build candidates from a movie's statistics.
     */
    public static Candidate of(String movieId, double predictedRating, MovieStatistics statistics,
                               List<String> genres) {
        return new Candidate(movieId, predictedRating, statistics.ratingCount(), statistics.dampedMean(), genres);
    }

    public boolean hasPrediction() {
        return !Double.isNaN(predictedRating);
    }

    public boolean hasGenre(String genre) {
        return genres.contains(genre);
    }

    /** A filter keeping the candidates of one genre (names as in {@link recsys.core.movielens.Movie#genres()}). */
    public static Predicate<Candidate> inGenre(String genre) {
        Objects.requireNonNull(genre, "genre");
        return candidate -> candidate.hasGenre(genre);
    }
}
