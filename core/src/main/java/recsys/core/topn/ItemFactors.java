package recsys.core.topn;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import recsys.core.model.ChecksummedFile;

/**
 * The item factors of an implicit-feedback ALS model (Hu, Koren and Volinsky 2008, as Spark MLlib fits it with
 * {@code implicitPrefs}) and the fold-in that gives any user their factors from their current history, so the
 * service scores users and ratings the model never saw without Spark.
 *
 * <p>Fold-in solves the same normal equations Spark's last half-iteration solves for a training user, with every
 * rated movie a preference of 1 at confidence {@code 1 + α}:
 * {@code (YᵀY + α·Σ_{i∈u} y_i y_iᵀ + λ·n_u·I) x_u = (1 + α)·Σ_{i∈u} y_i}, where Y are the item factors, n_u the
 * number of rated movies the model knows and λ the regularisation (Spark scales it by n_u). YᵀY is computed once
 * here; a fold-in then costs O(n_u·r² + r³) for rank r.
 *
 * <p>File format, version 1, big-endian: int magic "RFIF" (0x52464946); int version 1; int rank; double alpha;
 * double regParam; int n; n times: string id (writeUTF), rank floats; int CRC-32 of every byte before it.
 */
public final class ItemFactors implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int MAGIC = 0x52464946;
    static final int FILE_VERSION = 1;
    private static final String KIND = "item factors file";

    private final List<String> ids;
    private final int rank;
    private final float[] factors;
    /** The same factors laid out for {@link #scores}. */
    private final BlockedRows blocked;
    private final double alpha;
    private final double regParam;
    private final double[] gram;
    private transient Map<String, Integer> index;

    private ItemFactors(List<String> ids, int rank, float[] factors, double alpha, double regParam) {
        this.ids = ids;
        this.rank = rank;
        this.factors = factors;
        this.blocked = new BlockedRows(factors, ids.size(), rank);
        this.alpha = alpha;
        this.regParam = regParam;
        this.gram = new double[rank * rank];
        for (int i = 0; i < ids.size(); i++) {
            int offset = i * rank;
            for (int a = 0; a < rank; a++) {
                double ya = factors[offset + a];
                for (int b = a; b < rank; b++) {
                    gram[a * rank + b] += ya * factors[offset + b];
                }
            }
        }
        for (int a = 0; a < rank; a++) {
            for (int b = 0; b < a; b++) {
                gram[a * rank + b] = gram[b * rank + a];
            }
        }
    }

    /**
     * @param factors one array of {@code rank} finite values per id
     * @param alpha   the confidence weight the model was fitted with, at least 0
     * @param regParam the regularisation it was fitted with, greater than 0
     */
    public static ItemFactors of(List<String> ids, List<float[]> factors, double alpha, double regParam) {
        if (ids.size() != factors.size()) {
            throw new IllegalArgumentException(ids.size() + " ids but " + factors.size() + " factor vectors");
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no item factors");
        }
        if (!(alpha >= 0) || !Double.isFinite(alpha) || !(regParam > 0) || !Double.isFinite(regParam)) {
            throw new IllegalArgumentException("alpha must be at least 0 and regParam positive, got " + alpha
                    + " and " + regParam);
        }
        int rank = factors.get(0).length;
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be at least 1");
        }
        float[] flat = new float[ids.size() * rank];
        for (int i = 0; i < ids.size(); i++) {
            float[] f = factors.get(i);
            if (f.length != rank) {
                throw new IllegalArgumentException("item " + ids.get(i) + " has " + f.length + " factors, not " + rank);
            }
            for (int d = 0; d < rank; d++) {
                if (!Float.isFinite(f[d])) {
                    throw new IllegalArgumentException("item " + ids.get(i) + " has factor " + f[d]);
                }
            }
            System.arraycopy(f, 0, flat, i * rank, rank);
        }
        ItemFactors model = new ItemFactors(List.copyOf(ids), rank, flat, alpha, regParam);
        if (model.index().size() != ids.size()) {
            throw new IllegalArgumentException("item ids are not distinct");
        }
        return model;
    }

    public List<String> ids() {
        return ids;
    }

    public int rank() {
        return rank;
    }

    public double alpha() {
        return alpha;
    }

    public double regParam() {
        return regParam;
    }

    /** The row of {@code movieId}, or -1 when the model has no factors for it. */
    public int indexOf(String movieId) {
        Integer row = index().get(movieId);
        return row == null ? -1 : row;
    }

    /** A copy of the factors of row {@code i}. */
    public float[] factors(int i) {
        float[] copy = new float[rank];
        System.arraycopy(factors, i * rank, copy, 0, rank);
        return copy;
    }

    /**
     * The factors of a user who rated the given rows (each once).
     *
     * @return the solution of the fold-in equations; all zeros for an empty history
     */
    public double[] foldIn(int[] ratedRows) {
        double[] a = gram.clone();
        double[] b = new double[rank];
        for (int i : ratedRows) {
            int offset = i * rank;
            for (int p = 0; p < rank; p++) {
                double yp = factors[offset + p];
                b[p] += (1 + alpha) * yp;
                double scaled = alpha * yp;
                for (int q = 0; q < rank; q++) {
                    a[p * rank + q] += scaled * factors[offset + q];
                }
            }
        }
        double ridge = regParam * ratedRows.length;
        for (int p = 0; p < rank; p++) {
            a[p * rank + p] += ridge;
        }
        if (ratedRows.length == 0) {
            return b;
        }
        return Cholesky.solve(a, b, rank);
    }

    /** {@code scores[i] = x·y_i} for every row. */
    public void scores(double[] user, double[] scores) {
        blocked.products(user, scores);
    }

    private Map<String, Integer> index() {
        Map<String, Integer> known = index;
        if (known == null) {
            known = IdPositions.of(ids);
            index = known;
        }
        return known;
    }

    public void write(OutputStream target) throws IOException {
        ChecksummedFile.write(target, MAGIC, FILE_VERSION, out -> {
            out.writeInt(rank);
            out.writeDouble(alpha);
            out.writeDouble(regParam);
            out.writeInt(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                out.writeUTF(ids.get(i));
                for (int d = 0; d < rank; d++) {
                    out.writeFloat(factors[i * rank + d]);
                }
            }
        });
    }

    /** Reads what {@link #write} wrote; rejects other files, other versions, truncation and corruption. */
    public static ItemFactors read(InputStream source) throws IOException {
        return ChecksummedFile.read(source, MAGIC, FILE_VERSION, KIND, in -> {
            int rank = in.readInt();
            if (rank < 1 || rank > 10_000) {
                throw new IOException(KIND + " has an impossible rank " + rank);
            }
            double alpha = in.readDouble();
            double regParam = in.readDouble();
            int n = ChecksummedFile.count(in.readInt(), KIND, "items");
            List<String> ids = new ArrayList<>(n);
            List<float[]> factors = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ids.add(in.readUTF());
                float[] f = new float[rank];
                for (int d = 0; d < rank; d++) {
                    f[d] = in.readFloat();
                }
                factors.add(f);
            }
            return of(ids, factors, alpha, regParam);
        });
    }
}
