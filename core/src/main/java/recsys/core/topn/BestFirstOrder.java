package recsys.core.topn;

/**
 * The indices of an array of scores, best first (ties by lower index, NaN never), handed out one at a time: a heap
 * built in linear time and popped only as far as the caller walks. The threshold walk of {@link TopNModel} stops
 * after the first few dozen of several hundred candidates, so sorting them all would be wasted.
 */
final class BestFirstOrder {

    private final double[] scores;
    private final int[] heap;
    private int size;

    BestFirstOrder(double[] scores) {
        this.scores = scores;
        this.heap = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isNaN(scores[i])) {
                heap[size++] = i;
            }
        }
        for (int i = size / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    boolean hasNext() {
        return size > 0;
    }

    /** The best index not handed out yet; only when {@link #hasNext}. */
    int next() {
        int best = heap[0];
        heap[0] = heap[--size];
        siftDown(0);
        return best;
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            int right = left + 1;
            int best = i;
            if (left < size && TopK.better(heap[left], scores[heap[left]], heap[best], scores[heap[best]])) {
                best = left;
            }
            if (right < size && TopK.better(heap[right], scores[heap[right]], heap[best], scores[heap[best]])) {
                best = right;
            }
            if (best == i) {
                return;
            }
            int swap = heap[i];
            heap[i] = heap[best];
            heap[best] = swap;
            i = best;
        }
    }
}
