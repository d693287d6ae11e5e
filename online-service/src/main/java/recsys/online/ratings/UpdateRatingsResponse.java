package recsys.online.ratings;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The answer to {@code POST /update_ratings}: {@code {"users_written": 2, "ratings_written": 5, "users_created": 1}}.
 * A movie listed twice for one user counts once (the later rating is the one written).
 */
@Serdeable
public record UpdateRatingsResponse(@JsonProperty("users_written") int usersWritten,
                                    @JsonProperty("ratings_written") int ratingsWritten,
                                    @JsonProperty("users_created") int usersCreated) {

    static UpdateRatingsResponse of(RatingsWriter.Summary summary) {
        return new UpdateRatingsResponse(summary.users(), summary.ratings(), summary.usersCreated());
    }
}
