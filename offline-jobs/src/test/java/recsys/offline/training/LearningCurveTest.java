package recsys.offline.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import recsys.core.evaluation.RatingErrors;
import recsys.core.model.TreeEnsemble;

/**
 * The learning curve against a brute-force redraw: each point's RMSE recomputed by hand from a forest grown on the
 * same nested sample, the choice checked against the stopping rule, and the curve stopping early on noise and running
 * to the cap on a signal that keeps paying.
 */
class LearningCurveTest {

    private static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("features", SQLDataTypes.VectorType(), false),
            DataTypes.createStructField("rating", DataTypes.DoubleType, false)));
    private static final ForestSettings PROBE = new ForestSettings(6, 6, 0.8, "all");
    private static final long SEED = 5;

    /** A rating that a forest learns better with more rows (steps in a and b), plus noise of {@code noise}. */
    private static Dataset<Row> rows(int n, long seed, double noise, boolean learnable) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double a = random.nextDouble();
            double b = random.nextDouble();
            double signal = learnable ? 3 * a + (b > 0.5 ? 1 : 0) + Math.sin(12 * a * b) : 0;
            double rating = 1 + signal + noise * random.nextGaussian();
            rows.add(RowFactory.create(Vectors.dense(a, b, random.nextDouble()), rating));
        }
        return TrainingData.spark().createDataFrame(rows, SCHEMA).repartition(2).persist();
    }

    @Test
    void everyPointIsTheRmseOfAForestOnThatNestedSampleAndTheChoiceFollowsTheRule() {
        Dataset<Row> tuning = rows(3_000, 1, 0.3, true);
        Dataset<Row> validation = rows(600, 2, 0.3, true);
        TreeRowBudget budget = new TreeRowBudget(300, 3_000, 0.01);

        LearningCurve.Result curve = LearningCurve.measure(tuning, 3_000, validation, "features", PROBE, budget, SEED);

        assertEquals(3_000, curve.availableRows());
        assertFalse(curve.points().isEmpty());
        Dataset<Row> keyed = tuning.withColumn("key", functions.rand(SEED));
        List<Row> validationRows = validation.collectAsList();
        List<Long> sizes = budget.sizes(3_000);
        for (int i = 0; i < curve.points().size(); i++) {
            LearningCurve.Point point = curve.points().get(i);
            Dataset<Row> sample = keyed.where(functions.col("key").lt((double) sizes.get(i) / 3_000)).drop("key");
            assertEquals(sample.count(), point.rows(), "point " + i);
            TreeEnsemble forest = TreeEnsembleExporter.export(ForestTuning.fit(sample, "features", PROBE, SEED));
            assertEquals(rmse(forest, validationRows), point.validationRmse(), 1e-9, "point " + i);
            if (i > 0) {
                assertTrue(curve.points().get(i - 1).rows() < point.rows(), "sizes grow");
            }
        }
        int chosen = -1;
        for (int i = 0; i < curve.points().size(); i++) {
            if (curve.points().get(i).rows() == curve.chosenRows()) {
                chosen = i;
            }
        }
        assertTrue(chosen >= 0, "the choice is one of the curve's sizes");
        for (int i = 1; i <= chosen; i++) {
            assertTrue(budget.gained(curve.points().get(i - 1).validationRmse(), curve.points().get(i).validationRmse()),
                    "every doubling up to the choice gained the minimum");
        }
        if (chosen < curve.points().size() - 1) {
            assertEquals(chosen + 2, curve.points().size(), "the curve stops at the first doubling that did not pay");
            assertFalse(budget.gained(curve.points().get(chosen).validationRmse(),
                    curve.points().get(chosen + 1).validationRmse()));
        }
        assertEquals(String.valueOf(curve.chosenRows()), curve.parameters().get("training.tree_rows"));
        Dataset<Row> chosenRows = LearningCurve.chosen(tuning, curve, SEED);
        assertEquals(curve.chosenRows(), chosenRows.count());
        assertEquals(TreeEnsembleExporter.export(ForestTuning.fit(chosenRows, "features", PROBE, SEED)),
                TreeEnsembleExporter.export(curve.chosenProbe()), "the probe is the forest grown on the chosen rows");
    }

    @Test
    void onNoiseTheFirstDoublingDoesNotPayAndTheFirstSizeIsKept() {
        Dataset<Row> tuning = rows(2_000, 3, 1.0, false);
        Dataset<Row> validation = rows(500, 4, 1.0, false);

        LearningCurve.Result curve = LearningCurve.measure(tuning, tuning.count(), validation, "features", PROBE,
                new TreeRowBudget(250, 2_000, 0.1), SEED);

        assertEquals(2, curve.points().size(), curve.describe());
        assertEquals(curve.points().get(0).rows(), curve.chosenRows());
        assertTrue(curve.samples());
        long sampled = LearningCurve.chosen(tuning, curve, SEED).count();
        assertEquals(curve.chosenRows(), sampled, "the chosen rows are the chosen point's");
        assertTrue(Math.abs(sampled - 250) < 80, "a seeded sample of about 250 rows, was " + sampled);
    }

    @Test
    void theCapBoundsTheRowsWhateverTheCurveSays() {
        Dataset<Row> tuning = rows(2_000, 5, 0.3, true);
        Dataset<Row> validation = rows(400, 6, 0.3, true);

        LearningCurve.Result curve = LearningCurve.measure(tuning, tuning.count(), validation, "features", PROBE,
                new TreeRowBudget(200, 800, Double.MIN_VALUE), SEED);

        // sizes 200, 400 and 800 (the cap) at most, each kept while it gains anything at all
        assertTrue(curve.points().size() <= 3, curve.describe());
        for (LearningCurve.Point point : curve.points()) {
            assertTrue(point.rows() < 1_000, "a sample of about 800 rows at most: " + curve.describe());
        }
        assertTrue(curve.samples(), curve.describe());
    }

    @Test
    void overRowsSampledDownToTheCapTheSizesAreCountedAgainstEveryAvailableRow() {
        Dataset<Row> encoded = rows(1_000, 9, 0.3, true);     // as if 1,000 of 4,000 tuning rows had been encoded
        Dataset<Row> validation = rows(400, 10, 0.3, true);
        TreeRowBudget budget = new TreeRowBudget(250, 1_000, Double.MIN_VALUE);

        LearningCurve.Result curve = LearningCurve.measure(encoded, 4_000, validation, "features", PROBE, budget,
                SEED);

        assertEquals(4_000, curve.availableRows());
        assertTrue(curve.samples(), curve.describe());
        List<Long> sizes = budget.sizes(4_000);
        assertEquals(List.of(250L, 500L, 1_000L), sizes);
        for (int i = 0; i < curve.points().size(); i++) {
            long rows = curve.points().get(i).rows();
            assertTrue(Math.abs(rows - sizes.get(i)) <= sizes.get(i) / 5, "about " + sizes.get(i) + ": " + rows);
        }
        if (curve.points().size() == 3) {
            assertEquals(1_000, curve.points().get(2).rows(), "the largest size is every encoded row");
        }
        assertEquals(1_000, budget.largest(4_000));
        assertEquals(0.25, LearningCurve.encodedRows(4_000, budget, SEED).fraction(), 1e-12);
        assertTrue(LearningCurve.encodedRows(900, budget, SEED).all(), "no more than the cap: every row");
    }

    @Test
    void upToTheFirstSizeEveryRowIsUsedAndNoCurveIsDrawn() {
        Dataset<Row> tuning = rows(300, 7, 0.3, true);
        LearningCurve.Result curve = LearningCurve.measure(tuning, 300, rows(100, 8, 0.3, true), "features", PROBE,
                new TreeRowBudget(300, 1_000, 0.01), SEED);
        assertEquals(300, curve.chosenRows());
        assertTrue(curve.points().isEmpty());
        assertFalse(curve.samples());
        assertTrue(LearningCurve.chosen(tuning, curve, SEED) == tuning, "the rows themselves");
        assertTrue(curve.chosenProbe() == null, "no curve, no probe");
    }

    private static double rmse(TreeEnsemble forest, List<Row> rows) {
        double[] predicted = new double[rows.size()];
        double[] actual = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            predicted[i] = forest.predict(((Vector) rows.get(i).get(0)).toArray());
            actual[i] = rows.get(i).getDouble(1);
        }
        return RatingErrors.of(predicted, actual).rmse();
    }
}
