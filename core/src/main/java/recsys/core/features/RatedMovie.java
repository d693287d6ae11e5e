package recsys.core.features;

import java.io.Serializable;
import java.util.Objects;

/** One entry of a user's training history. */
public record RatedMovie(String movieId, double rating) implements Serializable {

    private static final long serialVersionUID = 1L;

    public RatedMovie {
        Objects.requireNonNull(movieId, "movieId");
        if (!Double.isFinite(rating)) {
            throw new IllegalArgumentException("rating of movie " + movieId + " is not finite: " + rating);
        }
    }
}
