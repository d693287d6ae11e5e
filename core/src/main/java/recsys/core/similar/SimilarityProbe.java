package recsys.core.similar;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import recsys.core.evaluation.Relevance;
import recsys.core.movielens.Rating;

/**
 * One evaluated user of the similar-movies measurement: the query movie their list is asked for, the movies to
 * leave out of it, and the held-out movies that count as hits. The train job (on validation) and the evaluate job
 * (on test) both build their users here, so the protocol is written once.
 *
 * <p>The question is the endpoint's own: a user has just watched and liked a movie; would its similar movies have
 * shown them one they went on to like? So the query is the user's <em>most recent liked</em> training movie (rated
 * at least the relevance threshold); on a timestamp tie the higher rating, then the lower movie id, so the choice is
 * the same on every run. Relevant are the user's liked held-out movies. The user's training movies are left out of
 * the list: they have seen them, and a held-out movie can only be one they have not.
 *
 * @param userId  the user
 * @param query   their most recent liked training movie
 * @param rated   every movie they rated in training, the query included: never listed
 * @param relevant their liked held-out movies, not empty
 */
public record SimilarityProbe(String userId, String query, Set<String> rated, Set<String> relevant) {

    /** Latest first, then the higher rating, then the lower id. */
    private static final Comparator<Rating> MOST_RECENT = Comparator.comparingLong(Rating::timestamp).reversed()
            .thenComparing(Comparator.comparingDouble(Rating::rating).reversed())
            .thenComparing(Rating::movieId);

    public SimilarityProbe {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(query, "query");
        rated = Set.copyOf(rated);
        relevant = Set.copyOf(relevant);
        if (relevant.isEmpty()) {
            throw new IllegalArgumentException("user " + userId + " has no relevant held-out movie");
        }
        if (!rated.contains(query)) {
            throw new IllegalArgumentException("the query " + query + " is not among user " + userId + "'s ratings");
        }
    }

    /**
     * The probe of one user, or empty when they have no liked training rating or no liked held-out movie (the
     * measurement has no question or no answer for them).
     *
     * @param training         the user's training ratings (other users' are rejected)
     * @param relevantHeldOut  the user's liked held-out movie ids ({@link Relevance#relevantIds})
     * @param relevance        what "liked" means, for the training ratings
     */
    public static Optional<SimilarityProbe> of(String userId, Collection<Rating> training,
                                               Set<String> relevantHeldOut, Relevance relevance) {
        Set<String> rated = new HashSet<>();
        Rating latestLiked = null;
        for (Rating rating : training) {
            if (!rating.userId().equals(userId)) {
                throw new IllegalArgumentException("a rating of user " + rating.userId() + " among " + userId + "'s");
            }
            rated.add(rating.movieId());
            if (relevance.isRelevant(rating.rating())
                    && (latestLiked == null || MOST_RECENT.compare(rating, latestLiked) < 0)) {
                latestLiked = rating;
            }
        }
        Set<String> relevant = new HashSet<>(relevantHeldOut);
        relevant.removeAll(rated);
        if (latestLiked == null || relevant.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SimilarityProbe(userId, latestLiked.movieId(), rated, relevant));
    }
}
