package recsys.core.evaluation;

import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * Top-k ranking quality of one user's recommended list against the user's relevant test items.
 *
 * <p>Let the recommended list be r<sub>1</sub>, r<sub>2</sub>, … (rank 1 first, ids distinct), R the set of
 * relevant test ids (non-empty), rel(i) = 1 if r<sub>i</sub> ∈ R else 0, only ranks i ≤ k counted, and
 * hits@k = Σ<sub>i≤k</sub> rel(i). Ranks past the end of a short list count as misses.
 * <ul>
 *   <li><b>NDCG@k</b> = DCG@k / IDCG@k with binary gains: DCG@k = Σ<sub>i≤k</sub> rel(i) / log<sub>2</sub>(i + 1),
 *       and IDCG@k is the DCG of a perfect list, with relevant items at ranks 1 … min(k, |R|). (The log base
 *       cancels in the ratio; base 2 is written only because it is the usual one.)</li>
 *   <li><b>Precision@k</b> = hits@k / k. The denominator is k even when the list is shorter: a recommender that
 *       returns fewer items should not be rewarded for it (two guesses, one right, would otherwise score 1/2 against
 *       a full list of ten with five right). Spark MLlib's {@code precisionAt} and Microsoft Recommenders'
 *       {@code precision_at_k} divide by k too; LensKit (Python) divides by the list length when it is shorter.
 *       So when |R| &lt; k even a perfect list scores |R|/k; NDCG and recall are the metrics that reach 1 there.</li>
 *   <li><b>Recall@k</b> = hits@k / |R| (Spark MLlib {@code recallAt}, Microsoft Recommenders {@code recall_at_k};
 *       LensKit (Python) uses min(k, |R|) instead). With |R| &gt; k it cannot reach 1.</li>
 *   <li><b>AP@k</b> (average precision) = (1 / min(k, |R|)) · Σ<sub>i≤k, rel(i)=1</sub> precision@i, where
 *       precision@i = hits@i / i; MAP@k is its mean over users ({@link RankingAccumulator}).</li>
 * </ul>
 * All four lie in [0, 1] and are 0 for an empty list.
 *
 * <p>Users with no relevant test item have no defined value (IDCG, |R| and min(k, |R|) are 0), so
 * {@link #of} rejects them; {@link RankingAccumulator#addUser} skips and counts them instead.
 *
 * @param k                the cut-off, at least 1
 * @param averagePrecision AP@k of one user, or MAP@k when the record holds means over users
 */
public record RankingMetrics(int k, double ndcg, double precision, double recall, double averagePrecision)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    // Which MAP@k: dividing by min(k, |R|) follows Spark MLlib's RankingMetrics.meanAveragePrecisionAt (3.0+),
    // Microsoft Recommenders' map_at_k and the Kaggle "apk" reference (benhamner/Metrics) that both point to; a
    // perfect top k then scores 1 whatever |R| is. Others differ, so numbers are not comparable across tools:
    // LensKit's Java TopNMAPMetric divides by |R| (no cap at k), and LensKit's Python AveragePrecision by
    // min(|R|, length of the truncated list).

    public RankingMetrics {
        RankedLists.requirePositive("k", k);
    }

    /**
     * @param recommended the user's recommended movie ids, best first, each at most once; may be shorter than k
     *                    or empty; items past rank k are ignored
     * @param relevant    the user's relevant test movie ids (see {@link Relevance}); must not be empty
     * @param k           the cut-off, at least 1
     * @throws IllegalArgumentException if k &lt; 1, {@code relevant} is empty, or {@code recommended} names a
     *                                  movie twice
     */
    public static RankingMetrics of(List<String> recommended, Set<String> relevant, int k) {
        // One implementation for a single k and for the curves, so the two can never disagree.
        return RankingCurves.of(recommended, relevant, k).at(k);
    }
}
