package recsys.core.topn;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One user's candidate pool and its re-ranker features ({@link RerankWeights} order; NaN where a feature is
 * missing): what {@link TopNModel.Prepared#candidates} computes once and any number of weightings rank, so the
 * validation search over weights never recomputes a source.
 *
 * <p>Candidates are held in tie order (more training ratings first, then movie id ascending), so ranking is a
 * primitive top-k selection in which, on equal scores, the earlier candidate wins: the same total order as
 * {@link recsys.core.ranking.Ranker}'s, whatever order the candidates came in.
 */
public final class UserCandidates implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> ids;
    private final double[][] features;

    /**
     * @param ids      candidate movie ids, distinct
     * @param features one row of {@link RerankWeights#FEATURES} per candidate
     * @param counts   training rating counts, the first tie-break
     */
    public UserCandidates(List<String> ids, double[][] features, long[] counts) {
        if (features.length != ids.size() || counts.length != ids.size()) {
            throw new IllegalArgumentException(ids.size() + " candidates but " + features.length + " feature rows and "
                    + counts.length + " counts");
        }
        Integer[] order = new Integer[ids.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingLong(i -> -counts[i]).thenComparing(ids::get));
        List<String> sortedIds = new ArrayList<>(order.length);
        double[][] sortedFeatures = new double[order.length][];
        for (int i = 0; i < order.length; i++) {
            sortedIds.add(ids.get(order[i]));
            sortedFeatures[i] = features[order[i]].clone();
        }
        this.ids = List.copyOf(sortedIds);
        this.features = sortedFeatures;
    }

    public int size() {
        return ids.size();
    }

    public List<String> ids() {
        return ids;
    }

    /** A copy of candidate {@code i}'s features. */
    public double[] features(int i) {
        return features[i].clone();
    }

    /** The weighted mean of the features present; NaN when none with a positive weight is. */
    public double score(int candidate, double[] weights) {
        return RerankWeights.score(weights, features[candidate]);
    }

    /**
     * The top {@code k} ids under {@code weights}, best first: higher score, then more training ratings, then movie
     * id ascending; candidates without a score come after every scored one, in that same tie order.
     */
    public List<String> top(RerankWeights weights, int k) {
        return top(weights.toArray(), k);
    }

    /** {@link #top(RerankWeights, int)} with the weights as an array (the search's inner loop). */
    public List<String> top(double[] weights, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        TopK best = new TopK(k);
        int unscored = 0;
        for (int i = 0; i < ids.size(); i++) {
            double score = score(i, weights);
            if (Double.isNaN(score)) {
                unscored++;
            } else {
                best.offer(i, score);
            }
        }
        List<String> top = new ArrayList<>(Math.min(k, ids.size()));
        for (int i : best.indicesBestFirst()) {
            top.add(ids.get(i));
        }
        for (int i = 0; unscored > 0 && i < ids.size() && top.size() < k; i++) {
            if (Double.isNaN(score(i, weights))) {
                top.add(ids.get(i));
            }
        }
        return top;
    }
}
