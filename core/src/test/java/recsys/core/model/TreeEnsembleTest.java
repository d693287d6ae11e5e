package recsys.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Predictions of small hand-built ensembles, worked out by hand in the comments. */
class TreeEnsembleTest {

    /**
     * <pre>
     * 0: x0 <= 0.5 ? 1 : 2
     * 1: leaf 1.0
     * 2: x2 <= -1.0 ? 3 : 4
     * 3: leaf 2.0
     * 4: leaf 4.0
     * </pre>
     */
    static RegressionTree treeA() {
        return RegressionTree.builder(5)
                .split(0, 0, 0.5, 1, 2)
                .leaf(1, 1.0)
                .split(2, 2, -1.0, 3, 4)
                .leaf(3, 2.0)
                .leaf(4, 4.0)
                .build();
    }

    /** {@code x1 <= 10 ? 10.0 : 20.0}, children stored right first: node order need not be breadth-first. */
    static RegressionTree treeB() {
        return RegressionTree.builder(3)
                .split(0, 1, 10.0, 2, 1)
                .leaf(1, 20.0)
                .leaf(2, 10.0)
                .build();
    }

    /** A single leaf, 7.0 for every row. */
    static RegressionTree treeC() {
        return RegressionTree.builder(1).leaf(0, 7.0).build();
    }

    static TreeEnsemble forest() {
        return TreeEnsemble.randomForest(3, List.of(treeA(), treeB()));
    }

    static TreeEnsemble boosted() {
        return TreeEnsemble.gradientBoosted(3, List.of(treeA(), treeB(), treeC()), new double[] {1.0, 0.1, 0.1});
    }

    @Test
    void treesGoLeftWhenTheFeatureIsAtMostTheThreshold() {
        assertEquals(1.0, treeA().predict(new double[] {0.5, 0, 0}));      // tie goes left
        assertEquals(2.0, treeA().predict(new double[] {0.6, 0, -1.0}));   // right, then tie goes left
        assertEquals(4.0, treeA().predict(new double[] {0.6, 0, -0.9}));
        assertEquals(10.0, treeB().predict(new double[] {0, 10.0, 0}));
        assertEquals(20.0, treeB().predict(new double[] {0, 10.000001, 0}));
        assertEquals(7.0, treeC().predict(new double[] {1, 2, 3}));
    }

    @Test
    void nanGoesRightLikeSpark() {
        assertEquals(4.0, treeA().predict(new double[] {Double.NaN, 0, Double.NaN}));
    }

    @Test
    void randomForestIsTheMeanOfItsTrees() {
        TreeEnsemble forest = forest();
        assertEquals((1.0 + 10.0) / 2, forest.predict(new double[] {0.5, 10, 0}));
        assertEquals((2.0 + 20.0) / 2, forest.predict(new double[] {1, 11, -1}));
        assertEquals((4.0 + 20.0) / 2, forest.predict(new double[] {1, 11, 0}));
        assertEquals(TreeEnsemble.Kind.RANDOM_FOREST, forest.kind());
        assertEquals(1.0, forest.treeWeight(1));
    }

    @Test
    void gradientBoostedIsTheWeightedSumOfItsTrees() {
        TreeEnsemble boosted = boosted();
        assertEquals(1.0 + 0.1 * 10.0 + 0.1 * 7.0, boosted.predict(new double[] {0.5, 10, 0}), 1e-12);
        assertEquals(4.0 + 0.1 * 20.0 + 0.1 * 7.0, boosted.predict(new double[] {1, 11, 0}), 1e-12);
        assertEquals(3, boosted.numTrees());
        assertEquals(9, boosted.totalNodes());
    }

    @Test
    void sparseRowsReadMissingFeaturesAsZero() {
        TreeEnsemble forest = forest();
        // x = [0, 0, -1]: A goes left at x0 = 0 <= 0.5 (1.0); B left at x1 = 0 <= 10 (10.0)
        assertEquals(5.5, forest.predict(new int[] {2}, new double[] {-1.0}, 3));
        // x = [1, 11, 0]
        assertEquals(12.0, forest.predict(new int[] {0, 1}, new double[] {1, 11}, 3));
        assertEquals(5.5, forest.predict(new int[0], new double[0], 3));

        double[][] rows = {{0.5, 10, 0}, {1, 11, -1}, {0, 0, 0}, {-3, 10.5, -2}, {0.7, 0, -1}};
        for (TreeEnsemble ensemble : List.of(forest, boosted())) {
            for (double[] row : rows) {
                int[] indices = IntStream.range(0, 3).filter(i -> row[i] != 0).toArray();
                double[] values = Arrays.stream(indices).mapToDouble(i -> row[i]).toArray();
                assertEquals(ensemble.predict(row), ensemble.predict(indices, values, 3));
            }
        }
    }

    @Test
    void rowsOfTheWrongShapeAreRejected() {
        TreeEnsemble forest = forest();
        IllegalArgumentException dense = assertThrows(IllegalArgumentException.class,
                () -> forest.predict(new double[] {1, 2}));
        assertTrue(dense.getMessage().contains("takes 3 features, the row has 2"), dense.getMessage());
        assertThrows(IllegalArgumentException.class, () -> forest.predict(new int[] {0}, new double[] {1}, 4));
        assertThrows(IllegalArgumentException.class, () -> forest.predict(new int[] {0, 1}, new double[] {1}, 3));
        assertThrows(IllegalArgumentException.class, () -> forest.predict(new int[] {1, 0}, new double[] {1, 2}, 3));
        assertThrows(IllegalArgumentException.class, () -> forest.predict(new int[] {1, 1}, new double[] {1, 2}, 3));
        assertThrows(IllegalArgumentException.class, () -> forest.predict(new int[] {3}, new double[] {1}, 3));
    }

    @Test
    void treesMustFitTheFeatureCountAndKind() {
        IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class,
                () -> TreeEnsemble.randomForest(2, List.of(treeA())));
        assertTrue(tooFew.getMessage().contains("splits on feature 2 but the ensemble has 2 features"),
                tooFew.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TreeEnsemble.randomForest(3, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> TreeEnsemble.gradientBoosted(3, List.of(treeA()), new double[] {1.0, 0.1}));
        assertThrows(IllegalArgumentException.class,
                () -> TreeEnsemble.gradientBoosted(3, List.of(treeA()), new double[] {Double.NaN}));
    }

    @Test
    void theBuilderOnlyBuildsTrees() {
        IllegalStateException undefined = assertThrows(IllegalStateException.class,
                () -> RegressionTree.builder(3).split(0, 0, 1.0, 1, 2).leaf(1, 1.0).build());
        assertTrue(undefined.getMessage().contains("node 2 of 3 was never defined"), undefined.getMessage());

        IllegalArgumentException twoParents = assertThrows(IllegalArgumentException.class,
                () -> RegressionTree.builder(3).split(0, 0, 1.0, 1, 1).leaf(1, 1.0).leaf(2, 2.0).build());
        assertTrue(twoParents.getMessage().contains("reached twice"), twoParents.getMessage());

        IllegalArgumentException cycle = assertThrows(IllegalArgumentException.class,
                () -> RegressionTree.builder(3).split(0, 0, 1.0, 1, 2).split(1, 0, 1.0, 0, 2).leaf(2, 2.0).build());
        assertTrue(cycle.getMessage().contains("reached twice"), cycle.getMessage());

        IllegalArgumentException orphan = assertThrows(IllegalArgumentException.class,
                () -> RegressionTree.builder(2).leaf(0, 1.0).leaf(1, 2.0).build());
        assertTrue(orphan.getMessage().contains("node 1 is not reachable"), orphan.getMessage());

        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> RegressionTree.builder(3).split(0, 0, 1.0, 1, 3).leaf(1, 1.0).leaf(2, 2.0).build());
        assertTrue(outside.getMessage().contains("node 0 has child 3"), outside.getMessage());

        assertThrows(IllegalArgumentException.class,
                () -> RegressionTree.builder(3).split(0, 0, Double.NaN, 1, 2).leaf(1, 1.0).leaf(2, 2.0).build());
        assertThrows(IllegalArgumentException.class, () -> RegressionTree.builder(1).leaf(0, Double.NaN).build());
        assertThrows(IllegalStateException.class, () -> RegressionTree.builder(1).leaf(0, 1.0).leaf(0, 2.0));
        assertThrows(IllegalArgumentException.class, () -> RegressionTree.builder(0));
    }

    @Test
    void equalEnsemblesHaveEqualTrees() {
        assertEquals(forest(), forest());
        assertEquals(forest().hashCode(), forest().hashCode());
        assertTrue(!forest().equals(boosted()));
        assertEquals("TreeEnsemble[RANDOM_FOREST, 3 features, 2 trees, 8 nodes]", forest().toString());
    }
}
