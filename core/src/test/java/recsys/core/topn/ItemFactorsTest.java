package recsys.core.topn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ItemFactorsTest {

    private static final int RANK = 5;
    private static final double ALPHA = 8;
    private static final double REG = 0.07;

    @Test
    void foldInSolvesTheImplicitNormalEquations() {
        ItemFactors model = randomModel(30, 1);
        Random random = new Random(2);
        for (int trial = 0; trial < 20; trial++) {
            int[] rated = random.ints(0, 30).distinct().limit(1 + random.nextInt(12)).sorted().toArray();
            // (YᵀY + α Σ_rated y yᵀ + λ n_u I) x = (1 + α) Σ_rated y, built and solved directly
            double[][] a = new double[RANK][RANK + 1];
            for (int i = 0; i < 30; i++) {
                float[] y = model.factors(i);
                boolean isRated = java.util.Arrays.binarySearch(rated, i) >= 0;
                for (int p = 0; p < RANK; p++) {
                    for (int q = 0; q < RANK; q++) {
                        a[p][q] += (isRated ? 1 + ALPHA : 1) * y[p] * y[q];
                    }
                    a[p][RANK] += isRated ? (1 + ALPHA) * y[p] : 0;
                }
            }
            for (int p = 0; p < RANK; p++) {
                a[p][p] += REG * rated.length;
            }
            assertArrayEquals(gaussianElimination(a), model.foldIn(rated), 1e-9, "trial " + trial);
        }
        assertArrayEquals(new double[RANK], model.foldIn(new int[0]));
    }

    @Test
    void scoresAreDotProducts() {
        // two whole blocks of the scoring layout and a partial one: bit for bit the plain dot product
        int items = 2 * BlockedRows.BLOCK + 7;
        ItemFactors model = randomModel(items, 3);
        double[] user = {1, -2, 0.5, 0, 3};
        double[] scores = new double[items];
        model.scores(user, scores);
        for (int i = 0; i < items; i++) {
            float[] y = model.factors(i);
            double dot = 0;
            for (int d = 0; d < RANK; d++) {
                dot += user[d] * y[d];
            }
            assertEquals(dot, scores[i], 0.0);
        }
    }

    @Test
    void writesAndReadsBackTheSameFactors() throws IOException {
        ItemFactors model = randomModel(12, 4);
        ItemFactors read = ItemFactors.read(new ByteArrayInputStream(bytes(model)));
        assertEquals(model.ids(), read.ids());
        assertEquals(RANK, read.rank());
        assertEquals(ALPHA, read.alpha());
        assertEquals(REG, read.regParam());
        for (int i = 0; i < 12; i++) {
            assertArrayEquals(model.factors(i), read.factors(i));
        }
        assertEquals(3, read.indexOf("m3"));
        assertEquals(-1, read.indexOf("x"));
        assertArrayEquals(model.foldIn(new int[]{1, 4}), read.foldIn(new int[]{1, 4}), 0);
    }

    @Test
    void readRejectsCorruptionAndTruncation() throws IOException {
        byte[] good = bytes(randomModel(4, 5));
        for (int at = 0; at < good.length; at++) {
            byte[] corrupted = good.clone();
            corrupted[at] ^= 0x04;
            int position = at;
            assertThrows(IOException.class, () -> ItemFactors.read(new ByteArrayInputStream(corrupted)),
                    "byte " + position);
        }
        assertThrows(IOException.class,
                () -> ItemFactors.read(new ByteArrayInputStream(java.util.Arrays.copyOf(good, good.length - 3))));
    }

    @Test
    void ofRejectsInvalidFactors() {
        assertThrows(IllegalArgumentException.class,
                () -> ItemFactors.of(List.of("a", "b"), List.of(new float[2], new float[3]), 1, 0.1));
        assertThrows(IllegalArgumentException.class,
                () -> ItemFactors.of(List.of("a"), List.of(new float[]{Float.NaN}), 1, 0.1));
        assertThrows(IllegalArgumentException.class,
                () -> ItemFactors.of(List.of("a", "a"), List.of(new float[1], new float[1]), 1, 0.1));
        assertThrows(IllegalArgumentException.class,
                () -> ItemFactors.of(List.of("a"), List.of(new float[1]), 1, 0));
        assertThrows(IllegalArgumentException.class, () -> ItemFactors.of(List.of(), List.of(), 1, 0.1));
        assertTrue(ItemFactors.of(List.of("a"), List.of(new float[1]), 0, 0.1).alpha() == 0);
    }

    private static ItemFactors randomModel(int n, long seed) {
        Random random = new Random(seed);
        List<String> ids = new ArrayList<>();
        List<float[]> factors = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("m" + i);
            float[] f = new float[RANK];
            for (int d = 0; d < RANK; d++) {
                f[d] = (float) (random.nextGaussian() * 0.3);
            }
            factors.add(f);
        }
        return ItemFactors.of(ids, factors, ALPHA, REG);
    }

    /** Solves the augmented system [A | b] with partial pivoting. */
    private static double[] gaussianElimination(double[][] a) {
        int n = a.length;
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            double[] swap = a[c];
            a[c] = a[pivot];
            a[pivot] = swap;
            for (int r = c + 1; r < n; r++) {
                double factor = a[r][c] / a[c][c];
                for (int k = c; k <= n; k++) {
                    a[r][k] -= factor * a[c][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double sum = a[r][n];
            for (int k = r + 1; k < n; k++) {
                sum -= a[r][k] * x[k];
            }
            x[r] = sum / a[r][r];
        }
        return x;
    }

    private static byte[] bytes(ItemFactors model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.write(out);
        return out.toByteArray();
    }
}
