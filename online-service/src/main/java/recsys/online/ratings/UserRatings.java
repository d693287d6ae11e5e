package recsys.online.ratings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import recsys.core.ratings.MovieRating;

/**
 * One user's ratings from a request, in the order the client listed them.
 *
 * @param userId  the user, a valid id
 * @param ratings at least one; a movie listed twice keeps the later rating ({@link #latestPerMovie})
 */
public record UserRatings(String userId, List<MovieRating> ratings) {

    public UserRatings {
        ratings = List.copyOf(ratings);
    }

    /** One rating per movie, the last one listed for it, in order of first appearance. */
    public List<MovieRating> latestPerMovie() {
        Map<String, MovieRating> latest = new LinkedHashMap<>();
        for (MovieRating rating : ratings) {
            latest.put(rating.movieId(), rating);
        }
        return List.copyOf(latest.values());
    }
}
