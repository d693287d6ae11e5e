package recsys.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * A trained regression tree ensemble the online service evaluates without Spark: a random forest (the mean of its
 * trees) or gradient-boosted trees (the weighted sum {@code Σ weight_i · tree_i}; Spark's GBT gives the first tree
 * weight 1.0 and the others its step size). Predictions match Spark's {@code RandomForestRegressionModel} and
 * {@code GBTRegressionModel} for the same features (the parity test in offline-jobs checks this).
 *
 * <p>Immutable: a trainer builds it (offline-jobs' {@code TreeEnsembleExporter}), {@link #write} stores it,
 * {@link #read} loads and checks it, and nothing changes it after. The file format is described in
 * {@link TreeEnsembleFormat}.
 *
 * <p>Why hand-written: the ready-made ways to evaluate a Spark ML model without Spark do not fit. MLeap's releases
 * on Maven Central stop at Spark 3.2 (we train with 3.5), and JPMML's converter (jpmml-sparkml) and evaluator are
 * AGPL. A tree ensemble is a few flat arrays and a loop, so owning the format costs less than either.
 */
public final class TreeEnsemble implements java.io.Serializable {

    /** Serializable so Spark can broadcast a model to the tasks that rank with it; files use {@link #write}. */
    private static final long serialVersionUID = 1L;


    /** How the trees' predictions are combined. */
    public enum Kind {
        /** The mean of the trees' predictions (every weight is 1.0). */
        RANDOM_FOREST(1),
        /** The weighted sum of the trees' predictions. */
        GRADIENT_BOOSTED(2);

        final int code;

        Kind(int code) {
            this.code = code;
        }

        static Kind ofCode(int code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            return null;
        }
    }

    /** The version of the binary format {@link #write} produces and {@link #read} accepts. */
    public static final int FORMAT_VERSION = TreeEnsembleFormat.VERSION;
    /** Upper bound on trees, so a corrupted count cannot make a reader allocate without limit. */
    public static final int MAX_TREES = 100_000;
    /** Upper bound on nodes per tree: a full tree of depth 19 (Spark allows depth up to 30, we train far shallower). */
    public static final int MAX_NODES_PER_TREE = (1 << 20) - 1;

    private final Kind kind;
    private final int numFeatures;
    private final RegressionTree[] trees;
    private final double[] weights;

    private TreeEnsemble(Kind kind, int numFeatures, RegressionTree[] trees, double[] weights) {
        if (numFeatures < 1) {
            throw new IllegalArgumentException("an ensemble needs at least one feature, not " + numFeatures);
        }
        if (trees.length < 1 || trees.length > MAX_TREES) {
            throw new IllegalArgumentException("an ensemble needs 1 to " + MAX_TREES + " trees, not " + trees.length);
        }
        if (weights.length != trees.length) {
            throw new IllegalArgumentException(trees.length + " trees but " + weights.length + " tree weights");
        }
        for (int i = 0; i < trees.length; i++) {
            if (trees[i] == null) {
                throw new IllegalArgumentException("tree " + i + " is null");
            }
            if (trees[i].maxFeature() >= numFeatures) {
                throw new IllegalArgumentException("tree " + i + " splits on feature " + trees[i].maxFeature()
                        + " but the ensemble has " + numFeatures + " features");
            }
            if (kind == Kind.RANDOM_FOREST ? weights[i] != 1.0 : !Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("tree " + i + " has weight " + weights[i] + "; a "
                        + kind + " needs " + (kind == Kind.RANDOM_FOREST ? "1.0" : "a finite weight"));
            }
        }
        this.kind = kind;
        this.numFeatures = numFeatures;
        this.trees = trees;
        this.weights = weights;
    }

    /** A random forest: the mean of {@code trees}, which split on features {@code 0 .. numFeatures-1}. */
    public static TreeEnsemble randomForest(int numFeatures, List<RegressionTree> trees) {
        double[] ones = new double[trees.size()];
        Arrays.fill(ones, 1.0);
        return new TreeEnsemble(Kind.RANDOM_FOREST, numFeatures, trees.toArray(RegressionTree[]::new), ones);
    }

    /** Gradient-boosted trees: {@code Σ treeWeights[i] · trees[i]}. */
    public static TreeEnsemble gradientBoosted(int numFeatures, List<RegressionTree> trees, double[] treeWeights) {
        return new TreeEnsemble(Kind.GRADIENT_BOOSTED, numFeatures, trees.toArray(RegressionTree[]::new),
                treeWeights.clone());
    }

    static TreeEnsemble of(Kind kind, int numFeatures, RegressionTree[] trees, double[] weights) {
        return new TreeEnsemble(kind, numFeatures, trees, weights);
    }

    public Kind kind() {
        return kind;
    }

    public int numFeatures() {
        return numFeatures;
    }

    public int numTrees() {
        return trees.length;
    }

    public RegressionTree tree(int i) {
        return trees[i];
    }

    public double treeWeight(int i) {
        return weights[i];
    }

    public int totalNodes() {
        int total = 0;
        for (RegressionTree tree : trees) {
            total += tree.nodeCount();
        }
        return total;
    }

    /** The prediction for a dense row of exactly {@link #numFeatures()} values. */
    public double predict(double[] features) {
        if (features.length != numFeatures) {
            throw new IllegalArgumentException(
                    "the model takes " + numFeatures + " features, the row has " + features.length);
        }
        double sum = 0.0;
        if (kind == Kind.RANDOM_FOREST) {
            // same order as Spark: sum the trees left to right, then divide once
            for (RegressionTree tree : trees) {
                sum += tree.predict(features);
            }
            return sum / trees.length;
        }
        for (int i = 0; i < trees.length; i++) {
            sum += weights[i] * trees[i].predict(features);
        }
        return sum;
    }

    /**
     * The prediction for a sparse row of {@code size} features (Spark's {@code SparseVector}): {@code indices} strictly
     * increasing, {@code values[k]} the value of feature {@code indices[k]}, every other feature 0.0.
     */
    public double predict(int[] indices, double[] values, int size) {
        if (size != numFeatures) {
            throw new IllegalArgumentException("the model takes " + numFeatures + " features, the row has " + size);
        }
        if (indices.length != values.length) {
            throw new IllegalArgumentException(
                    indices.length + " indices but " + values.length + " values in a sparse row");
        }
        int previous = -1;
        for (int index : indices) {
            if (index <= previous || index >= size) {
                throw new IllegalArgumentException("sparse row indices must be strictly increasing and in [0, "
                        + size + "): " + Arrays.toString(indices));
            }
            previous = index;
        }
        double sum = 0.0;
        if (kind == Kind.RANDOM_FOREST) {
            for (RegressionTree tree : trees) {
                sum += tree.predictSparse(indices, values);
            }
            return sum / trees.length;
        }
        for (int i = 0; i < trees.length; i++) {
            sum += weights[i] * trees[i].predictSparse(indices, values);
        }
        return sum;
    }

    /** Writes the ensemble in the {@link TreeEnsembleFormat} binary format; leaves {@code out} open. */
    public void write(OutputStream out) throws IOException {
        out.write(toByteArray());
        out.flush();
    }

    /** The ensemble in the {@link TreeEnsembleFormat} binary format, e.g. to checksum it for a manifest. */
    public byte[] toByteArray() {
        return TreeEnsembleFormat.encode(this);
    }

    /**
     * Reads an ensemble that fills the rest of {@code in} (a model file): checks magic, format version, length,
     * checksum and the structure of every tree; fails with a {@link TreeEnsembleFormatException} saying what is wrong.
     * Leaves {@code in} open.
     */
    public static TreeEnsemble read(InputStream in) throws IOException {
        return TreeEnsembleFormat.decode(in);
    }

    /** {@link #read(InputStream)}, and also fails unless the model takes {@code expectedNumFeatures} features. */
    public static TreeEnsemble read(InputStream in, int expectedNumFeatures) throws IOException {
        TreeEnsemble ensemble = read(in);
        if (ensemble.numFeatures() != expectedNumFeatures) {
            throw new TreeEnsembleFormatException("the tree ensemble was trained on " + ensemble.numFeatures()
                    + " features but the caller encodes " + expectedNumFeatures
                    + ": the model and the feature encoding are from different versions");
        }
        return ensemble;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TreeEnsemble e
                && kind == e.kind
                && numFeatures == e.numFeatures
                && Arrays.equals(weights, e.weights)
                && Arrays.equals(trees, e.trees);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * kind.hashCode() + numFeatures) + Arrays.hashCode(weights)) + Arrays.hashCode(trees);
    }

    @Override
    public String toString() {
        return "TreeEnsemble[" + kind + ", " + numFeatures + " features, " + trees.length + " trees, "
                + totalNodes() + " nodes]";
    }
}
