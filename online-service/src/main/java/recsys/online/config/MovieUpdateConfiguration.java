package recsys.online.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;

/**
 * How {@code POST /update_movie} makes a written movie recommendable before Elasticsearch's searches see it,
 * {@code recsys.movie-updates.*} in {@code conf/application.yml} (see {@link recsys.online.movieupdate.RecentMovies}).
 *
 * @param recentMaxMovies most just-written movies this instance keeps for searches to merge in; beyond it the
 *                        oldest are let go (they are searchable through the index's own one-second refresh long
 *                        before 10,000 later writes); default 10,000, range 1–1,000,000
 * @param recentExpiry    how long a just-written movie is kept at most, even when no refresh of the indices has
 *                        succeeded since (a safety net: normally the background refresh lets it go within
 *                        milliseconds); default 60 s, positive
 * @param refreshDelay    how long after a write the background refresh starts, so that the writes of that time
 *                        share one refresh (and Elasticsearch's own one-second refresh has often published them
 *                        already, leaving ours little to do); the movies are recommendable meanwhile all the same.
 *                        0 refreshes at once after every write, which costs the following requests CPU on a small
 *                        machine (docs/benchmarks.md); default 1 s, 0 or more
 * @param refreshRetry    how long after a failed background refresh (Elasticsearch unreachable) it is tried again;
 *                        default 1 s, positive
 */
@ConfigurationProperties("recsys.movie-updates")
public record MovieUpdateConfiguration(
        @Bindable(defaultValue = "10000") @Positive @Max(1_000_000) int recentMaxMovies,
        @Bindable(defaultValue = "60s") @NotNull Duration recentExpiry,
        @Bindable(defaultValue = "1s") @NotNull Duration refreshDelay,
        @Bindable(defaultValue = "1s") @NotNull Duration refreshRetry) {

    public MovieUpdateConfiguration {
        requirePositive("recent-expiry", recentExpiry);
        if (refreshDelay != null && refreshDelay.isNegative()) {
            throw new IllegalArgumentException("recsys.movie-updates.refresh-delay must be 0 or more, was "
                    + refreshDelay);
        }
        requirePositive("refresh-retry", refreshRetry);
    }

    private static void requirePositive(String key, Duration value) {
        if (value != null && (value.isZero() || value.isNegative())) {
            throw new IllegalArgumentException("recsys.movie-updates." + key + " must be positive, was " + value);
        }
    }
}
