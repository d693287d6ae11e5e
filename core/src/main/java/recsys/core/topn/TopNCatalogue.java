package recsys.core.topn;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import recsys.core.features.EncoderState;
import recsys.core.features.MovieEntry;

/**
 * The movies a top-N model version can recommend, indexed once: the catalogue of its encoder state (every movie known
 * at training time, in id order), each movie's training rating count, its popularity feature and its unit-length
 * embedding in one flat array, so scoring the whole catalogue per user is a few tight loops. Immutable; shared by
 * every user's ranking.
 *
 * <p>The unit vectors are stored in blocks of {@value #BLOCK} movies, dimension-major inside a block: element
 * {@code (movie i, dimension d)} sits at {@code block(i) · BLOCK · dimension + d · BLOCK + i mod BLOCK}. The
 * cosine loop then adds one dimension to {@value #BLOCK} running sums at a time, an element-wise loop the JIT
 * compiles to SIMD instructions, where a per-movie dot product is a chain of dependent additions it cannot.
 */
public final class TopNCatalogue implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Movies per block of the vector layout: a block's running sums (2 KiB of doubles) and one dimension's slice
     * (1 KiB of floats) stay in the L1 cache while the block's dimensions stream past.
     */
    static final int BLOCK = 256;

    private final List<String> ids;
    private final Map<String, Integer> index;
    private final long[] counts;
    private final double[] popularity;
    private final int dimension;
    /** In the blocked layout of the class comment; a movie without an embedding is all zeros. */
    private final float[] unitVectors;
    private final boolean[] hasVector;

    public TopNCatalogue(EncoderState state) {
        List<String> sorted = new ArrayList<>(state.movies().keySet());
        sorted.sort(null);
        this.ids = List.copyOf(sorted);
        this.index = new HashMap<>(ids.size() * 2);
        this.counts = new long[ids.size()];
        this.dimension = state.parameters().embeddingDimension();
        this.unitVectors = new float[ids.size() * dimension];
        this.hasVector = new boolean[ids.size()];
        long max = 0;
        for (int i = 0; i < ids.size(); i++) {
            MovieEntry movie = state.movie(ids.get(i));
            index.put(ids.get(i), i);
            counts[i] = movie.ratingCount();
            max = Math.max(max, counts[i]);
            float[] vector = movie.vector();
            if (vector != null) {
                double norm = 0;
                for (float v : vector) {
                    norm += (double) v * v;
                }
                norm = Math.sqrt(norm);
                for (int d = 0; norm > 0 && d < dimension; d++) {
                    float unit = (float) (vector[d] / norm);
                    unitVectors[offset(i, d)] = unit;
                    hasVector[i] |= unit != 0;
                }
            }
        }
        this.popularity = new double[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            popularity[i] = max == 0 ? 0 : Math.log1p(counts[i]) / Math.log1p(max);
        }
    }

    public int size() {
        return ids.size();
    }

    public String id(int i) {
        return ids.get(i);
    }

    public List<String> ids() {
        return ids;
    }

    /** The position of {@code movieId}, or -1 for a movie the version does not know. */
    public int indexOf(String movieId) {
        Integer i = index.get(movieId);
        return i == null ? -1 : i;
    }

    public long count(int i) {
        return counts[i];
    }

    double popularity(int i) {
        return popularity[i];
    }

    /** Every movie's popularity feature: the catalogue's own array, never to be modified. */
    double[] popularities() {
        return popularity;
    }

    /** The embedding dimension: the length of every vector {@link #cosines} compares. */
    public int dimension() {
        return dimension;
    }

    /**
     * Whether movie {@code i} has an embedding. Without one its cosine to anything is 0, which a caller that must
     * tell "unrelated" from "unknown" (the similar-movies content path) cannot read from the cosine itself.
     */
    public boolean hasVector(int i) {
        return hasVector[i];
    }

    /** Movie {@code i}'s unit-length embedding widened to double (all zeros without one); a copy. */
    public double[] unitVector(int i) {
        double[] vector = new double[dimension];
        for (int d = 0; d < dimension; d++) {
            vector[d] = unitVectors[offset(i, d)];
        }
        return vector;
    }

    /**
     * Cosine of every catalogue movie to {@code direction} (a zero vector, or a movie without one, gives 0), by
     * position, into {@code out}.
     */
    public void cosines(double[] direction, double[] out) {
        double norm = 0;
        for (double v : direction) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            java.util.Arrays.fill(out, 0);
            return;
        }
        // The hot loop of ranking a user (3.7 million multiply-adds on ml-latest-small). Each movie's sum still runs
        // in dimension order from 0, so every cosine is bit for bit the plain one-movie dot product (tested).
        int n = ids.size();
        for (int start = 0; start < n; start += BLOCK) {
            int length = Math.min(BLOCK, n - start);
            int blockOffset = start * dimension;
            java.util.Arrays.fill(out, start, start + length, 0);
            for (int d = 0; d < dimension; d++) {
                double x = direction[d];
                int slice = blockOffset + d * length;
                for (int j = 0; j < length; j++) {
                    out[start + j] += unitVectors[slice + j] * x;
                }
            }
            for (int j = start; j < start + length; j++) {
                out[j] /= norm;
            }
        }
    }

    /** Where element {@code d} of movie {@code i}'s unit vector is kept (the last block is as long as it needs). */
    private int offset(int i, int d) {
        int start = i - i % BLOCK;
        int length = Math.min(BLOCK, ids.size() - start);
        return start * dimension + d * length + (i - start);
    }

    /** Maps the rows of a source (item-item table, ALS factors) to catalogue positions; -1 where unknown. */
    public int[] positionsOf(List<String> sourceIds) {
        int[] positions = new int[sourceIds.size()];
        for (int r = 0; r < positions.length; r++) {
            positions[r] = indexOf(sourceIds.get(r));
        }
        return positions;
    }
}
