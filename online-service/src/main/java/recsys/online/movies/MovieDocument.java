package recsys.online.movies;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/** The fields of a {@code movies} document the read side uses. */
public record MovieDocument(@JsonProperty("movie_id") String movieId,
                            @JsonProperty("title") @Nullable String title,
                            @JsonProperty("genres") List<String> genres,
                            @JsonProperty("tags") List<String> tags,
                            @JsonProperty("rating_count") long ratingCount,
                            @JsonProperty("rating_mean") double ratingMean) {

    public MovieDocument {
        genres = genres == null ? List.of() : List.copyOf(genres);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
