package recsys.core.movielens;

import java.io.Serializable;
import java.util.Objects;

/**
 * One user's star rating of one movie.
 *
 * @param rating    stars in [{@link #MIN}, {@link #MAX}]; half stars in ml-10m and later, whole stars before
 * @param timestamp when it was given, in epoch seconds
 */
public record Rating(String userId, String movieId, double rating, long timestamp) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The lowest rating the MovieLens site lets a user give. */
    public static final double MIN = 0.5;
    /** The highest rating the MovieLens site lets a user give. */
    public static final double MAX = 5.0;

    public Rating {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(movieId, "movieId");
    }

    /** Builds a rating from the raw fields of a line, or says why it cannot. */
    public static LineResult<Rating> fromFields(String userId, String movieId, String rating, String timestamp) {
        try {
            return LineResult.parsed(new Rating(Fields.entityId("userId", userId), Fields.entityId("movieId", movieId),
                    Fields.rating(rating), Fields.timestamp(timestamp)));
        } catch (RejectedField e) {
            return LineResult.rejected(e.reason());
        }
    }
}
