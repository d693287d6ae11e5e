package recsys.online.movieupdate;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** The answer to {@code POST /update_movie}: {@code {"movies_written": 2, "movies_created": 1}}. */
@Serdeable
public record UpdateMovieResponse(@JsonProperty("movies_written") int moviesWritten,
                                  @JsonProperty("movies_created") int moviesCreated) {
}
