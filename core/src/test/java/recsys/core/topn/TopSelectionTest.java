package recsys.core.topn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopSelectionTest {

    /**
     * Against a full sort (score descending, then index ascending) of the pairs, for arrays with many ties, sorted
     * and reversed runs, and k below, at and above their length: the same set as the brute force, so the same as
     * {@link TopK}.
     */
    @Test
    void keepsTheSameBestPairsAsAFullSort() {
        Random random = new Random(5);
        for (int trial = 0; trial < 2_000; trial++) {
            int n = 1 + random.nextInt(trial < 1_000 ? 40 : 3_000);
            int k = 1 + random.nextInt(Math.max(1, n + 5));
            int distinct = 1 + random.nextInt(trial % 3 == 0 ? 4 : 1_000);
            int[] indices = new int[n];
            double[] scores = new double[n];
            int index = random.nextInt(5);
            for (int i = 0; i < n; i++) {
                indices[i] = index;
                index += 1 + random.nextInt(3);
                scores[i] = random.nextInt(distinct) - distinct / 3.0;
            }
            if (trial % 5 == 1) {
                Arrays.sort(scores); // rising along the indices: the order that made the heap slow
            } else if (trial % 5 == 2) {
                Arrays.sort(scores);
                reverse(scores);
            }

            int[] expected = IntStream.range(0, n).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> indices[i]))
                    .limit(k).mapToInt(i -> indices[i]).sorted().toArray();
            int[] actual = TopSelection.best(indices, scores.clone(), n, k);
            Arrays.sort(actual);
            assertArrayEquals(expected, actual, "trial " + trial + ": n " + n + ", k " + k);
        }
    }

    @Test
    void readsOnlyTheFirstCountPairs() {
        int[] indices = {0, 1, 2, 3};
        double[] scores = {1, 2, 3, 99};
        assertArrayEquals(new int[] {2, 1}, sorted(TopSelection.best(indices, scores, 3, 2), true));
    }

    @Test
    void kthLargestAgreesWithASort() {
        Random random = new Random(9);
        for (int trial = 0; trial < 500; trial++) {
            double[] values = random.doubles(1 + random.nextInt(500), -5, 5).map(v -> Math.rint(v) + 0.0).toArray(); // + 0.0: no -0.0
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int k = 1 + random.nextInt(values.length);
            assertEquals(sorted[values.length - k], TopSelection.kthLargest(values, k), "trial " + trial);
        }
    }

    private static int[] sorted(int[] values, boolean descending) {
        int[] copy = values.clone();
        Arrays.sort(copy);
        if (descending) {
            for (int i = 0; i < copy.length / 2; i++) {
                int swap = copy[i];
                copy[i] = copy[copy.length - 1 - i];
                copy[copy.length - 1 - i] = swap;
            }
        }
        return copy;
    }

    private static void reverse(double[] values) {
        for (int i = 0; i < values.length / 2; i++) {
            double swap = values[i];
            values[i] = values[values.length - 1 - i];
            values[values.length - 1 - i] = swap;
        }
    }
}
