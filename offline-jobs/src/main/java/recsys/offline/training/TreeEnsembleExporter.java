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
        return TreeEnsemble.randomForest(model.numFeatures(), trees(model.trees()));
    }

    public static TreeEnsemble export(GBTRegressionModel model) {
        return TreeEnsemble.gradientBoosted(model.numFeatures(), trees(model.trees()), model.treeWeights());
    }

    private static List<RegressionTree> trees(DecisionTreeRegressionModel[] models) {
        List<RegressionTree> trees = new ArrayList<>(models.length);
        for (int t = 0; t < models.length; t++) {
            trees.add(tree(t, models[t].rootNode()));
        }
        return trees;
    }

    /** Tree {@code t}, numbered breadth-first: a node's index is its position in the visiting order. */
    static RegressionTree tree(int t, Node root) {
        List<Node> order = new ArrayList<>();
        order.add(root);
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i) instanceof InternalNode internal) {
                order.add(internal.leftChild());
                order.add(internal.rightChild());
            }
        }
        RegressionTree.Builder tree = RegressionTree.builder(order.size());
        int next = 1;   // the index the next child in the visiting order received
        for (int i = 0; i < order.size(); i++) {
            Node node = order.get(i);
            if (node instanceof InternalNode internal) {
                tree.split(i, internal.split().featureIndex(), threshold(t, i, internal.split()), next, next + 1);
                next += 2;
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
