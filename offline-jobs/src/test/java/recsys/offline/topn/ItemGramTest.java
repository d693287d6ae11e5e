package recsys.offline.topn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class ItemGramTest {

    @Test
    void countsEveryPairOfMoviesTheSameUsersRated() {
        TreeMap<String, TreeSet<String>> histories = TopNData.histories(11, 60, 45, 2, 25);
        ItemGram gram = ItemGram.compute(TopNData.frame(histories), 1000);
        List<String> all = new ArrayList<>(TopNData.counts(histories).keySet());
        assertEquals(all, gram.ids());
        // 45 movies on local[2]: more than one block, dense rows (popular movies) and sparse ones (the tail)
        assertTrue(ItemGram.blockStarts(gram.size(), 2).length > 1);
        assertArrayEquals(TopNData.bruteForceGram(histories, all), gram.gram());
        for (int i = 0; i < gram.size(); i++) {
            assertEquals(TopNData.counts(histories).get(gram.ids().get(i)), (int) gram.get(i, i));
        }
    }

    @Test
    void theCapKeepsTheMostRatedMoviesTiesByIdAscending() {
        TreeMap<String, TreeSet<String>> histories = TopNData.histories(5, 40, 30, 1, 12);
        Map<String, Integer> counts = TopNData.counts(histories);
        List<String> byCount = new ArrayList<>(counts.keySet());
        byCount.sort(Comparator.<String>comparingInt(counts::get).reversed().thenComparing(Comparator.naturalOrder()));
        int cap = 12;
        // the fixture must put a tie across the cap's boundary for the tie-break to matter
        assertEquals(counts.get(byCount.get(cap - 1)), counts.get(byCount.get(cap)), "fixture has no tie at the cap");
        List<String> expected = new ArrayList<>(byCount.subList(0, cap));
        expected.sort(null);

        ItemGram gram = ItemGram.compute(TopNData.frame(histories), cap);

        assertEquals(expected, gram.ids());
        assertArrayEquals(TopNData.bruteForceGram(histories, expected), gram.gram());
    }

    @Test
    void repeatedPairsCountOnceAndOtherColumnsAreIgnored() {
        TreeMap<String, TreeSet<String>> histories = TopNData.histories(3, 20, 15, 1, 8);
        Dataset<Row> ratings = TopNData.frame(histories);
        Dataset<Row> doubled = ratings.unionByName(ratings.limit(10));
        ItemGram gram = ItemGram.compute(doubled, 100);
        assertArrayEquals(TopNData.bruteForceGram(histories, gram.ids()), gram.gram());
    }

    @Test
    void blocksCoverEveryRowOnceAndStayUnderTheCellBudget() {
        for (int n : new int[]{1, 2, 7, 100, 9_724, 30_000}) {
            for (int parallelism : new int[]{1, 2, 8}) {
                int[] starts = ItemGram.blockStarts(n, parallelism);
                assertEquals(0, starts[0]);
                for (int b = 0; b < starts.length; b++) {
                    int end = b + 1 < starts.length ? starts[b + 1] : n;
                    assertTrue(end > starts[b]);
                    long cells = (long) (end - starts[b]) * (n - starts[b]);
                    assertTrue(end - starts[b] == 1 || cells <= ItemGram.BLOCK_CELLS, n + "/" + parallelism);
                    // small enough to spread over twice the parallelism
                    assertTrue(end - starts[b] <= (n + 2 * parallelism - 1) / (2 * parallelism), n + "/" + parallelism);
                }
            }
        }
    }

    @Test
    void rejectsAGramOfTheWrongSizeAndABadCap() {
        assertThrows(IllegalArgumentException.class, () -> new ItemGram(List.of("1", "2"), new double[3]));
        Dataset<Row> ratings = TopNData.frame(TopNData.histories(1, 3, 3, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> ItemGram.compute(ratings, 0));
    }
}
