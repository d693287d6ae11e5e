package recsys.core.topn;

import java.util.Arrays;

/**
 * The k best (index, score) pairs of a stream, in O(n log k) with a binary min-heap over primitive arrays: the
 * inner loop of every top-N path runs over the whole catalogue per user, where boxed heap entries would dominate.
 * Higher score is better; on equal scores the lower index wins, so the result does not depend on the order
 * the pairs arrive in. Reusable after {@link #clear}; not thread-safe.
 */
final class TopK {

    private final int k;
    private final int[] heapIndex;
    private final double[] heapScore;
    private int size;

    TopK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        this.k = k;
        this.heapIndex = new int[k];
        this.heapScore = new double[k];
    }

    void clear() {
        size = 0;
    }

    int size() {
        return size;
    }

    /** The lowest kept score; only meaningful once {@link #size} is k. */
    double worstScore() {
        return heapScore[0];
    }

    /** Offers one pair; NaN scores are ignored. */
    void offer(int index, double score) {
        if (Double.isNaN(score)) {
            return;
        }
        if (size < k) {
            heapIndex[size] = index;
            heapScore[size] = score;
            siftUp(size++);
        } else if (better(index, score, heapIndex[0], heapScore[0])) {
            heapIndex[0] = index;
            heapScore[0] = score;
            siftDown(0);
        }
    }

    /** The kept indices in no particular order: for a caller that only needs the set (no sort). */
    int[] indices() {
        return Arrays.copyOf(heapIndex, size);
    }

    /** The kept indices, best first. */
    int[] indicesBestFirst() {
        // pops a copy of the heap, worst first, into the result from its end: no boxed sort
        int[] index = Arrays.copyOf(heapIndex, size);
        double[] score = Arrays.copyOf(heapScore, size);
        int[] result = new int[size];
        for (int remaining = size; remaining > 0; remaining--) {
            result[remaining - 1] = index[0];
            index[0] = index[remaining - 1];
            score[0] = score[remaining - 1];
            siftDown(index, score, remaining - 1, 0);
        }
        return result;
    }

    static boolean better(int indexA, double scoreA, int indexB, double scoreB) {
        int byScore = Double.compare(scoreA, scoreB);
        return byScore != 0 ? byScore > 0 : indexA < indexB;
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!better(heapIndex[parent], heapScore[parent], heapIndex[i], heapScore[i])) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        siftDown(heapIndex, heapScore, size, i);
    }

    /** Restores the min-heap (worst at the root) of the first {@code size} pairs below position {@code i}. */
    private static void siftDown(int[] heapIndex, double[] heapScore, int size, int i) {
        while (true) {
            int left = 2 * i + 1;
            int right = left + 1;
            int worst = i;
            if (left < size && better(heapIndex[worst], heapScore[worst], heapIndex[left], heapScore[left])) {
                worst = left;
            }
            if (right < size && better(heapIndex[worst], heapScore[worst], heapIndex[right], heapScore[right])) {
                worst = right;
            }
            if (worst == i) {
                return;
            }
            swap(heapIndex, heapScore, i, worst);
            i = worst;
        }
    }

    private void swap(int a, int b) {
        swap(heapIndex, heapScore, a, b);
    }

    private static void swap(int[] heapIndex, double[] heapScore, int a, int b) {
        int index = heapIndex[a];
        heapIndex[a] = heapIndex[b];
        heapIndex[b] = index;
        double score = heapScore[a];
        heapScore[a] = heapScore[b];
        heapScore[b] = score;
    }
}
