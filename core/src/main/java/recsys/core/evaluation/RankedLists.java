package recsys.core.evaluation;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Argument checks shared by the ranking and coverage metrics, so they reject the same inputs the same way. */
final class RankedLists {

    private RankedLists() {
    }

    static int requirePositive(String name, int k) {
        if (k <= 0) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + k);
        }
        return k;
    }

    /**
     * Rejects a recommended list that names a movie twice (or holds {@code null}).
     *
     * <p>Why reject rather than count once: the candidates are distinct movies and a ranker returns each at most
     * once, so a repeat is a bug upstream. Counting it twice could push precision and recall above 1; quietly
     * counting it once would hide the bug and leave it unclear which rank the later items hold. The whole list
     * is checked, not only the top k, because the bug is there whatever k the report asks for.
     */
    static void requireDistinct(List<String> recommended) {
        Set<String> seen = new HashSet<>(recommended.size() * 2);
        for (int i = 0; i < recommended.size(); i++) {
            String id = Objects.requireNonNull(recommended.get(i), "recommended id at rank " + (i + 1));
            if (!seen.add(id)) {
                throw new IllegalArgumentException(
                        "recommended list names movie " + id + " twice (again at rank " + (i + 1) + ")");
            }
        }
    }
}
