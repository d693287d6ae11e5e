package recsys.online.recommend;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Objects;

/**
 * A user's movies, best first, and how they were ranked.
 *
 * @param movieIds     distinct, none rated by the user
 * @param path         the ranking that chose them
 * @param modelVersion the model version ranked with, or {@code null} when none was
 */
public record RankedList(List<String> movieIds, RankingPath path, @Nullable String modelVersion) {

    public RankedList {
        movieIds = List.copyOf(movieIds);
        Objects.requireNonNull(path, "path");
    }
}
