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

    /** Any string id works, and each factor maps back to exactly its own string ("07" and "7" are two movies). */
    @Test
    void stringIdsMapBackToExactlyTheirOwnStrings() {
        Dataset<Row> ratings = TestSpark.session().createDataFrame(new ArrayList<>(List.of(
                RowFactory.create("u-1", "7", 4.0, 1L), RowFactory.create("u-1", "07", 4.0, 1L),
                RowFactory.create("a@b.c", "07", 3.0, 2L), RowFactory.create("a@b.c", "m:x", 3.0, 2L),
                RowFactory.create("9", "m:x", 3.0, 2L))), TopNData.SCHEMA);
        ImplicitAls.Fitted fitted = ImplicitAls.fit(ratings, 2, 0.1, 1, 3, 1);
        assertEquals(List.of("07", "7", "m:x"), fitted.items().ids());
        assertEquals(java.util.Set.of("u-1", "a@b.c", "9"), fitted.userFactors().keySet());
        // each user's factors are the fold-in of their own movies (a mixed-up mapping would fold in others)
        Map<String, List<String>> rated = Map.of("u-1", List.of("07", "7"), "a@b.c", List.of("07", "m:x"),
                "9", List.of("m:x"));
        rated.forEach((user, movies) -> {
            double[] folded = fitted.items().foldIn(movies.stream().mapToInt(fitted.items()::indexOf).sorted()
                    .toArray());
            float[] spark = fitted.userFactors().get(user);
            for (int d = 0; d < spark.length; d++) {
                assertEquals(spark[d], folded[d], 1e-5, user + " factor " + d);
            }
        });
    }

    @Test
    void rejectsParametersOutOfRange() {
        Dataset<Row> ratings = TopNData.frame(TopNData.histories(1, 5, 5, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> ImplicitAls.fit(ratings, 0, 0.1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ImplicitAls.fit(ratings, 2, 0, 1, 1, 1));
    }
}
