package recsys.core.evaluation;

import java.io.Serializable;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import recsys.core.movielens.Rating;

/**
 * Which test ratings count as relevant for the ranking metrics: those of at least {@code threshold} stars.
 *
 * @param threshold inclusive lower bound in stars; default {@value #DEFAULT_THRESHOLD}, any finite value is
 *                  accepted (one above {@link Rating#MAX} makes nothing relevant, which the metrics then skip)
 */
public record Relevance(double threshold) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Four stars and up: on MovieLens' five-star scale 4 is "really liked it", while 3 is lukewarm, so a top-k
     * list that surfaces a 3-star movie has not found something the user wanted.
     */
    public static final double DEFAULT_THRESHOLD = 4.0;

    public static final Relevance DEFAULT = new Relevance(DEFAULT_THRESHOLD);

    public Relevance {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("relevance threshold must be finite, got " + threshold);
        }
    }

    public boolean isRelevant(double rating) {
        return rating >= threshold;
    }

    /**
     * @param testRatings one user's test ratings
     * @return the ids of the movies among them that are relevant
     * @throws IllegalArgumentException if the ratings belong to more than one user: relevance is per user, and
     *                                  a mixed collection is a grouping bug upstream
     */
    public Set<String> relevantIds(Collection<Rating> testRatings) {
        Set<String> relevant = new HashSet<>();
        String userId = null;
        for (Rating rating : testRatings) {
            if (userId == null) {
                userId = rating.userId();
            } else if (!userId.equals(rating.userId())) {
                throw new IllegalArgumentException(
                        "test ratings of more than one user: " + userId + " and " + rating.userId());
            }
            if (isRelevant(rating.rating())) {
                relevant.add(rating.movieId());
            }
        }
        return relevant;
    }
}
