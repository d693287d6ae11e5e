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
 * @param ids      candidate movie ids
 * @param features one row of {@link RerankWeights#FEATURES} per candidate
 * @param counts   training rating counts, the first tie-break
 */
public record UserCandidates(List<String> ids, double[][] features, long[] counts) implements Serializable {
    private static final long serialVersionUID = 1L;

    public UserCandidates {
        ids = List.copyOf(ids);
        if (features.length != ids.size() || counts.length != ids.size()) {
            throw new IllegalArgumentException(ids.size() + " candidates but " + features.length + " feature rows and "
                    + counts.length + " counts");
        }
    }

    /** The weighted mean of the features present; NaN when none with a positive weight is. */
    public double score(int candidate, double[] weights) {
        double sum = 0;
        double total = 0;
        double[] f = features[candidate];
        for (int j = 0; j < weights.length; j++) {
            if (weights[j] > 0 && !Double.isNaN(f[j])) {
                sum += weights[j] * f[j];
                total += weights[j];
            }
        }
        return total > 0 ? sum / total : Double.NaN;
    }

    /**
     * The top {@code k} ids under {@code weights}, best first: higher score, then more training ratings, then movie
     * id ascending; candidates without a score come last in that same tie order.
     */
    public List<String> top(RerankWeights weights, int k) {
        double[] w = weights.toArray();
        Integer[] order = new Integer[ids.size()];
        double[] scores = new double[ids.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            scores[i] = score(i, w);
        }
        Comparator<Integer> bestFirst = (a, b) -> {
            boolean aScored = !Double.isNaN(scores[a]);
            boolean bScored = !Double.isNaN(scores[b]);
            if (aScored != bScored) {
                return aScored ? -1 : 1;
            }
            int byScore = aScored ? Double.compare(scores[b], scores[a]) : 0;
            if (byScore != 0) {
                return byScore;
            }
            int byCount = Long.compare(counts[b], counts[a]);
            return byCount != 0 ? byCount : ids.get(a).compareTo(ids.get(b));
        };
        Arrays.sort(order, bestFirst);
        List<String> top = new ArrayList<>(Math.min(k, order.length));
        for (int i = 0; i < order.length && top.size() < k; i++) {
            top.add(ids.get(order[i]));
        }
        return top;
    }
}
