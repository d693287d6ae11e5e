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
    /**
     * Feature j of every candidate at {@code columns[j]}, NaN where missing: a weighting's scores are then a few
     * passes over contiguous arrays (about 2.5 times faster than row by row in a microbenchmark of the search).
     */
    private final double[][] columns;

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
        double[][] sortedColumns = new double[RerankWeights.FEATURES][order.length];
        for (int i = 0; i < order.length; i++) {
            sortedIds.add(ids.get(order[i]));
            double[] row = features[order[i]];
            for (int j = 0; j < RerankWeights.FEATURES; j++) {
                // a shorter row lacks the later features, as RerankWeights.score reads it
                sortedColumns[j][i] = j < row.length ? row[j] : Double.NaN;
            }
        }
        this.ids = List.copyOf(sortedIds);
        this.columns = sortedColumns;
    }

    public int size() {
        return ids.size();
    }

    public List<String> ids() {
        return ids;
    }

    /** The weighted mean of the features present; NaN when none with a positive weight is. */
    public double score(int candidate, double[] weights) {
        double[] row = new double[columns.length];
        for (int j = 0; j < row.length; j++) {
            row[j] = columns[j][candidate];
        }
        return RerankWeights.score(weights, row);
    }

    /**
     * The top {@code k} ids under {@code weights}, best first: higher score, then more training ratings, then movie
     * id ascending; candidates without a score come after every scored one, in that same tie order.
     */
    public List<String> top(RerankWeights weights, int k) {
        return top(weights.toArray(), k);
    }

    /**
     * {@link #top(double[], int)} as candidate indices, written to {@code into} (returns how many): the validation
     * search's inner loop, with no list per ranking. {@code used} lists the positions of the weights above zero,
     * ascending, so each score sums the same terms in the same order as {@link RerankWeights#score}, skipping the zero
     * weights (most of a grid's); {@code sum} and {@code total} are scratch space of at least {@link #size()}.
     */
    int topIndices(double[] weights, int[] used, TopK best, int[] into, double[] sum, double[] total) {
        int n = ids.size();
        Arrays.fill(sum, 0, n, 0.0);
        Arrays.fill(total, 0, n, 0.0);
        for (int j : used) {
            double weight = weights[j];
            double[] column = columns[j];
            for (int i = 0; i < n; i++) {
                double feature = column[i];
                // selects rather than branches, since missing features are common and unpredictable: a missing one
                // adds +0.0 to sums that start at +0.0, which changes no bit, so each score is the same double as
                // RerankWeights.score's
                boolean present = feature == feature;
                sum[i] += present ? weight * feature : 0.0;
                total[i] += present ? weight : 0.0;
            }
        }
        best.clear();
        int unscored = 0;
        for (int i = 0; i < n; i++) {
            sum[i] = total[i] > 0 ? sum[i] / total[i] : Double.NaN; // the score, kept for the unscored pass
            if (Double.isNaN(sum[i])) {
                unscored++;
            } else {
                best.offer(i, sum[i]);
            }
        }
        int[] ranked = best.indicesBestFirst();
        int length = Math.min(ranked.length, into.length);
        System.arraycopy(ranked, 0, into, 0, length);
        for (int i = 0; unscored > 0 && i < n && length < into.length; i++) {
            if (Double.isNaN(sum[i])) {
                into[length++] = i;
            }
        }
        return length;
    }

    /** {@link #top(RerankWeights, int)} with the weights as an array. */
    public List<String> top(double[] weights, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        int[] top = new int[Math.min(k, ids.size())];
        int length = topIndices(weights, RerankWeights.used(weights), new TopK(k), top, new double[ids.size()],
                new double[ids.size()]);
        List<String> result = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            result.add(ids.get(top[i]));
        }
        return result;
    }
}
