package recsys.core.similar;

import java.util.function.IntPredicate;

/**
 * The best few catalogue positions by score, with the similar-movies tie order: higher score, then more training
 * ratings, then lower position (the catalogue is in id order, so lower id). A bounded min-heap over primitive
 * arrays, O(n log(skip + k)): a list is asked for per request and, in the evaluation, per user and per grid value,
 * over the whole catalogue each time.
 */
final class BestPositions {

    private final long[] counts;

    /** @param counts the training rating count of each catalogue position (not copied, never modified) */
    BestPositions(long[] counts) {
        this.counts = counts;
    }

    /**
     * Positions ranked {@code skip + 1} … {@code skip + k} among those {@code accepted} with a score above -∞
     * (NaN is no score), best first; shorter when fewer qualify.
     */
    int[] select(double[] scores, int skip, int k, IntPredicate accepted) {
        long wanted = Math.min((long) skip + k, scores.length);
        if (k == 0 || wanted <= skip) {
            return new int[0];
        }
        int capacity = (int) wanted;
        int[] heap = new int[capacity];
        int size = 0;
        for (int i = 0; i < scores.length; i++) {
            double score = scores[i];
            if (!(score > Double.NEGATIVE_INFINITY) || !accepted.test(i)) {
                continue;
            }
            if (size < capacity) {
                heap[size] = i;
                siftUp(heap, size++, scores);
            } else if (better(i, heap[0], scores)) {
                heap[0] = i;
                siftDown(heap, 0, size, scores);
            }
        }
        // pop the worst repeatedly into the back: the array ends best first
        int[] ordered = new int[size];
        for (int end = size - 1; end >= 0; end--) {
            ordered[end] = heap[0];
            heap[0] = heap[end];
            siftDown(heap, 0, end, scores);
        }
        if (size <= skip) {
            return new int[0];
        }
        int[] page = new int[size - skip];
        System.arraycopy(ordered, skip, page, 0, page.length);
        return page;
    }

    /** Whether position a ranks before position b. */
    boolean better(int a, int b, double[] scores) {
        int byScore = Double.compare(scores[a], scores[b]);
        if (byScore != 0) {
            return byScore > 0;
        }
        if (counts[a] != counts[b]) {
            return counts[a] > counts[b];
        }
        return a < b;
    }

    // a min-heap: the root is the worst kept position
    private void siftUp(int[] heap, int i, double[] scores) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!better(heap[parent], heap[i], scores)) {
                return;
            }
            swap(heap, i, parent);
            i = parent;
        }
    }

    private void siftDown(int[] heap, int i, int size, double[] scores) {
        while (true) {
            int left = 2 * i + 1;
            int right = left + 1;
            int worst = i;
            if (left < size && better(heap[worst], heap[left], scores)) {
                worst = left;
            }
            if (right < size && better(heap[worst], heap[right], scores)) {
                worst = right;
            }
            if (worst == i) {
                return;
            }
            swap(heap, i, worst);
            i = worst;
        }
    }

    private static void swap(int[] heap, int a, int b) {
        int kept = heap[a];
        heap[a] = heap[b];
        heap[b] = kept;
    }
}
