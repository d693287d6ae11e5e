package recsys.offline.topn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import recsys.core.topn.ItemFactors;
import recsys.offline.testing.TestSpark;

class ImplicitAlsTest {

    @Test
    void foldInReproducesSparksUserFactors() {
        TreeMap<String, TreeSet<String>> histories = TopNData.histories(17, 50, 70, 3, 30);
        ImplicitAls.Fitted fitted = ImplicitAls.fit(TopNData.frame(histories), 6, 0.05, 10, 8, 42);
        ItemFactors items = fitted.items();

        assertEquals(List.copyOf(TopNData.counts(histories).keySet()), items.ids());
        assertEquals(6, items.rank());
        assertEquals(10, items.alpha());
        assertEquals(0.05, items.regParam());
        assertEquals(histories.keySet(), fitted.userFactors().keySet());
        double worst = 0;
        for (Map.Entry<String, TreeSet<String>> user : histories.entrySet()) {
            int[] rows = user.getValue().stream().mapToInt(items::indexOf).sorted().toArray();
            double[] folded = items.foldIn(rows);
            float[] spark = fitted.userFactors().get(user.getKey());
            double difference = 0;
            double norm = 0;
            for (int d = 0; d < spark.length; d++) {
                difference += (folded[d] - spark[d]) * (folded[d] - spark[d]);
                norm += (double) spark[d] * spark[d];
            }
            worst = Math.max(worst, Math.sqrt(difference / norm));
        }
        System.out.printf("ImplicitAlsTest: largest relative difference fold-in vs Spark %.3g%n", worst);
        // the same normal equations solved in double; Spark returns floats (relative rounding 6e-8): 3.3e-8 measured
        assertTrue(worst < 1e-6, "fold-in differs from Spark's user factors by " + worst + " (relative)");
    }

    @Test
    void rejectsIdsThatAreNotCanonicalInts() {
        for (String bad : new String[]{"07", "x1", "-3", " 7", "3000000000"}) {
            Dataset<Row> ratings = TestSpark.session().createDataFrame(new ArrayList<>(List.of(
                    RowFactory.create("1", "5", 4.0, 1L), RowFactory.create("2", bad, 3.0, 2L))), TopNData.SCHEMA);
            assertThrows(IllegalArgumentException.class, () -> ImplicitAls.fit(ratings, 2, 0.1, 1, 1, 1), bad);
        }
        Dataset<Row> ratings = TopNData.frame(TopNData.histories(1, 5, 5, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> ImplicitAls.fit(ratings, 0, 0.1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ImplicitAls.fit(ratings, 2, 0, 1, 1, 1));
    }
}
