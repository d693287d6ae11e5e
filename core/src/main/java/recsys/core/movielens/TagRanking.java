package recsys.core.movielens;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders one movie's tags for display and for the movie text: the tags most users agree on first.
 * Ties are broken alphabetically so the order, and anything built from it, is the same on every run.
 */
public final class TagRanking {

    private TagRanking() {
    }

    /**
     * @param normalisedTags every tag applied to one movie, one entry per application, already normalised
     * @return the distinct tags, most frequent first, then alphabetically
     */
    public static List<String> rank(Collection<String> normalisedTags) {
        Map<String, Long> counts = new HashMap<>();
        for (String tag : normalisedTags) {
            counts.merge(tag, 1L, Long::sum);
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .toList();
    }
}
