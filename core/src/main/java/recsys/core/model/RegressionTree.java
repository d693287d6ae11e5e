package recsys.core.model;

import java.util.Arrays;

/**
 * One binary regression tree as parallel node arrays; node 0 is the root. A node is either a split on a continuous
 * feature, which sends a row to its left child when {@code features[feature] <= threshold} and to its right child
 * otherwise (Spark's {@code ContinuousSplit}; NaN compares false and so goes right, as in Spark), or a leaf holding
 * the tree's prediction.
 *
 * <p>Immutable: the arrays are copied in by the {@link Builder} and never handed out. The constructor checks that
 * the nodes form one tree: every child index is in range, every node but the root has exactly one parent and is
 * reachable from the root (so prediction always ends at a leaf), thresholds are not NaN and leaf values are finite.
 */
public final class RegressionTree implements java.io.Serializable {

    private static final long serialVersionUID = 1L;


    /** The {@code feature} entry of a leaf. */
    static final int LEAF = -1;

    private final int[] feature;
    private final double[] threshold;
    private final int[] left;
    private final int[] right;
    private final double[] value;
    private final int maxFeature;

    private RegressionTree(int[] feature, double[] threshold, int[] left, int[] right, double[] value) {
        this.feature = feature;
        this.threshold = threshold;
        this.left = left;
        this.right = right;
        this.value = value;
        this.maxFeature = validate();
    }

    /** A builder for a tree of {@code nodeCount} nodes; each node is defined once by {@code split} or {@code leaf}. */
    public static Builder builder(int nodeCount) {
        return new Builder(nodeCount);
    }

    public int nodeCount() {
        return feature.length;
    }

    /** The leaf value this tree gives a dense row; {@code features} must cover every feature the tree splits on. */
    public double predict(double[] features) {
        int node = 0;
        while (feature[node] != LEAF) {
            node = features[feature[node]] <= threshold[node] ? left[node] : right[node];
        }
        return value[node];
    }

    /**
     * The leaf value for a sparse row whose {@code indices} are strictly increasing (checked by the caller): a feature
     * missing from {@code indices} is 0.0, the same lookup as Spark's {@code SparseVector.apply}.
     */
    double predictSparse(int[] indices, double[] values) {
        int node = 0;
        while (feature[node] != LEAF) {
            int at = Arrays.binarySearch(indices, feature[node]);
            double x = at >= 0 ? values[at] : 0.0;
            node = x <= threshold[node] ? left[node] : right[node];
        }
        return value[node];
    }

    /** The largest feature index any split uses, or -1 for a single-leaf tree. */
    int maxFeature() {
        return maxFeature;
    }

    boolean isLeaf(int node) {
        return feature[node] == LEAF;
    }

    int feature(int node) {
        return feature[node];
    }

    double threshold(int node) {
        return threshold[node];
    }

    int left(int node) {
        return left[node];
    }

    int right(int node) {
        return right[node];
    }

    double value(int node) {
        return value[node];
    }

    private int validate() {
        int n = feature.length;
        if (n < 1 || n > TreeEnsemble.MAX_NODES_PER_TREE) {
            throw new IllegalArgumentException(
                    "a tree needs 1 to " + TreeEnsemble.MAX_NODES_PER_TREE + " nodes, not " + n);
        }
        int max = -1;
        for (int i = 0; i < n; i++) {
            if (feature[i] == LEAF) {
                if (!Double.isFinite(value[i])) {
                    throw new IllegalArgumentException("leaf " + i + " has a non-finite value " + value[i]);
                }
                continue;
            }
            if (feature[i] < 0) {
                throw new IllegalArgumentException("node " + i + " splits on a negative feature index " + feature[i]);
            }
            if (Double.isNaN(threshold[i])) {
                throw new IllegalArgumentException("node " + i + " has a NaN threshold");
            }
            for (int child : new int[] {left[i], right[i]}) {
                if (child < 0 || child >= n) {
                    throw new IllegalArgumentException(
                            "node " + i + " has child " + child + ", outside the tree's " + n + " nodes");
                }
            }
            max = Math.max(max, feature[i]);
        }
        // walk from the root: a node seen twice has two parents (or is on a cycle); one never seen is an orphan
        boolean[] seen = new boolean[n];
        int[] stack = new int[n];
        int top = 0;
        stack[top++] = 0;
        seen[0] = true;
        while (top > 0) {
            int node = stack[--top];
            if (feature[node] == LEAF) {
                continue;
            }
            for (int child : new int[] {left[node], right[node]}) {
                if (seen[child]) {
                    throw new IllegalArgumentException("node " + child + " is reached twice (from node " + node
                            + "): the nodes do not form a tree");
                }
                seen[child] = true;
                stack[top++] = child;
            }
        }
        for (int i = 0; i < n; i++) {
            if (!seen[i]) {
                throw new IllegalArgumentException("node " + i + " is not reachable from the root");
            }
        }
        return max;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegressionTree t
                && Arrays.equals(feature, t.feature)
                && Arrays.equals(threshold, t.threshold)
                && Arrays.equals(left, t.left)
                && Arrays.equals(right, t.right)
                && Arrays.equals(value, t.value);
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(feature);
        h = 31 * h + Arrays.hashCode(threshold);
        h = 31 * h + Arrays.hashCode(left);
        h = 31 * h + Arrays.hashCode(right);
        return 31 * h + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "RegressionTree[" + nodeCount() + " nodes]";
    }

    /** Collects the nodes of one tree; {@link #build()} copies them into an immutable, validated tree. */
    public static final class Builder {

        private final int[] feature;
        private final double[] threshold;
        private final int[] left;
        private final int[] right;
        private final double[] value;
        private final boolean[] defined;

        private Builder(int nodeCount) {
            if (nodeCount < 1 || nodeCount > TreeEnsemble.MAX_NODES_PER_TREE) {
                throw new IllegalArgumentException(
                        "a tree needs 1 to " + TreeEnsemble.MAX_NODES_PER_TREE + " nodes, not " + nodeCount);
            }
            feature = new int[nodeCount];
            threshold = new double[nodeCount];
            left = new int[nodeCount];
            right = new int[nodeCount];
            value = new double[nodeCount];
            defined = new boolean[nodeCount];
        }

        /** Node {@code node} sends a row to {@code left} when {@code features[feature] <= threshold}, else to {@code right}. */
        public Builder split(int node, int feature, double threshold, int left, int right) {
            define(node);
            if (feature < 0) {
                throw new IllegalArgumentException("node " + node + ": feature index must be >= 0, not " + feature);
            }
            this.feature[node] = feature;
            this.threshold[node] = threshold;
            this.left[node] = left;
            this.right[node] = right;
            this.value[node] = Double.NaN;
            return this;
        }

        /** Node {@code node} is a leaf predicting {@code value}. */
        public Builder leaf(int node, double value) {
            define(node);
            this.feature[node] = LEAF;
            this.threshold[node] = Double.NaN;
            this.left[node] = LEAF;
            this.right[node] = LEAF;
            this.value[node] = value;
            return this;
        }

        public RegressionTree build() {
            for (int i = 0; i < defined.length; i++) {
                if (!defined[i]) {
                    throw new IllegalStateException("node " + i + " of " + defined.length + " was never defined");
                }
            }
            return new RegressionTree(feature.clone(), threshold.clone(), left.clone(), right.clone(), value.clone());
        }

        private void define(int node) {
            if (node < 0 || node >= defined.length) {
                throw new IllegalArgumentException("node " + node + " is outside the tree's " + defined.length + " nodes");
            }
            if (defined[node]) {
                throw new IllegalStateException("node " + node + " is already defined");
            }
            defined[node] = true;
        }
    }
}
