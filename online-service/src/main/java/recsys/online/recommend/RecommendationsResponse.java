package recsys.online.recommend;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import recsys.core.topn.Explanation;
import recsys.online.movies.MovieDocument;

/**
 * {@code {"items":[{"movie_id":"1"}, ...]}}; with metadata each item also has {@code title}, and {@code genres} and
 * {@code tags} as pipe-joined strings ({@code "Adventure|Animation"}, {@code ""} when there are none); with
 * {@code explain=true} each item has {@code reasons} (possibly empty). The shape of the original service, which
 * every listing endpoint shares.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RecommendationsResponse(List<Item> items) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(@JsonProperty("movie_id") String movieId, @Nullable String title, @Nullable String genres,
                       @Nullable String tags, @Nullable Reasons reasons) {

        public Item(String movieId, @Nullable String title, @Nullable String genres, @Nullable String tags) {
            this(movieId, title, genres, tags, null);
        }

        /** The item of a movies document with its metadata ({@code ""} where a field is missing). */
        public static Item of(MovieDocument movie) {
            return new Item(movie.movieId(), movie.title() == null ? "" : movie.title(),
                    String.join("|", movie.genres()), String.join("|", movie.tags()));
        }

        public static Item idOnly(String movieId) {
            return new Item(movieId, null, null, null, null);
        }

        public Item withReasons(Reasons added) {
            return new Item(movieId, title, genres, tags, added);
        }
    }

    /**
     * Why an item is listed; each key only when it applies.
     *
     * @param becauseYouRated the user's rated movies that contribute most to its score
     * @param genreAffinity   its genres the user rates above their own mean
     * @param popular         true when it is listed for its popularity
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reasons(@JsonProperty("because_you_rated") @Nullable List<String> becauseYouRated,
                          @JsonProperty("genre_affinity") @Nullable List<String> genreAffinity,
                          @Nullable Boolean popular) {

        public static Reasons of(Explanation explanation) {
            return new Reasons(explanation.becauseYouRated().isEmpty() ? null : explanation.becauseYouRated(),
                    explanation.genreAffinity().isEmpty() ? null : explanation.genreAffinity(),
                    explanation.popular() ? Boolean.TRUE : null);
        }
    }
}
