package recsys.online.movieupdate;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import recsys.online.config.MovieUpdateConfiguration;

/**
 * The movies this service instance wrote that Elasticsearch's searches may not see yet, and the background refresh
 * that lets them see them.
 *
 * <p>Why it exists. A document GET or multi-get in Elasticsearch is realtime: it sees a write as soon as the write
 * returns, so titles and the vectors of rated movies need nothing here. Searches (the kNN search of
 * {@code movie_vectors}, the genre filter on {@code movies}) see only what the last refresh of the shard published.
 * "A new movie can be recommended right away" was first kept by {@code refresh=true} on the write itself, but that
 * refresh was most of {@code POST /update_movie}'s latency: the bulk request with its refresh alone had a p99 of
 * 41.6 ms on a quiet machine, against a 30 ms target for the whole request (docs/benchmarks.md). Leaving it to the
 * indices' own {@code refresh_interval} (1 s, set by the offline jobs) would leave up to a second in which a user who
 * rates a movie like the new one is not offered it. So the write returns unrefreshed, its movies are recorded here
 * ({@link #record}), the searches merge them in ({@code VectorStore.nearest}, {@code MovieStore.withGenre}), and a
 * refresh of both aliases runs in the background, off the request thread.
 *
 * <p>The refresh is coalesced: it starts {@code refresh-delay} after a write (default 1 s), at most one is
 * scheduled or in flight, and writes that arrive meanwhile are covered by it or by the next one, scheduled the same
 * delay after it returns. Refreshing at once after every write moved the refresh's cost (a new segment, several
 * milliseconds of Elasticsearch's CPU on the shared 2 cores) beside the following requests instead of removing it;
 * with the delay, back-to-back writes share one refresh a second, and Elasticsearch's own scheduled refresh has
 * often published them before ours runs (docs/benchmarks.md has both measured). A movie is let go once a refresh
 * that <em>started after</em> its write returned has succeeded: every search sees it from then on. When the
 * refresh fails (Elasticsearch unreachable), the movies stay and the refresh is tried again every
 * {@code refresh-retry}. As a safety net a movie is let go once {@code recent-expiry} has passed since its write
 * whatever happened (checked at each refresh attempt, so at most one retry interval late), and at most
 * {@code recent-max-movies} are kept (the oldest go first); either way Elasticsearch's own scheduled refresh has
 * long made them searchable by then.
 *
 * <p>Only this instance's writes are here. Other instances of the service see a new movie in their searches after
 * Elasticsearch's own refresh (at most {@code refresh_interval}, 1 s) or this instance's background refresh,
 * whichever comes first; their metadata reads see it at once, as everywhere.
 *
 * <p>Readers get an immutable view ({@link #movies()}), replaced on every change, so a search never takes the lock;
 * it holds about the last second's writes of this instance, and is empty when nothing was written lately.
 */
@Singleton
public class RecentMovies {

    private static final Logger LOG = LoggerFactory.getLogger(RecentMovies.class);

    /** Makes everything written before the call visible to searches of both indices; throws when it cannot. */
    @FunctionalInterface
    public interface Refresh {
        void run();
    }

    /**
     * A movie as this instance wrote it: what searches need.
     *
     * @param vector its embedding (not copied: nobody may change it after the write)
     * @param genres its genres as stored (the catalogue's spelling)
     * @param year   its release year, or null when its title has none
     */
    public record Entry(String movieId, float[] vector, List<String> genres, @Nullable Integer year) {

        public Entry {
            genres = List.copyOf(genres);
        }

        /** A movie without a year. */
        public Entry(String movieId, float[] vector, List<String> genres) {
            this(movieId, vector, genres, null);
        }
    }

    /** An entry with its write order and time. */
    private record Held(Entry entry, long sequence, long writtenAtNanos) {
    }

    private final Refresh refresh;
    private final int maxMovies;
    private final long expiryNanos;
    private final long delayNanos;
    private final long retryNanos;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService refresher;

    private final Object lock = new Object();
    /** By movie id, in write order (a rewritten movie moves to the end); guarded by {@link #lock}. */
    private final LinkedHashMap<String, Held> held = new LinkedHashMap<>();
    /** Sequence of the last recorded write; guarded by {@link #lock}. */
    private long lastSequence;
    /** Whether a refresh attempt is scheduled or running (never more than one); guarded by {@link #lock}. */
    private boolean refreshing;
    /** Refreshes failed in a row, for logging once per outage; guarded by {@link #lock}. */
    private int failuresInARow;
    private volatile Map<String, Entry> view = Map.of();

    @Inject
    public RecentMovies(Refresh refresh, MovieUpdateConfiguration configuration) {
        this(refresh, configuration.recentMaxMovies(), configuration.recentExpiry(), configuration.refreshDelay(),
                configuration.refreshRetry(), System::nanoTime);
    }

    RecentMovies(Refresh refresh, int maxMovies, Duration expiry, Duration delay, Duration retry,
                 LongSupplier nanoTime) {
        if (maxMovies < 1) {
            throw new IllegalArgumentException("maxMovies must be at least 1, was " + maxMovies);
        }
        this.refresh = refresh;
        this.maxMovies = maxMovies;
        this.expiryNanos = expiry.toNanos();
        this.delayNanos = delay.toNanos();
        this.retryNanos = retry.toNanos();
        this.nanoTime = nanoTime;
        this.refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "movie-search-refresh");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The movies searches may not see yet, by id; an immutable snapshot. */
    public Map<String, Entry> movies() {
        return view;
    }

    /**
     * Records movies whose write to both indices has just returned successfully and schedules a background refresh
     * {@code refresh-delay} from now, unless one is already scheduled or running (then that one, or the one it
     * schedules when it returns, covers them).
     */
    public void record(Collection<Entry> written) {
        if (written.isEmpty()) {
            return;
        }
        synchronized (lock) {
            long now = nanoTime.getAsLong();
            for (Entry entry : written) {
                held.remove(entry.movieId());
                held.put(entry.movieId(), new Held(entry, ++lastSequence, now));
            }
            Iterator<Held> oldestFirst = held.values().iterator();
            while (held.size() > maxMovies) {
                oldestFirst.next();
                oldestFirst.remove();
            }
            publish();
            if (!refreshing) {
                refreshing = true;
                scheduleAttempt(delayNanos);
            }
        }
    }

    /**
     * One refresh of the indices, on the refresher thread. Afterwards: on success, the movies it covered go and,
     * if movies were written meanwhile, the next attempt is scheduled {@code refresh-delay} later; on failure,
     * everything stays and the next attempt comes {@code refresh-retry} later.
     */
    private void attempt() {
        try {
            long coveredUpTo;
            synchronized (lock) {
                dropExpired();
                if (held.isEmpty()) {
                    refreshing = false;
                    return;
                }
                // everything recorded so far was written before this refresh starts, so the refresh publishes it
                coveredUpTo = lastSequence;
            }
            RuntimeException failure = null;
            try {
                refresh.run();
            } catch (RuntimeException e) {
                failure = e;
            }
            synchronized (lock) {
                if (failure != null) {
                    failed(failure);
                    scheduleAttempt(retryNanos);
                    return;
                }
                if (failuresInARow > 0) {
                    LOG.info("refresh of the movie indices works again after {} failed attempts", failuresInARow);
                    failuresInARow = 0;
                }
                held.values().removeIf(h -> h.sequence() <= coveredUpTo);
                publish();
                if (held.isEmpty()) {
                    refreshing = false;
                } else {
                    scheduleAttempt(delayNanos);
                }
            }
        } catch (Throwable unexpected) {
            synchronized (lock) {
                refreshing = false;
            }
            throw unexpected;
        }
    }

    /** Holds the lock; {@link #refreshing} is true and stays so until the attempt finds nothing left to do. */
    private void scheduleAttempt(long afterNanos) {
        try {
            refresher.schedule(this::attempt, afterNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down: the indices' own scheduled refresh publishes the movies
            refreshing = false;
        }
    }

    /** Holds the lock. */
    private void failed(RuntimeException failure) {
        failuresInARow++;
        if (failuresInARow == 1) {
            LOG.warn("refresh of the movie indices failed; {} just-written movies stay merged into searches and the "
                    + "refresh is retried every {} ms: {}", held.size(), retryNanos / 1_000_000, failure.toString());
        } else {
            LOG.debug("refresh of the movie indices failed again ({} in a row): {}", failuresInARow,
                    failure.toString());
        }
    }

    /** Holds the lock. Entries are in write order, so the expired ones are at the front. */
    private void dropExpired() {
        long now = nanoTime.getAsLong();
        Iterator<Held> oldestFirst = held.values().iterator();
        boolean dropped = false;
        while (oldestFirst.hasNext()) {
            if (now - oldestFirst.next().writtenAtNanos() < expiryNanos) {
                break;
            }
            oldestFirst.remove();
            dropped = true;
        }
        if (dropped) {
            publish();
        }
    }

    /** Holds the lock. */
    private void publish() {
        if (held.isEmpty()) {
            view = Map.of();
            return;
        }
        Map<String, Entry> copy = new HashMap<>(held.size() * 2);
        held.forEach((id, h) -> copy.put(id, h.entry()));
        view = Collections.unmodifiableMap(copy);
    }

    @PreDestroy
    void close() {
        refresher.shutdownNow();
    }
}
