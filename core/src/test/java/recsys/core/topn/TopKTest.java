package recsys.core.topn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopKTest {

    /**
     * Against a full sort of every offered pair (score descending, then index ascending), for streams with many
     * ties, NaNs and k below, at and above the stream's length; the unordered {@code indices()} hold the same set.
     */
    @Test
    void keepsTheSameBestPairsAsAFullSortInTheSameOrder() {
        Random random = new Random(11);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(60);
            int k = 1 + random.nextInt(70);
            double[] scores = new double[n];
            TopK top = new TopK(k);
            for (int i = 0; i < n; i++) {
                scores[i] = random.nextInt(10) == 0 ? Double.NaN : random.nextInt(8) - 3;
            }
            // offered in a shuffled order: the result must not depend on it
            int[] order = IntStream.range(0, n).toArray();
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            for (int i : order) {
                top.offer(i, scores[i]);
            }

            int[] expected = IntStream.range(0, n).filter(i -> !Double.isNaN(scores[i])).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
                    .limit(k).mapToInt(Integer::intValue).toArray();
            assertArrayEquals(expected, top.indicesBestFirst(), "trial " + trial);
            int[] unordered = top.indices();
            Arrays.sort(unordered);
            int[] expectedSet = expected.clone();
            Arrays.sort(expectedSet);
            assertArrayEquals(expectedSet, unordered, "trial " + trial);
            assertArrayEquals(expected, top.indicesBestFirst(), "asking twice gives the same, trial " + trial);
        }
    }
}
