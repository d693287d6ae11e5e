package recsys.offline.topn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ludovic.netlib.lapack.JavaLAPACK;
import dev.ludovic.netlib.lapack.LAPACK;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import recsys.core.topn.ItemNeighbours;

class EaseTest {

    /** 4 users × 5 movies: X[u][i] = 1 when user u rated movie i. */
    private static final int[][] X = {
            {1, 1, 0, 1, 0},
            {1, 0, 1, 1, 0},
            {0, 1, 1, 0, 1},
            {1, 1, 1, 0, 0}};
    private static final List<String> IDS = List.of("10", "20", "30", "40", "50");
    private static final double LAMBDA = 0.7;

    @Test
    void weightsAreTheClosedFormOfATinyMatrix() {
        double[] expected = closedForm(gramOf(X), 5, LAMBDA);
        double[] b = Ease.weights(new ItemGram(IDS, gramOf(X)), LAMBDA);
        assertArrayEquals(expected, b, 1e-9);
        for (int i = 0; i < 5; i++) {
            assertEquals(0.0, b[i * 5 + i]);
        }
    }

    @Test
    void theJavaLapackFallbackGivesTheSameWeights() {
        LAPACK java = JavaLAPACK.getInstance();
        assertTrue(LapackInfo.describe(java).contains("pure Java"), LapackInfo.describe(java));
        assertArrayEquals(closedForm(gramOf(X), 5, LAMBDA), Ease.weights(new ItemGram(IDS, gramOf(X)), LAMBDA, java),
                1e-9);
        // and on a larger generated matrix, native (when the machine has it) and Java agree
        TreeMap<String, TreeSet<String>> histories = TopNData.histories(9, 80, 60, 3, 30);
        List<String> ids = List.copyOf(TopNData.counts(histories).keySet());
        ItemGram gram = new ItemGram(ids, TopNData.bruteForceGram(histories, ids));
        assertArrayEquals(closedForm(gram.gram(), ids.size(), 50), Ease.weights(gram, 50, java), 1e-9);
        assertArrayEquals(Ease.weights(gram, 50, java), Ease.weights(gram, 50), 1e-9);
        System.out.println("EaseTest: LAPACK.getInstance() is " + LapackInfo.describe());
    }

    @Test
    void aJvmWithoutNativeLapackFallsBackToJavaAndFitsTheSame() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // netlib dlopens this library instead of liblapack.so.3: as on a machine with no native LAPACK
                "-Ddev.ludovic.netlib.lapack.nativeLib=libnetlib-test-no-such-lapack.so",
                "-cp", classPath, EaseWithoutNativeLapack.class.getName())
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("Failed to load implementation from:dev.ludovic.netlib.lapack.JNILAPACK"), output);
        assertTrue(output.contains("lapack=F2jLAPACK (pure Java fallback)"), output);
        double maxDifference = Double.parseDouble(output.substring(output.indexOf("max difference=") + 15).trim());
        assertTrue(maxDifference < 1e-9, output);
    }

    @Test
    void theGramMatrixFromSparkGivesTheSameWeights() {
        TreeMap<String, TreeSet<String>> histories = new TreeMap<>();
        for (int u = 0; u < X.length; u++) {
            TreeSet<String> rated = new TreeSet<>();
            for (int i = 0; i < 5; i++) {
                if (X[u][i] == 1) {
                    rated.add(IDS.get(i));
                }
            }
            histories.put("u" + u, rated);
        }
        ItemGram gram = ItemGram.compute(TopNData.frame(histories), 5);
        assertEquals(IDS, gram.ids());
        assertArrayEquals(gramOf(X), gram.gram());
        assertArrayEquals(closedForm(gramOf(X), 5, LAMBDA), Ease.weights(gram, LAMBDA), 1e-9);
    }

    @Test
    void aUsersScoresAreTheSumOfTheRowsOfWhatTheyRated() {
        ItemGram gram = new ItemGram(IDS, gramOf(X));
        double[] b = Ease.weights(gram, LAMBDA);
        double[] scores = Ease.scores(b, 5, new int[]{0, 3});
        for (int j = 0; j < 5; j++) {
            assertEquals(b[j] + b[15 + j], scores[j], 1e-15);
        }
        assertArrayEquals(scores, Ease.scores(gram, b, List.of("40", "10", "99")), 0);
    }

    @Test
    void fitKeepsTheLargestPositiveWeightsOfEachRow() {
        ItemGram gram = new ItemGram(IDS, gramOf(X));
        double[] b = Ease.weights(gram, LAMBDA);
        ItemNeighbours table = Ease.fit(gram, LAMBDA, 2);
        assertEquals(IDS, table.ids());
        for (int i = 0; i < 5; i++) {
            int[] kept = table.neighbours(i);
            assertTrue(kept.length <= 2);
            for (int e = 0; e < kept.length; e++) {
                assertEquals((float) b[i * 5 + kept[e]], table.weights(i)[e]);
                assertTrue(b[i * 5 + kept[e]] > 0);
                for (int j = 0; j < 5; j++) {
                    boolean isKept = false;
                    for (int k : kept) {
                        isKept |= k == j;
                    }
                    if (!isKept && j != i && kept.length == 2) {
                        assertTrue(b[i * 5 + j] <= b[i * 5 + kept[1]], "row " + i + " dropped a larger weight");
                    }
                }
            }
        }
    }

    @Test
    void rejectsANonPositiveLambda() {
        ItemGram gram = new ItemGram(IDS, gramOf(X));
        assertThrows(IllegalArgumentException.class, () -> Ease.weights(gram, 0));
        assertThrows(IllegalArgumentException.class, () -> Ease.weights(gram, Double.NaN));
        assertFalse(LapackInfo.describe().isBlank());
    }

    private static double[] gramOf(int[][] x) {
        int n = x[0].length;
        double[] g = new double[n * n];
        for (int[] user : x) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    g[i * n + j] += user[i] * user[j];
                }
            }
        }
        return g;
    }

    /** B = I − P·diag(1/diag(P)), P = (G + λI)⁻¹ by Gauss-Jordan elimination with partial pivoting. */
    static double[] closedForm(double[] gram, int n, double lambda) {
        double[][] a = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = gram[i * n + j] + (i == j ? lambda : 0);
            }
            a[i][n + i] = 1;
        }
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
            double scale = a[c][c];
            for (int k = 0; k < 2 * n; k++) {
                a[c][k] /= scale;
            }
            for (int r = 0; r < n; r++) {
                if (r != c && a[r][c] != 0) {
                    double factor = a[r][c];
                    for (int k = 0; k < 2 * n; k++) {
                        a[r][k] -= factor * a[c][k];
                    }
                }
            }
        }
        double[] b = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                b[i * n + j] = (i == j ? 1 : 0) - a[i][n + j] / a[j][n + j];
            }
        }
        return b;
    }
}
