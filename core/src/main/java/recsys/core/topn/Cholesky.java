package recsys.core.topn;

/**
 * Solves a small symmetric positive-definite system by Cholesky decomposition. Written here because core carries
 * no linear-algebra library and the systems are rank × rank (at most a few hundred): the fold-in of
 * {@link ItemFactors} solves one per user and request.
 */
final class Cholesky {

    private Cholesky() {
    }

    /**
     * @param a row-major n×n, symmetric positive definite; overwritten with its Cholesky factor
     * @param b the right-hand side; not modified
     * @return x with a·x = b
     * @throws IllegalArgumentException if {@code a} is not positive definite
     */
    static double[] solve(double[] a, double[] b, int n) {
        for (int j = 0; j < n; j++) {
            double diagonal = a[j * n + j];
            for (int k = 0; k < j; k++) {
                diagonal -= a[j * n + k] * a[j * n + k];
            }
            if (!(diagonal > 0)) {
                throw new IllegalArgumentException("matrix is not positive definite (pivot " + j + ")");
            }
            double l = Math.sqrt(diagonal);
            a[j * n + j] = l;
            for (int i = j + 1; i < n; i++) {
                double sum = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    sum -= a[i * n + k] * a[j * n + k];
                }
                a[i * n + j] = sum / l;
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= a[i * n + k] * y[k];
            }
            y[i] = sum / a[i * n + i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < n; k++) {
                sum -= a[k * n + i] * x[k];
            }
            x[i] = sum / a[i * n + i];
        }
        return x;
    }
}
