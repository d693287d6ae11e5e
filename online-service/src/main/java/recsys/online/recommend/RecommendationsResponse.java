package recsys.online.recommend;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * {@code {"items":[{"movie_id":"1"}, ...]}}; with metadata each item also has {@code title}, and {@code genres} and
 * {@code tags} as pipe-joined strings ({@code "Adventure|Animation"}, {@code ""} when there are none).
 */
@Serdeable
public record RecommendationsResponse(List<Item> items) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(@JsonProperty("movie_id") String movieId, @Nullable String title, @Nullable String genres,
                       @Nullable String tags) {

        public static Item idOnly(String movieId) {
            return new Item(movieId, null, null, null);
        }
    }
}
