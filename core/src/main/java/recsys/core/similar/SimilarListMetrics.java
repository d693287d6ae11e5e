package recsys.core.similar;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import recsys.core.evaluation.RankingMetrics;

/**
 * How well one similar-movies list answered one {@link SimilarityProbe}, or the means over users.
 *
 * <p>With the list r<sub>1</sub>, r<sub>2</sub>, … (best first, ids distinct), only ranks i ≤ k counted, and R the
 * user's relevant held-out movies:
 * <ul>
 *   <li><b>hit rate@k</b>: 1 when some r<sub>i</sub> ∈ R, else 0; over users, the share whose list found one of
 *       their movies. The endpoint's question: did the list show them anything they went on to like?</li>
 *   <li><b>MRR@k</b> (reciprocal rank): 1 / i of the first r<sub>i</sub> ∈ R, 0 without one; it rewards a hit at
 *       the top, where a page of similar movies is read first.</li>
 *   <li><b>NDCG@k</b>: as {@link RankingMetrics} (binary gains, ideal list of min(k, |R|) hits), for a figure on
 *       the same scale as the user rankings'.</li>
 * </ul>
 * All lie in [0, 1]; an empty list scores 0.
 *
 * @param k the cut-off, at least 1
 */
public record SimilarListMetrics(int k, double hitRate, double reciprocalRank, double ndcg) {

    public SimilarListMetrics {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
    }

    /**
     * @param list     the similar movies, best first, ids distinct; ranks past k are ignored
     * @param relevant the user's relevant held-out movie ids, not empty
     */
    public static SimilarListMetrics of(List<String> list, Set<String> relevant, int k) {
        if (relevant.isEmpty()) {
            throw new IllegalArgumentException("no relevant movie: the metrics are undefined");
        }
        Set<String> seen = new HashSet<>();
        double reciprocalRank = 0;
        for (int i = 0; i < list.size(); i++) {
            if (!seen.add(list.get(i))) {
                throw new IllegalArgumentException("the list names " + list.get(i) + " twice");
            }
            if (i < k && reciprocalRank == 0 && relevant.contains(list.get(i))) {
                reciprocalRank = 1.0 / (i + 1);
            }
        }
        return new SimilarListMetrics(k, reciprocalRank > 0 ? 1 : 0, reciprocalRank,
                RankingMetrics.of(list, relevant, k).ndcg());
    }
}
