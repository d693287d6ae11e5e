package recsys.offline.topn;

import dev.ludovic.netlib.lapack.LAPACK;
import java.util.List;
import org.netlib.util.intW;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import recsys.core.topn.ItemNeighbours;

/**
 * EASE, the embarrassingly shallow autoencoder (Steck 2019): the item-item weights
 * {@code B = argmin ‖X − XB‖² + λ‖B‖²} subject to {@code diag(B) = 0}, in closed form
 * {@code B = I − P·diag(1/diag(P))} with {@code P = (XᵀX + λI)⁻¹}, that is {@code B_ij = −P_ij / P_jj} off the
 * diagonal. A user's scores are {@code x_u·B}: the sum of the rows of B of the movies they rated.
 *
 * <p>The inverse runs on the driver through netlib's LAPACK ({@code dev.ludovic.netlib}, which Spark MLlib brings):
 * Cholesky {@code dpotrf} then {@code dpotri} on {@code G + λI}, which is symmetric positive definite for λ > 0, then
 * the computed triangle is mirrored. It costs about n³ flops and one more n² array than the Gram matrix (the Gram
 * matrix is not modified). netlib uses a native LAPACK when the system has one ({@code liblapack.so.3}; on Debian
 * {@code apt-get install libopenblas0-pthread} provides OpenBLAS's) and otherwise falls back to F2jLAPACK, a Java
 * translation of the reference LAPACK over a plain Java BLAS: same result (5e-15 apart), single-threaded. Measured on
 * ml-latest-small, n = 9,724, 2 cores shared with other work ({@link recsys.offline.benchmarks.TopNFitBenchmark}): OpenBLAS 0.3.21 28–44 s
 * (dpotrf 11–13 s, dpotri 13–29 s), F2jLAPACK 653 s (186 s + 464 s). {@link LapackInfo} says which one runs.
 *
 * <p>λ: the L2 penalty, greater than 0; DESIGN.md measured 50 / 200 / 500 on ml-latest-small (NDCG@10 0.284 /
 * 0.295 / 0.294), so 200 is a sound default for a catalogue of that size.
 */
public final class Ease {

    private static final Logger LOG = LoggerFactory.getLogger(Ease.class);

    private Ease() {
    }

    /**
     * The dense weights B, row-major ({@code b[i * n + j]} = weight of rated movie i towards movie j), zero on the
     * diagonal; inverts with {@code LAPACK.getInstance()}.
     *
     * @param lambda the L2 penalty, greater than 0
     */
    public static double[] weights(ItemGram gram, double lambda) {
        return weights(gram, lambda, LAPACK.getInstance());
    }

    /** {@link #weights(ItemGram, double)} with the given LAPACK (tests and the benchmark pass the Java one). */
    public static double[] weights(ItemGram gram, double lambda, LAPACK lapack) {
        if (!(lambda > 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("lambda must be positive, got " + lambda);
        }
        int n = gram.size();
        double[] p = gram.gram().clone();
        for (int i = 0; i < n; i++) {
            p[i * n + i] += lambda;
        }
        if (n == 0) {
            return p;
        }
        // G + λI is symmetric, so the row-major array is also its column-major layout; "U" of the column-major
        // matrix is the lower triangle of the row-major one
        long start = System.nanoTime();
        intW info = new intW(0);
        lapack.dpotrf("U", n, p, n, info);
        long factored = System.nanoTime();
        if (info.val != 0) {
            throw new ArithmeticException("G + λI is not positive definite (dpotrf info " + info.val + ")");
        }
        lapack.dpotri("U", n, p, n, info);
        if (info.val != 0) {
            throw new ArithmeticException("G + λI is singular (dpotri info " + info.val + ")");
        }
        long inverted = System.nanoTime();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                p[j * n + i] = p[i * n + j];
            }
        }
        double[] diagonal = new double[n];
        for (int j = 0; j < n; j++) {
            diagonal[j] = p[j * n + j];
        }
        for (int i = 0; i < n; i++) {
            int offset = i * n;
            for (int j = 0; j < n; j++) {
                p[offset + j] = i == j ? 0 : -p[offset + j] / diagonal[j];
            }
        }
        LOG.info(String.format("EASE weights of %d movies with %s: dpotrf %.1f s, dpotri %.1f s, mirrored and "
                        + "scaled %.1f s", n, lapack.getClass().getSimpleName(), (factored - start) / 1e9,
                (inverted - factored) / 1e9, (System.nanoTime() - inverted) / 1e9));
        return p;
    }

    /**
     * EASE truncated to the {@code keepPerRow} largest positive weights per row (per rated movie), as the service
     * stores it. DESIGN.md: keeping 200 per movie kept NDCG@10 0.289 of the dense 0.295 on ml-latest-small.
     */
    public static ItemNeighbours fit(ItemGram gram, double lambda, int keepPerRow) {
        return ItemNeighbours.truncate(gram.ids(), weights(gram, lambda), keepPerRow);
    }

    /**
     * A user's dense scores {@code x_u·B}: the sum of the rows of B of the rated movies. Rated movies score too
     * (B's diagonal is zero, but other rated movies add to them); callers drop them from a ranking.
     *
     * @param weights    B from {@link #weights}, n × n row-major
     * @param ratedRows  the rows of the movies the user rated, each once
     */
    public static double[] scores(double[] weights, int n, int[] ratedRows) {
        if (weights.length != (long) n * n) {
            throw new IllegalArgumentException("weights of " + weights.length + " values are not " + n + "²");
        }
        double[] scores = new double[n];
        for (int i : ratedRows) {
            int offset = i * n;
            for (int j = 0; j < n; j++) {
                scores[j] += weights[offset + j];
            }
        }
        return scores;
    }

    /** {@link #scores(double[], int, int[])} for movie ids; ids the Gram matrix does not hold are ignored. */
    public static double[] scores(ItemGram gram, double[] weights, List<String> rated) {
        java.util.Map<String, Integer> index = gram.indexById();
        return scores(weights, gram.size(), rated.stream().map(index::get).filter(java.util.Objects::nonNull)
                .distinct().mapToInt(Integer::intValue).toArray());
    }
}
