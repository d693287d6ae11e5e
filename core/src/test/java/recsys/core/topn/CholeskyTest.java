package recsys.core.topn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CholeskyTest {

    @Test
    void solvesAHandWorkedSystem() {
        // [[4, 2], [2, 3]] x = [2, 5]  ⇒  x = [-0.5, 2]
        assertArrayEquals(new double[]{-0.5, 2}, Cholesky.solve(new double[]{4, 2, 2, 3}, new double[]{2, 5}, 2),
                1e-15);
    }

    @Test
    void recoversAKnownSolutionOfARandomPositiveDefiniteSystem() {
        Random random = new Random(3);
        for (int n : new int[]{1, 3, 17, 64}) {
            // A = MᵀM + I is symmetric positive definite
            double[] m = new double[n * n];
            for (int e = 0; e < m.length; e++) {
                m[e] = random.nextGaussian();
            }
            double[] a = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    for (int k = 0; k < n; k++) {
                        a[i * n + j] += m[k * n + i] * m[k * n + j];
                    }
                }
                a[i * n + i] += 1;
            }
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextGaussian();
            }
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    b[i] += a[i * n + j] * x[j];
                }
            }
            double[] bCopy = b.clone();
            assertArrayEquals(x, Cholesky.solve(a, b, n), 1e-8, "n = " + n);
            assertArrayEquals(bCopy, b, "b must not be modified");
        }
    }

    @Test
    void rejectsAMatrixThatIsNotPositiveDefinite() {
        assertThrows(IllegalArgumentException.class,
                () -> Cholesky.solve(new double[]{1, 2, 2, 1}, new double[]{1, 1}, 2));
        assertThrows(IllegalArgumentException.class,
                () -> Cholesky.solve(new double[]{0, 0, 0, 1}, new double[]{1, 1}, 2));
        assertThrows(IllegalArgumentException.class,
                () -> Cholesky.solve(new double[]{Double.NaN, 0, 0, 1}, new double[]{1, 1}, 2));
    }
}
