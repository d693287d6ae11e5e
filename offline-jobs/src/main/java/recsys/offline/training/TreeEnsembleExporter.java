package recsys.offline.training;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.regression.DecisionTreeRegressionModel;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.ml.regression.RandomForestRegressionModel;
import org.apache.spark.ml.tree.ContinuousSplit;
import org.apache.spark.ml.tree.InternalNode;
import org.apache.spark.ml.tree.LeafNode;
import org.apache.spark.ml.tree.Node;
import org.apache.spark.ml.tree.Split;
import recsys.core.model.RegressionTree;
import recsys.core.model.TreeEnsemble;

/**
 * Turns a trained Spark ML tree ensemble into core's Spark-free {@link TreeEnsemble}, which the online service
 * loads. Each tree is walked breadth-first from its root, so node 0 is the root and a node's children come after
 * it; the leaf predictions, thresholds and GBT tree weights are copied unchanged, so predictions match Spark's.
 *
 * <p>Only continuous splits are exported: Spark makes categorical splits only for features whose column metadata
 * marks them nominal (e.g. after a {@code VectorIndexer}), and our features are all continuous. A categorical split
 * fails the export with the tree, node and feature it was found at.
 */
public final class TreeEnsembleExporter {

    private TreeEnsembleExporter() {
    }

    public static TreeEnsemble export(RandomForestRegressionModel model) {
        return TreeEnsemble.randomForest(model.numFeatures(), trees(model.trees(), Integer.MAX_VALUE));
    }

    /**
     * The forest of the first {@code trees} trees of {@code model}, each cut at {@code maxDepth}: an internal node
     * at that depth becomes a leaf predicting its own training mean ({@code InternalNode.prediction}), which is
     * what Spark's grower makes of a node when it reaches {@code maxDepth}. Tuning uses this to score every
     * (trees, depth) pair up to the fitted ones from a single fit; the chosen pair is then refitted directly.
     */
    public static TreeEnsemble export(RandomForestRegressionModel model, int trees, int maxDepth) {
        if (trees < 1 || trees > model.getNumTrees()) {
            throw new IllegalArgumentException("trees must be in [1, " + model.getNumTrees() + "], got " + trees);
        }
        DecisionTreeRegressionModel[] first = java.util.Arrays.copyOf(model.trees(), trees);
        return TreeEnsemble.randomForest(model.numFeatures(), trees(first, maxDepth));
    }

    public static TreeEnsemble export(GBTRegressionModel model) {
        return export(model, model.getNumTrees());
    }

    /**
     * The first {@code trees} trees of {@code model} with their weights: exactly the model boosting would have
     * stopped with after {@code trees} iterations, since each iteration only adds a tree. Tuning scores every
     * iteration count from one fit with this.
     */
    public static TreeEnsemble export(GBTRegressionModel model, int trees) {
        if (trees < 1 || trees > model.getNumTrees()) {
            throw new IllegalArgumentException("trees must be in [1, " + model.getNumTrees() + "], got " + trees);
        }
        return TreeEnsemble.gradientBoosted(model.numFeatures(),
                trees(java.util.Arrays.copyOf(model.trees(), trees), Integer.MAX_VALUE),
                java.util.Arrays.copyOf(model.treeWeights(), trees));
    }

    private static List<RegressionTree> trees(DecisionTreeRegressionModel[] models, int maxDepth) {
        List<RegressionTree> trees = new ArrayList<>(models.length);
        for (int t = 0; t < models.length; t++) {
            trees.add(tree(t, models[t].rootNode(), maxDepth));
        }
        return trees;
    }

    /** Tree {@code t}, numbered breadth-first: a node's index is its position in the visiting order. */
    static RegressionTree tree(int t, Node root) {
        return tree(t, root, Integer.MAX_VALUE);
    }

    /** Tree {@code t} with nodes below {@code maxDepth} (root at depth 0) dropped and their parents made leaves. */
    static RegressionTree tree(int t, Node root, int maxDepth) {
        List<Node> order = new ArrayList<>();
        List<Integer> depths = new ArrayList<>();
        order.add(root);
        depths.add(0);
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i) instanceof InternalNode internal && depths.get(i) < maxDepth) {
                order.add(internal.leftChild());
                order.add(internal.rightChild());
                depths.add(depths.get(i) + 1);
                depths.add(depths.get(i) + 1);
            }
        }
        RegressionTree.Builder tree = RegressionTree.builder(order.size());
        int next = 1;   // the index the next child in the visiting order received
        for (int i = 0; i < order.size(); i++) {
            Node node = order.get(i);
            if (node instanceof InternalNode internal && depths.get(i) < maxDepth) {
                tree.split(i, internal.split().featureIndex(), threshold(t, i, internal.split()), next, next + 1);
                next += 2;
            } else if (node instanceof InternalNode cut) {
                tree.leaf(i, cut.prediction());
            } else if (node instanceof LeafNode leaf) {
                tree.leaf(i, leaf.prediction());
            } else {
                throw new IllegalArgumentException("tree " + t + " node " + i + " is a "
                        + node.getClass().getName() + ", neither an InternalNode nor a LeafNode");
            }
        }
        return tree.build();
    }

    private static double threshold(int t, int node, Split split) {
        if (split instanceof ContinuousSplit continuous) {
            return continuous.threshold();
        }
        throw new IllegalArgumentException("tree " + t + " node " + node + " splits on feature "
                + split.featureIndex() + " as a categorical feature (" + split.getClass().getSimpleName()
                + "); TreeEnsemble supports continuous splits only, so train on a features column without "
                + "nominal attributes (no VectorIndexer / categorical metadata)");
    }
}
