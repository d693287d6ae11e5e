package recsys.online.movieupdate;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * One movie of an {@code /update_movie} request, cleaned by ingest's rules: the title trimmed, the year read from
 * its end, genres in the shared vocabulary, tags normalised.
 *
 * @param year null when the title ends without one
 */
public record MovieUpdate(String movieId, String title, @Nullable Integer year, List<String> genres,
                          List<String> tags) {

    public MovieUpdate {
        genres = List.copyOf(genres);
        tags = List.copyOf(tags);
    }
}
