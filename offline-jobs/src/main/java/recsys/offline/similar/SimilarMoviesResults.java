package recsys.offline.similar;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import recsys.core.similar.SimilarListMetrics;

/**
 * The similar-movies section of an evaluation report: each list's means on the test part.
 *
 * @param k             the cut-off
 * @param users         the users every mean is over (a probe whose query the version does not know is left out)
 * @param heldOutUsers  test users with a liked test rating, the pool the users were drawn from
 * @param sampled       whether the pool was larger than {@code maxUsers} and the users are a seeded sample
 * @param maxUsers      the cap on users
 * @param seed          the seed of the sample
 * @param collaborative the version's blend weight of the collaborative part (from its manifest)
 * @param signal        the collaborative signal the lists were ranked with
 * @param lists         means by list name, in report order
 * @param descriptions  a one-line description of each list, same keys
 */
public record SimilarMoviesResults(int k, long users, long heldOutUsers, boolean sampled, int maxUsers, long seed,
                                   double collaborative, String signal, Map<String, SimilarListMetrics> lists,
                                   Map<String, String> descriptions) {

    public SimilarMoviesResults {
        Objects.requireNonNull(signal, "signal");
        lists = Collections.unmodifiableMap(new LinkedHashMap<>(lists));
        descriptions = Collections.unmodifiableMap(new LinkedHashMap<>(descriptions));
        if (!lists.keySet().equals(descriptions.keySet())) {
            throw new IllegalArgumentException("lists " + lists.keySet() + " but descriptions of "
                    + descriptions.keySet());
        }
        for (SimilarListMetrics metrics : lists.values()) {
            if (metrics.k() != k) {
                throw new IllegalArgumentException("a list measured at k = " + metrics.k() + " in a section at " + k);
            }
        }
    }
}
