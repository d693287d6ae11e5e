package recsys.core.topn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import recsys.core.filter.MovieFilter;

/**
 * The catalogue positions a filter's metadata constraints refuse, kept for the filters used lately, so a filtered
 * ranking does not test every catalogue movie against its filter again. That test was over half of a genre-filtered
 * ranking's time at the ml-25m shape (58,452 movies, JFR), and requests use few distinct filters (a genre, a decade).
 * At most {@link #MAX_FILTERS} arrays are kept, the least recently used going first: a catalogue position is a byte,
 * so that is about 3.7 MB at 58,452 movies. Thread-safe; the arrays handed out must not be written.
 */
final class MetadataRefusals {

    static final int MAX_FILTERS = 64;

    private final Map<MovieFilter, boolean[]> refused = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<MovieFilter, boolean[]> eldest) {
            return size() > MAX_FILTERS;
        }
    };

    /**
     * @param metadataOnly a filter without excluded ids ({@link MovieFilter#withoutExcludedIds}), the key
     * @param compute      the refused positions, called when they are not kept
     */
    boolean[] of(MovieFilter metadataOnly, Function<MovieFilter, boolean[]> compute) {
        synchronized (refused) {
            boolean[] kept = refused.get(metadataOnly);
            if (kept != null) {
                return kept;
            }
        }
        // computed outside the lock: two threads may both compute a new filter's array, and get equal ones
        boolean[] computed = compute.apply(metadataOnly);
        synchronized (refused) {
            refused.putIfAbsent(metadataOnly, computed);
        }
        return computed;
    }
}
