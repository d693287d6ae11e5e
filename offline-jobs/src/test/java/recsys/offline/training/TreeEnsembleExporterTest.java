package recsys.offline.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.apache.spark.ml.feature.VectorIndexer;
import org.apache.spark.ml.feature.VectorIndexerModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.DecisionTreeRegressionModel;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.ml.regression.GBTRegressor;
import org.apache.spark.ml.regression.RandomForestRegressionModel;
import org.apache.spark.ml.regression.RandomForestRegressor;
import org.apache.spark.ml.tree.ContinuousSplit;
import org.apache.spark.ml.tree.InternalNode;
import org.apache.spark.ml.tree.Node;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.core.model.TreeEnsemble;
import recsys.offline.testing.TestSpark;

/**
 * Parity: models trained by real Spark ({@code local[2]}) give the same predictions through the exported
 * {@link TreeEnsemble} as through Spark's own {@code predict} and {@code transform}, for dense and sparse rows, rows
 * sitting exactly on split thresholds and rows with NaN, before and after a write/read round trip.
 *
 * <p>Uses the shared test session ({@code TestSpark}); it needs no Elasticsearch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TreeEnsembleExporterTest {

    private static final int FEATURES = 30;
    private static final int TRAINING_ROWS = 2_000;
    private static final int EVALUATION_ROWS = 1_000;
    private static final long SEED = 42;
    private static final double TOLERANCE = 1e-9;

    private SparkSession spark;
    private RandomForestRegressionModel forest;
    private GBTRegressionModel boosted;
    private List<double[]> evaluation;

    @BeforeAll
    void train() {
        spark = TestSpark.session();

        Random random = new Random(SEED);
        List<double[]> training = new ArrayList<>();
        for (int i = 0; i < TRAINING_ROWS; i++) {
            training.add(row(random));
        }
        Dataset<Row> data = frame(training).cache();
        forest = new RandomForestRegressor()
                .setNumTrees(20)
                .setMaxDepth(8)
                .setFeatureSubsetStrategy("onethird")
                .setSubsamplingRate(0.8)
                .setSeed(SEED)
                .fit(data);
        boosted = new GBTRegressor()
                .setMaxIter(20)
                .setMaxDepth(5)
                .setStepSize(0.1)
                .setSeed(SEED)
                .fit(data);
        data.unpersist();
        evaluation = evaluationRows(new Random(SEED + 1));
    }


    /**
     * Features 0-9 Gaussian, 10-19 small integers (many ties), 20-29 mostly zero (sparse: each non-zero with
     * probability 0.1); the label mixes them non-linearly plus noise.
     */
    private static double[] row(Random random) {
        double[] x = new double[FEATURES];
        for (int i = 0; i < 10; i++) {
            x[i] = random.nextGaussian();
        }
        for (int i = 10; i < 20; i++) {
            x[i] = random.nextInt(5);
        }
        for (int i = 20; i < FEATURES; i++) {
            x[i] = random.nextDouble() < 0.1 ? random.nextGaussian() : 0.0;
        }
        return x;
    }

    private static double label(double[] x, Random random) {
        return 2 * Math.sin(x[0]) + x[1] * x[2] + 0.5 * x[3] * x[3] + (x[10] > 2 ? 1.5 : 0) + 0.5 * x[11]
                + 3 * x[20] - (x[21] != 0 ? 2 : 0) + 0.1 * random.nextGaussian();
    }

    /** Even rows as sparse vectors, odd rows as dense ones; the labels only matter for training. */
    private Dataset<Row> frame(List<double[]> rows) {
        Random noise = new Random(SEED + 2);
        List<Row> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Vector dense = Vectors.dense(rows.get(i));
            out.add(RowFactory.create(i, label(rows.get(i), noise), i % 2 == 0 ? dense.toSparse() : dense));
        }
        StructType schema = new StructType()
                .add("id", DataTypes.IntegerType, false)
                .add("label", DataTypes.DoubleType, false)
                .add("features", SQLDataTypes.VectorType(), false);
        return spark.createDataFrame(out, schema);
    }

    /**
     * Fresh rows; the first 200 get one feature set exactly to a threshold one of the models splits on (the
     * {@code <=} boundary), the next 10 a NaN in a feature the models split on (Spark sends NaN right).
     */
    private List<double[]> evaluationRows(Random random) {
        List<double[]> splits = new ArrayList<>();
        for (DecisionTreeRegressionModel tree : forest.trees()) {
            collectSplits(tree.rootNode(), splits);
        }
        for (DecisionTreeRegressionModel tree : boosted.trees()) {
            collectSplits(tree.rootNode(), splits);
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < EVALUATION_ROWS; i++) {
            double[] x = row(random);
            if (i < 200) {
                double[] split = splits.get(random.nextInt(splits.size()));
                x[(int) split[0]] = split[1];
            } else if (i < 210) {
                x[(int) splits.get(random.nextInt(splits.size()))[0]] = Double.NaN;
            }
            rows.add(x);
        }
        return rows;
    }

    private static void collectSplits(Node node, List<double[]> splits) {
        if (node instanceof InternalNode internal) {
            ContinuousSplit split = (ContinuousSplit) internal.split();
            splits.add(new double[] {split.featureIndex(), split.threshold()});
            collectSplits(internal.leftChild(), splits);
            collectSplits(internal.rightChild(), splits);
        }
    }

    @Test
    void randomForestPredictionsMatchSpark() throws IOException {
        TreeEnsemble ensemble = TreeEnsembleExporter.export(forest);
        assertEquals(TreeEnsemble.Kind.RANDOM_FOREST, ensemble.kind());
        assertEquals(FEATURES, ensemble.numFeatures());
        assertEquals(20, ensemble.numTrees());
        assertEquals(forest.totalNumNodes(), ensemble.totalNodes());
        assertParity("random forest", forest.trees(), forest::predict, forest.transform(frame(evaluation)),
                ensemble);
    }

    @Test
    void gradientBoostedPredictionsMatchSpark() throws IOException {
        TreeEnsemble ensemble = TreeEnsembleExporter.export(boosted);
        assertEquals(TreeEnsemble.Kind.GRADIENT_BOOSTED, ensemble.kind());
        assertEquals(20, ensemble.numTrees());
        assertEquals(1.0, ensemble.treeWeight(0));
        assertEquals(0.1, ensemble.treeWeight(19));
        assertEquals(boosted.totalNumNodes(), ensemble.totalNodes());
        assertParity("gradient-boosted", boosted.trees(), boosted::predict,
                boosted.transform(frame(evaluation)), ensemble);
    }

    private void assertParity(String name, DecisionTreeRegressionModel[] sparkTrees,
            ToDoubleFunction<Vector> sparkPredict, Dataset<Row> transformed, TreeEnsemble exported)
            throws IOException {
        TreeEnsemble reloaded = TreeEnsemble.read(new ByteArrayInputStream(exported.toByteArray()), FEATURES);
        assertEquals(exported, reloaded);

        // each tree on its own first: a mismatch here names the tree, and leaf values must be bit-identical
        for (int t = 0; t < sparkTrees.length; t++) {
            for (int r = 0; r < evaluation.size(); r++) {
                double[] x = evaluation.get(r);
                assertEquals(sparkTrees[t].predict(Vectors.dense(x)), reloaded.tree(t).predict(x), 0.0,
                        name + " tree " + t + " row " + r);
            }
        }

        Map<Integer, Double> fromTransform = new HashMap<>();
        for (Row row : transformed.select("id", "prediction").collectAsList()) {
            fromTransform.put(row.getInt(0), row.getDouble(1));
        }
        assertEquals(evaluation.size(), fromTransform.size());

        double maxDiff = 0;
        for (TreeEnsemble ensemble : List.of(exported, reloaded)) {
            for (int r = 0; r < evaluation.size(); r++) {
                double[] x = evaluation.get(r);
                SparseVector sparse = Vectors.dense(x).toSparse();
                double expected = sparkPredict.applyAsDouble(Vectors.dense(x));
                double[] actual = {
                    sparkPredict.applyAsDouble(sparse),
                    fromTransform.get(r),
                    ensemble.predict(x),
                    ensemble.predict(sparse.indices(), sparse.values(), sparse.size()),
                };
                for (double value : actual) {
                    double diff = Math.abs(value - expected);
                    assertTrue(diff <= TOLERANCE, name + " row " + r + ": Spark " + expected + ", got " + value);
                    maxDiff = Math.max(maxDiff, diff);
                }
            }
        }
        System.out.printf("%s: %d trees, %d nodes; max |Spark - TreeEnsemble| over %d rows = %.3g%n", name,
                exported.numTrees(), exported.totalNodes(), evaluation.size(), maxDiff);
    }

    @Test
    void categoricalSplitsAreRefused() {
        // feature 0 takes five values and alone decides the label; VectorIndexer marks it categorical
        Random random = new Random(SEED);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int category = random.nextInt(5);
            double label = category == 1 || category == 3 ? 5.0 : 0.0;
            rows.add(RowFactory.create(i, label, Vectors.dense(category, random.nextGaussian())));
        }
        StructType schema = new StructType()
                .add("id", DataTypes.IntegerType, false)
                .add("label", DataTypes.DoubleType, false)
                .add("raw", SQLDataTypes.VectorType(), false);
        Dataset<Row> data = spark.createDataFrame(rows, schema);
        VectorIndexerModel indexer = new VectorIndexer().setInputCol("raw").setOutputCol("features")
                .setMaxCategories(5).fit(data);
        RandomForestRegressionModel categorical = new RandomForestRegressor().setNumTrees(2).setMaxDepth(2)
                .setFeatureSubsetStrategy("all").setSeed(SEED).fit(indexer.transform(data));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> TreeEnsembleExporter.export(categorical));
        assertTrue(refused.getMessage().contains("splits on feature 0 as a categorical feature"), refused.getMessage());
    }
}
