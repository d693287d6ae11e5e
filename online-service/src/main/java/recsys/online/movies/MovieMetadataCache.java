package recsys.online.movies;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import recsys.online.config.MovieMetadataConfiguration;

/**
 * The title, genres and tags of the movies this instance lists, kept in memory.
 *
 * <p>Why: every page with metadata was a multi-get of its movies, and under the 16-client benchmark of
 * {@code POST /recommendations/session} those reads were a quarter of the machine's CPU in Elasticsearch alone,
 * plus the client's work in the service (docs/benchmarks.md). Metadata changes only through {@code /update_movie} and
 * a new {@code movies} index, so it is kept until one of those says otherwise: this instance's own writes are
 * forgotten as they return ({@link #forget}), so its next read sees them; other writers' are forgotten by
 * {@link MovieChangeWatcher} within its poll interval of Elasticsearch's refresh; a new index forgets everything.
 * Movies that do not exist are not kept, so a movie added elsewhere is found at once.
 *
 * <p>A read that raced a change must not keep what it read, which may predate the change: every change bumps a
 * generation, and a read that saw the generation move while it ran drops what it stored (stored first, checked
 * second, so a change after the check removes it itself).
 */
@Singleton
public class MovieMetadataCache {

    private final Cache<String, MovieDocument> documents;
    private final boolean enabled;
    private final AtomicLong generation = new AtomicLong();

    public MovieMetadataCache(MovieMetadataConfiguration configuration) {
        this.enabled = configuration.maxMovies() > 0;
        // maintenance on the calling thread: eviction is then done when a put returns, not on a pool's schedule
        this.documents = Caffeine.newBuilder().maximumSize(configuration.maxMovies()).executor(Runnable::run)
                .build();
    }

    /**
     * The metadata of the movies among {@code ids} that exist, by id: the kept ones from memory, the others through
     * {@code read} (called once, with those only, and not at all when every one is kept).
     */
    public Map<String, MovieDocument> get(List<String> ids, Function<List<String>, Map<String, MovieDocument>> read) {
        if (!enabled) {
            return read.apply(ids);
        }
        Map<String, MovieDocument> found = new HashMap<>(documents.getAllPresent(ids));
        List<String> missing = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            if (!found.containsKey(id)) {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) {
            return found;
        }
        long before = generation.get();
        Map<String, MovieDocument> fresh = read.apply(missing);
        documents.putAll(fresh);
        if (generation.get() != before) {
            documents.invalidateAll(fresh.keySet());
        }
        found.putAll(fresh);
        return found;
    }

    /** Forgets these movies, so the next read of each goes to Elasticsearch. */
    public void forget(Collection<String> ids) {
        generation.incrementAndGet();
        documents.invalidateAll(ids);
    }

    /** Forgets every movie. */
    public void forgetAll() {
        generation.incrementAndGet();
        documents.invalidateAll();
    }

    /** How many movies are kept now (for tests and health). */
    public long size() {
        documents.cleanUp();
        return documents.estimatedSize();
    }
}
