package recsys.core.topn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BestFirstOrderTest {

    /** Walked to the end, the order is a full sort (score descending, index ascending) of the non-NaN scores. */
    @Test
    void handsOutEveryIndexInTheOrderOfAFullSort() {
        Random random = new Random(3);
        for (int trial = 0; trial < 500; trial++) {
            double[] scores = new double[random.nextInt(300)];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = random.nextInt(12) == 0 ? Double.NaN : random.nextInt(1 + trial % 50) - 7;
            }
            int[] expected = IntStream.range(0, scores.length).filter(i -> !Double.isNaN(scores[i])).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
                    .mapToInt(Integer::intValue).toArray();
            BestFirstOrder order = new BestFirstOrder(scores);
            List<Integer> actual = new ArrayList<>();
            while (order.hasNext()) {
                actual.add(order.next());
            }
            assertArrayEquals(expected, actual.stream().mapToInt(Integer::intValue).toArray(), "trial " + trial);
        }
    }
}
