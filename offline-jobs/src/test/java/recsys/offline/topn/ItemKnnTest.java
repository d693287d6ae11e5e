package recsys.offline.topn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import recsys.core.topn.ItemNeighbours;

class ItemKnnTest {

    @Test
    void keepsExactlyTheKLargestCosinesOfEachRowWithoutItself() {
        TreeMap<String, TreeSet<String>> histories = TopNData.histories(21, 70, 50, 2, 20);
        // two movies only one user rated, together: each has one neighbour
        histories.put("lonely", new TreeSet<>(List.of("900", "901")));
        List<String> ids = List.copyOf(TopNData.counts(histories).keySet());
        int n = ids.size();
        ItemGram gram = new ItemGram(ids, TopNData.bruteForceGram(histories, ids));
        int k = 7;

        ItemNeighbours table = ItemKnn.fit(gram, k);

        assertEquals(ids, table.ids());
        int rowsWithFewer = 0;
        for (int i = 0; i < n; i++) {
            // brute force: the cosine of the rater sets, every other movie sorted by it (then by row)
            TreeSet<String> ratersOfI = raters(histories, ids.get(i));
            List<double[]> others = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                TreeSet<String> both = raters(histories, ids.get(j));
                int ratersOfJ = both.size();
                both.retainAll(ratersOfI);
                double cosine = both.size() / Math.sqrt((double) ratersOfI.size() * ratersOfJ);
                if (j != i && cosine > 0) {
                    others.add(new double[]{j, cosine});
                }
            }
            others.sort(Comparator.<double[]>comparingDouble(o -> -o[1]).thenComparingDouble(o -> o[0]));
            List<double[]> expected = others.subList(0, Math.min(k, others.size()));
            rowsWithFewer += expected.size() < k ? 1 : 0;
            int[] kept = table.neighbours(i);
            float[] weights = table.weights(i);
            assertEquals(expected.size(), kept.length, "row " + i);
            for (int e = 0; e < kept.length; e++) {
                assertTrue(kept[e] != i);
                assertEquals(expected.get(e)[1], weights[e], 1e-6, "row " + i + " entry " + e);
                // the same movie, unless two cosines tie within float precision
                if (e + 1 < expected.size() && expected.get(e)[1] - expected.get(e + 1)[1] > 1e-12
                        && (e == 0 || expected.get(e - 1)[1] - expected.get(e)[1] > 1e-12)) {
                    assertEquals((int) expected.get(e)[0], kept[e], "row " + i + " entry " + e);
                }
            }
        }
        assertTrue(rowsWithFewer < n, "the fixture must have rows with more than k positive cosines");
        assertTrue(rowsWithFewer > 0, "and rows with fewer");
    }

    @Test
    void similaritiesAreSymmetricCosinesWithAZeroDiagonal() {
        TreeMap<String, TreeSet<String>> histories = TopNData.histories(2, 30, 20, 2, 10);
        List<String> ids = List.copyOf(TopNData.counts(histories).keySet());
        int n = ids.size();
        double[] sim = ItemKnn.similarities(new ItemGram(ids, TopNData.bruteForceGram(histories, ids)));
        for (int i = 0; i < n; i++) {
            assertEquals(0.0, sim[i * n + i]);
            for (int j = 0; j < n; j++) {
                assertEquals(sim[i * n + j], sim[j * n + i], 1e-15);
                assertTrue(sim[i * n + j] >= 0 && sim[i * n + j] <= 1 + 1e-12);
            }
        }
        assertArrayEquals(sim, ItemKnn.similarities(new ItemGram(ids, TopNData.bruteForceGram(histories, ids))));
    }

    private static TreeSet<String> raters(TreeMap<String, TreeSet<String>> histories, String movie) {
        TreeSet<String> raters = new TreeSet<>();
        histories.forEach((user, movies) -> {
            if (movies.contains(movie)) {
                raters.add(user);
            }
        });
        return raters;
    }
}
