package recsys.core.ratings;

/** One rating in a request: {@code rating} stars for {@code movieId}, already validated. */
public record MovieRating(String movieId, double rating) {
}
