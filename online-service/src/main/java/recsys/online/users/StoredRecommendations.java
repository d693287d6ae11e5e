package recsys.online.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import recsys.core.index.UserFields.StoredList;

/**
 * A user's precomputed ranked list, the derived field {@code recommendations} of the user document (see
 * {@link recsys.core.index.UserFields}).
 *
 * @param movieIds           best first, none rated by the user when it was computed
 * @param ratingsFingerprint the fingerprint of the ratings it was computed from
 * @param modelVersion       the model it was ranked with, or {@link StoredList#NO_MODEL}
 * @param path               the ranking that made it
 * @param computedAt         ISO-8601 instant
 */
public record StoredRecommendations(@JsonProperty(StoredList.MOVIE_IDS) List<String> movieIds,
                                    @JsonProperty(StoredList.RATINGS_FINGERPRINT) String ratingsFingerprint,
                                    @JsonProperty(StoredList.MODEL_VERSION) String modelVersion,
                                    @JsonProperty(StoredList.PATH) String path,
                                    @JsonProperty(StoredList.COMPUTED_AT) String computedAt) {

    public StoredRecommendations {
        movieIds = movieIds == null ? List.of() : List.copyOf(movieIds);
    }
}
