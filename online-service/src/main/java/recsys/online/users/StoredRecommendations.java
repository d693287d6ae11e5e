package recsys.online.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A user's precomputed ranked list, the derived field {@code recommendations} of the user document (see
 * {@link recsys.core.index.UserFields}).
 *
 * @param movieIds           best first, none rated by the user when it was computed
 * @param ratingsFingerprint the fingerprint of the ratings it was computed from
 * @param modelVersion       the model it was ranked with, or {@link #NO_MODEL}
 * @param path               the ranking that made it
 * @param computedAt         ISO-8601 instant
 */
public record StoredRecommendations(@JsonProperty("movie_ids") List<String> movieIds,
                                    @JsonProperty("ratings_fingerprint") String ratingsFingerprint,
                                    @JsonProperty("model_version") String modelVersion,
                                    @JsonProperty("path") String path,
                                    @JsonProperty("computed_at") String computedAt) {

    public static final String NO_MODEL = "none";

    public StoredRecommendations {
        movieIds = movieIds == null ? List.of() : List.copyOf(movieIds);
    }
}
