package recsys.core.topn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ItemNeighboursTest {

    private static final List<String> IDS = List.of("1", "2", "3", "4");
    // row i: weights of movie i towards each movie
    private static final double[] DENSE = {
            9.0, 0.5, 0.2, -1.0,
            0.3, 9.0, 0.3, 0.7,
            0.0, 0.0, 9.0, -0.1,
            0.4, 0.1, 0.9, 9.0};

    @Test
    void truncateKeepsTheLargestPositiveOffDiagonalWeightsBestFirst() {
        ItemNeighbours table = ItemNeighbours.truncate(IDS, DENSE, 2);
        assertArrayEquals(new int[]{1, 2}, table.neighbours(0)); // -1.0 dropped, the diagonal 9.0 never kept
        assertArrayEquals(new float[]{0.5f, 0.2f}, table.weights(0));
        assertArrayEquals(new int[]{3, 0}, table.neighbours(1)); // 0.3 tie: the lower row wins
        assertArrayEquals(new float[]{0.7f, 0.3f}, table.weights(1));
        assertArrayEquals(new int[0], table.neighbours(2)); // nothing positive
        assertArrayEquals(new int[]{2, 0}, table.neighbours(3));
        assertEquals(6, table.entries());
        assertEquals(3, ItemNeighbours.truncate(IDS, DENSE, 1).entries());
        assertEquals(8, ItemNeighbours.truncate(IDS, DENSE, 10).entries());
    }

    @Test
    void truncateAgreesWithSortingEachRow() {
        Random random = new Random(5);
        int n = 40;
        List<String> ids = java.util.stream.IntStream.range(0, n).mapToObj(i -> "m" + i).toList();
        double[] dense = new double[n * n];
        for (int e = 0; e < dense.length; e++) {
            // few distinct values, so ties are common
            dense[e] = random.nextInt(9) - 3;
        }
        int k = 6;
        ItemNeighbours table = ItemNeighbours.truncate(ids, dense, k);
        for (int i = 0; i < n; i++) {
            final int row = i;
            int[] expected = java.util.stream.IntStream.range(0, n)
                    .filter(j -> j != row && dense[row * n + j] > 0).boxed()
                    .sorted((a, b) -> dense[row * n + a] != dense[row * n + b]
                            ? Double.compare(dense[row * n + b], dense[row * n + a]) : Integer.compare(a, b))
                    .limit(k).mapToInt(Integer::intValue).toArray();
            assertArrayEquals(expected, table.neighbours(i), "row " + i);
        }
    }

    @Test
    void accumulateAddsTheRowsOfTheRatedMovies() {
        ItemNeighbours table = ItemNeighbours.truncate(IDS, DENSE, 3);
        double[] scores = new double[4];
        table.accumulate(new int[]{0, 3}, scores);
        assertArrayEquals(new double[]{0.4f, 0.5f + 0.1f, 0.2f + 0.9f, 0}, scores, 1e-7);
        table.accumulate(new int[]{}, scores);
        assertArrayEquals(new double[]{0.4f, 0.5f + 0.1f, 0.2f + 0.9f, 0}, scores, 1e-7);
    }

    @Test
    void writesAndReadsBackTheSameTable() throws IOException {
        ItemNeighbours table = ItemNeighbours.truncate(List.of("1", "é", "3", "40000"), DENSE, 3);
        ItemNeighbours read = ItemNeighbours.read(new ByteArrayInputStream(bytes(table)));
        assertEquals(table, read);
        assertEquals(table.ids(), read.ids());
        assertEquals(2, read.indexOf("3"));
        assertEquals(-1, read.indexOf("5"));
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(table.weights(i), read.weights(i));
        }
    }

    @Test
    void readRejectsCorruptionTruncationAndOtherFiles() throws IOException {
        byte[] good = bytes(ItemNeighbours.truncate(IDS, DENSE, 3));
        for (int at = 0; at < good.length; at++) {
            byte[] corrupted = good.clone();
            corrupted[at] ^= 0x10;
            int position = at;
            IOException e = assertThrows(IOException.class,
                    () -> ItemNeighbours.read(new ByteArrayInputStream(corrupted)), "byte " + position);
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        }
        IOException checksum = assertThrows(IOException.class, () -> ItemNeighbours.read(
                new ByteArrayInputStream(flip(good, good.length - 10))));
        assertTrue(checksum.getMessage().contains("checksum"), checksum.getMessage());
        assertThrows(IOException.class,
                () -> ItemNeighbours.read(new ByteArrayInputStream(Arrays.copyOf(good, good.length - 1))));
        assertThrows(IOException.class,
                () -> ItemNeighbours.read(new ByteArrayInputStream(Arrays.copyOf(good, good.length + 1))));
        IOException magic = assertThrows(IOException.class,
                () -> ItemNeighbours.read(new ByteArrayInputStream("not a table".getBytes())));
        assertTrue(magic.getMessage().contains("magic"), magic.getMessage());
    }

    @Test
    void ofRejectsInvalidRows() {
        assertThrows(IllegalArgumentException.class, () -> ItemNeighbours.of(List.of("1", "2"),
                new int[][]{{1}, {1}}, new float[][]{{1f}, {1f}})); // row 1 points at itself
        assertThrows(IllegalArgumentException.class, () -> ItemNeighbours.of(List.of("1", "2"),
                new int[][]{{2}, {}}, new float[][]{{1f}, {}})); // out of range
        assertThrows(IllegalArgumentException.class, () -> ItemNeighbours.of(List.of("1", "2"),
                new int[][]{{1}, {}}, new float[][]{{Float.NaN}, {}}));
        assertThrows(IllegalArgumentException.class, () -> ItemNeighbours.of(List.of("1", "1"),
                new int[][]{{}, {}}, new float[][]{{}, {}}));
        assertThrows(IllegalArgumentException.class, () -> ItemNeighbours.truncate(IDS, new double[15], 1));
        assertThrows(IllegalArgumentException.class, () -> ItemNeighbours.truncate(IDS, DENSE, 0));
    }

    private static byte[] bytes(ItemNeighbours table) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        table.write(out);
        return out.toByteArray();
    }

    private static byte[] flip(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= 0x01;
        return copy;
    }

    /** Per-column truncation against a brute force: every column keeps exactly its k largest positive weights. */
    @Test
    void truncateColumnsKeepsEachColumnsLargestWeights() {
        java.util.Random random = new java.util.Random(3);
        int n = 30;
        int k = 4;
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("m" + i);
        }
        double[] dense = new double[n * n];
        for (int e = 0; e < dense.length; e++) {
            dense[e] = random.nextDouble() - 0.3;
        }
        ItemNeighbours table = ItemNeighbours.truncateColumns(ids, dense, k);
        java.util.Map<Integer, java.util.Map<Integer, Float>> byColumn = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            int[] neighbours = table.neighbours(i);
            float[] weights = table.weights(i);
            for (int e = 0; e < neighbours.length; e++) {
                byColumn.computeIfAbsent(neighbours[e], j -> new java.util.HashMap<>()).put(i, weights[e]);
            }
        }
        for (int j = 0; j < n; j++) {
            final int column = j;
            List<Integer> expected = java.util.stream.IntStream.range(0, n)
                    .filter(i -> i != column && dense[i * n + column] > 0).boxed()
                    .sorted((a, b) -> Double.compare(dense[b * n + column], dense[a * n + column]))
                    .limit(k).sorted().toList();
            List<Integer> actual = byColumn.getOrDefault(j, java.util.Map.of()).keySet().stream().sorted().toList();
            assertEquals(expected, actual, "column " + j);
            byColumn.getOrDefault(j, java.util.Map.of()).forEach((i, w) ->
                    assertEquals((float) dense[i * n + column], w, 0f));
        }
    }
}
