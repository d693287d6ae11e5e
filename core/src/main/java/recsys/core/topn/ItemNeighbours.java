package recsys.core.topn;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import recsys.core.model.ChecksummedFile;

/**
 * A sparse item-item weight table: for each movie, its k strongest outgoing weights {@code W[i][j]}. A user's score
 * of movie j is {@code Σ_{i rated} W[i][j]}: EASE's {@code x_u·B} with B truncated to k entries per row, or item-kNN's
 * sum of cosine similarities. Rows rather than columns are stored because serving walks the rows of the movies a
 * user rated; the whole table is what the service needs to score any history without Spark.
 *
 * <p>Immutable. Rows are kept as parallel arrays (neighbour index, float weight) because the table of ml-latest-small
 * at k = 200 holds about two million entries, which boxed maps would make several times larger.
 *
 * <p>File format, version 1, big-endian ({@code DataOutput}):
 * <pre>
 *   int magic "RFNB" (0x52464E42); int version 1
 *   int n, then n strings (writeUTF): movie ids, row order
 *   n times: int m, m ints (neighbour rows), m floats (weights)
 *   int CRC-32 of every byte before it
 * </pre>
 */
public final class ItemNeighbours implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int MAGIC = 0x52464E42;
    static final int FILE_VERSION = 1;
    private static final String KIND = "item neighbour file";

    private final List<String> ids;
    private final int[][] neighbours;
    private final float[][] weights;
    private transient Map<String, Integer> index;

    private ItemNeighbours(List<String> ids, int[][] neighbours, float[][] weights) {
        this.ids = ids;
        this.neighbours = neighbours;
        this.weights = weights;
    }

    /**
     * @param ids        the movie of each row; distinct
     * @param neighbours per row, the rows its weights point at; no row points at itself
     * @param weights    per row, finite weights parallel to {@code neighbours}
     */
    public static ItemNeighbours of(List<String> ids, int[][] neighbours, float[][] weights) {
        int n = ids.size();
        if (neighbours.length != n || weights.length != n) {
            throw new IllegalArgumentException(n + " movies but " + neighbours.length + " neighbour rows and "
                    + weights.length + " weight rows");
        }
        int[][] rows = new int[n][];
        float[][] values = new float[n][];
        for (int i = 0; i < n; i++) {
            if (neighbours[i].length != weights[i].length) {
                throw new IllegalArgumentException("row " + ids.get(i) + " has " + neighbours[i].length
                        + " neighbours but " + weights[i].length + " weights");
            }
            for (int e = 0; e < neighbours[i].length; e++) {
                int j = neighbours[i][e];
                if (j < 0 || j >= n || j == i) {
                    throw new IllegalArgumentException("row " + ids.get(i) + " points at row " + j);
                }
                if (!Float.isFinite(weights[i][e])) {
                    throw new IllegalArgumentException("row " + ids.get(i) + " has weight " + weights[i][e]);
                }
            }
            rows[i] = neighbours[i].clone();
            values[i] = weights[i].clone();
        }
        ItemNeighbours table = new ItemNeighbours(List.copyOf(ids), rows, values);
        if (table.index().size() != n) {
            throw new IllegalArgumentException("movie ids are not distinct");
        }
        return table;
    }

    /**
     * Keeps, for each row of a dense n×n matrix (row-major), the {@code k} largest positive off-diagonal weights.
     * Non-positive weights are dropped: in EASE they are small and mostly noise, and a zero contributes nothing.
     *
     * @param dense row-major, {@code dense[i * n + j] = W[i][j]}
     */
    public static ItemNeighbours truncate(List<String> ids, double[] dense, int k) {
        int n = requireSquare(ids, dense, k);
        int[][] rows = new int[n][];
        float[][] values = new float[n][];
        TopK top = new TopK(k);
        for (int i = 0; i < n; i++) {
            top.clear();
            int offset = i * n;
            for (int j = 0; j < n; j++) {
                double w = dense[offset + j];
                if (j != i && w > 0) {
                    top.offer(j, w);
                }
            }
            rows[i] = top.indicesBestFirst();
            values[i] = new float[rows[i].length];
            for (int e = 0; e < rows[i].length; e++) {
                values[i][e] = (float) dense[offset + rows[i][e]];
            }
        }
        return new ItemNeighbours(List.copyOf(ids), rows, values);
    }

    /**
     * Keeps, for each <em>column</em> j of a dense n×n matrix (row-major), the {@code k} largest positive
     * off-diagonal weights {@code W[i][j]}, stored by row like {@link #truncate}. Per column rather than per row
     * because a movie's score is the sum of its column over the user's rated movies: each movie keeps its k
     * strongest contributors, so a movie outside everyone's top neighbours can still be scored (per-row truncation
     * drops the long tail from every row, which costs coverage and accuracy). Rows then vary in length; the table
     * holds at most n·k entries either way.
     */
    public static ItemNeighbours truncateColumns(List<String> ids, double[] dense, int k) {
        int n = requireSquare(ids, dense, k);
        int[] rowLengths = new int[n];
        int[][] kept = new int[n][];
        TopK top = new TopK(k);
        for (int j = 0; j < n; j++) {
            top.clear();
            for (int i = 0; i < n; i++) {
                double w = dense[i * n + j];
                if (i != j && w > 0) {
                    top.offer(i, w);
                }
            }
            kept[j] = top.indicesBestFirst();
            for (int i : kept[j]) {
                rowLengths[i]++;
            }
        }
        int[][] rows = new int[n][];
        float[][] values = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new int[rowLengths[i]];
            values[i] = new float[rowLengths[i]];
        }
        int[] filled = new int[n];
        for (int j = 0; j < n; j++) {
            for (int i : kept[j]) {
                rows[i][filled[i]] = j;
                values[i][filled[i]++] = (float) dense[i * n + j];
            }
        }
        return new ItemNeighbours(List.copyOf(ids), rows, values);
    }

    /** The number of movies, after checking that {@code dense} is their n×n matrix and k is at least 1. */
    private static int requireSquare(List<String> ids, double[] dense, int k) {
        int n = ids.size();
        if (dense.length != (long) n * n) {
            throw new IllegalArgumentException("a " + n + "-movie table needs " + (long) n * n + " weights, got "
                    + dense.length);
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        return n;
    }

    public List<String> ids() {
        return ids;
    }

    public int size() {
        return ids.size();
    }

    /** The row of {@code movieId}, or -1 when the table has none. */
    public int indexOf(String movieId) {
        Integer row = index().get(movieId);
        return row == null ? -1 : row;
    }

    /** Neighbour rows of row {@code i}, strongest first; a copy. */
    public int[] neighbours(int i) {
        return neighbours[i].clone();
    }

    /** Weights of row {@code i}, parallel to {@link #neighbours}; a copy. */
    public float[] weights(int i) {
        return weights[i].clone();
    }

    /** Stored entries in all rows. */
    public long entries() {
        long total = 0;
        for (int[] row : neighbours) {
            total += row.length;
        }
        return total;
    }

    /**
     * Adds every weight of the given rows into {@code scores} (indexed like this table's rows): a user's scores
     * are the sum over the movies they rated.
     */
    public void accumulate(int[] ratedRows, double[] scores) {
        for (int i : ratedRows) {
            int[] row = neighbours[i];
            float[] w = weights[i];
            for (int e = 0; e < row.length; e++) {
                scores[row[e]] += w[e];
            }
        }
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
            out.writeInt(ids.size());
            for (String id : ids) {
                out.writeUTF(id);
            }
            for (int i = 0; i < ids.size(); i++) {
                out.writeInt(neighbours[i].length);
                for (int j : neighbours[i]) {
                    out.writeInt(j);
                }
                for (float w : weights[i]) {
                    out.writeFloat(w);
                }
            }
        });
    }

    /** Reads what {@link #write} wrote; rejects other files, other versions, truncation and corruption. */
    public static ItemNeighbours read(InputStream source) throws IOException {
        return ChecksummedFile.read(source, MAGIC, FILE_VERSION, KIND, in -> {
            int n = ChecksummedFile.count(in.readInt(), KIND, "movies");
            List<String> ids = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ids.add(in.readUTF());
            }
            int[][] rows = new int[n][];
            float[][] values = new float[n][];
            for (int i = 0; i < n; i++) {
                int m = ChecksummedFile.count(in.readInt(), KIND, "neighbours");
                rows[i] = new int[m];
                values[i] = new float[m];
                for (int e = 0; e < m; e++) {
                    rows[i][e] = in.readInt();
                }
                for (int e = 0; e < m; e++) {
                    values[i][e] = in.readFloat();
                }
            }
            return of(ids, rows, values);
        });
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ItemNeighbours that && ids.equals(that.ids)
                && Arrays.deepEquals(neighbours, that.neighbours) && Arrays.deepEquals(weights, that.weights);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ids, Arrays.deepHashCode(neighbours));
    }
}
