package recsys.online.recommend;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * What the service answers: the items, and (for response headers and tests) how they were ranked.
 *
 * @param fromStoredList whether the list came precomputed from the user document
 */
public record Recommendations(List<RecommendationsResponse.Item> items, RankingPath path,
                              @Nullable String modelVersion, boolean fromStoredList) {

    public Recommendations {
        items = List.copyOf(items);
    }
}
