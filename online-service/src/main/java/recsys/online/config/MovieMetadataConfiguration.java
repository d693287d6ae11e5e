package recsys.online.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How this instance keeps movie metadata (title, genres, tags) in memory, {@code recsys.movie-metadata.*} in
 * {@code conf/application.yml} (see {@link recsys.online.movies.MovieMetadataCache}).
 *
 * @param maxMovies    most movies kept; the least recently used go first beyond it; 0 reads every list's metadata
 *                     from Elasticsearch; default 100,000 (more than ml-25m's 62,423 movies), range 0–10,000,000
 * @param pollInterval how often the movies other writers changed are looked up in the {@code events} index and the
 *                     {@code movies} alias is checked for a new index: the most another instance's title change
 *                     stays unseen here, beyond Elasticsearch's one-second refresh; default 1 s, positive
 * @param changeWindow how far back each look-up reaches: covers the events index's refresh, a slow poll and clocks
 *                     of several instances that disagree by less than this; default 60 s, longer than
 *                     {@code poll-interval}
 */
@ConfigurationProperties("recsys.movie-metadata")
public record MovieMetadataConfiguration(
        @Bindable(defaultValue = "100000") @Min(0) @Max(10_000_000) int maxMovies,
        @Bindable(defaultValue = "1s") @NotNull Duration pollInterval,
        @Bindable(defaultValue = "60s") @NotNull Duration changeWindow) {

    public MovieMetadataConfiguration {
        if (pollInterval != null && (pollInterval.isZero() || pollInterval.isNegative())) {
            throw new IllegalArgumentException("recsys.movie-metadata.poll-interval must be positive, was "
                    + pollInterval);
        }
        if (changeWindow != null && pollInterval != null && changeWindow.compareTo(pollInterval) <= 0) {
            throw new IllegalArgumentException("recsys.movie-metadata.change-window must be longer than "
                    + "poll-interval, was " + changeWindow + " against " + pollInterval);
        }
    }
}
