package recsys.core.topn;

import java.util.Arrays;

/**
 * The k best of many (index, score) pairs in expected linear time: quickselect finds the k-th best score, then one
 * pass keeps every pair above it and, among the pairs equal to it, those of lowest index. That is the set
 * {@link TopK} keeps (higher score first, ties by lower index), without a heap: a source nominates its best 200 of
 * a catalogue of 10k movies per user, where the heap's replacements, each a walk down its levels, cost more than
 * scoring the catalogue did. Hand-written because neither the JDK nor the project's libraries select over primitive
 * arrays (Guava's {@code Ordering.leastOf} boxes every score).
 */
final class TopSelection {

    /** Partition rounds before the rest is sorted instead, which bounds the worst case at O(n log n). */
    private static final int MAX_ROUNDS = 64;

    private TopSelection() {
    }

    /**
     * The indices of the best {@code k} pairs, in no particular order.
     *
     * @param indices the pairs' indices, strictly increasing (so the lowest index of a tie comes first)
     * @param scores  the pairs' scores, none NaN (compared with {@code <}, {@code >} and {@code ==}: -0.0 ties
     *                0.0, where {@link TopK} ranks it below); only the first {@code count} of both arrays are read
     */
    static int[] best(int[] indices, double[] scores, int count, int k) {
        if (count <= k) {
            return Arrays.copyOf(indices, count);
        }
        double threshold = kthLargest(Arrays.copyOf(scores, count), k);
        int above = 0;
        for (int i = 0; i < count; i++) {
            if (scores[i] > threshold) {
                above++;
            }
        }
        int[] best = new int[k];
        int kept = 0;
        int ties = k - above;
        for (int i = 0; i < count; i++) {
            double score = scores[i];
            if (score > threshold) {
                best[kept++] = indices[i];
            } else if (score == threshold && ties > 0) {
                best[kept++] = indices[i];
                ties--;
            }
        }
        return best;
    }

    /** The k-th largest of {@code values} (1-based); reorders them. */
    static double kthLargest(double[] values, int k) {
        int target = k - 1; // position in descending order
        int low = 0;
        int high = values.length - 1;
        for (int round = 0; low < high; round++) {
            if (round == MAX_ROUNDS) {
                Arrays.sort(values, low, high + 1);
                return values[low + (high - target)];
            }
            double pivot = medianOfThree(values[low], values[(low + high) >>> 1], values[high]);
            // Hoare partition, descending: [low, j] ≥ pivot ≥ [j + 1, high]
            int i = low - 1;
            int j = high + 1;
            while (true) {
                do {
                    i++;
                } while (values[i] > pivot);
                do {
                    j--;
                } while (values[j] < pivot);
                if (i >= j) {
                    break;
                }
                double swap = values[i];
                values[i] = values[j];
                values[j] = swap;
            }
            if (target <= j) {
                high = j;
            } else {
                low = j + 1;
            }
        }
        return values[target];
    }

    private static double medianOfThree(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
