package recsys.online.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * {@code {"user_id":"1","ratings":[{"movie_id":"1","rating":4.0}, ...]}}, most recent first; with metadata each
 * rating also has the movie's {@code title} and pipe-joined {@code genres}.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UserRatingsResponse(@JsonProperty("user_id") String userId, List<Rated> ratings) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rated(@JsonProperty("movie_id") String movieId, double rating, @Nullable String title,
                        @Nullable String genres) {
    }
}
