package recsys.core.features;

import java.util.Arrays;
import java.util.Objects;

/**
 * A sparse feature vector: the non-zero entries, indices strictly ascending, in a vector of {@code size}; the
 * layout Spark's {@code Vectors.sparse(size, indices, values)} and {@code TreeEnsemble}'s sparse predict take.
 */
public record SparseFeatures(int size, int[] indices, double[] values) {

    public SparseFeatures {
        Objects.requireNonNull(indices, "indices");
        Objects.requireNonNull(values, "values");
        if (indices.length != values.length) {
            throw new IllegalArgumentException(indices.length + " indices but " + values.length + " values");
        }
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= size || (i > 0 && indices[i] <= indices[i - 1])) {
                throw new IllegalArgumentException("indices must be ascending and in [0, " + size + ")");
            }
        }
    }

    public double[] toDense() {
        double[] dense = new double[size];
        for (int i = 0; i < indices.length; i++) {
            dense[indices[i]] = values[i];
        }
        return dense;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SparseFeatures that && size == that.size && Arrays.equals(indices, that.indices)
                && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * size + Arrays.hashCode(indices)) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "SparseFeatures[size=" + size + ", indices=" + Arrays.toString(indices) + ", values="
                + Arrays.toString(values) + "]";
    }
}
