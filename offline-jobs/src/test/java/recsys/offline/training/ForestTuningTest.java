package recsys.offline.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.RandomForestRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import recsys.core.evaluation.RatingErrors;
import recsys.core.model.TreeEnsemble;

/**
 * Forest tuning reads every (trees, depth) point off one grown forest: the cut forest is the grown one where the
 * cut changes nothing, shallower where it does, and the chosen point is the grid's lowest validation RMSE,
 * recomputed here point by point with the cut ensembles.
 */
class ForestTuningTest {

    private static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("features", SQLDataTypes.VectorType(), false),
            DataTypes.createStructField("rating", DataTypes.DoubleType, false)));

    private static Dataset<Row> rows(int n, long seed) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double a = random.nextDouble();
            double b = random.nextDouble();
            double rating = Math.min(5, Math.max(0.5, 1 + 3 * a + (b > 0.5 ? 1 : 0) + 0.3 * random.nextGaussian()));
            rows.add(RowFactory.create(Vectors.dense(a, b, random.nextDouble()), rating));
        }
        return TrainingData.spark().createDataFrame(rows, SCHEMA);
    }

    @Test
    void everyGridPointIsReadOffOneForestAndTheBestIsChosen() {
        Dataset<Row> tuning = rows(400, 1);
        Dataset<Row> validation = rows(200, 2);
        ForestGrid grid = new ForestGrid(List.of(2, 6), List.of(1, 3, 5), List.of(0.8), List.of("all"));
        ForestTuning.Tuned tuned = ForestTuning.tune(tuning, validation, "features", grid, 3);

        assertEquals(grid.size(), tuned.candidates().size());
        RandomForestRegressionModel grown = tuned.bestForest();
        assertEquals(6, grown.getNumTrees());
        // cutting the grown forest at its own depth and tree count changes nothing
        assertEquals(TreeEnsembleExporter.export(grown), TreeEnsembleExporter.export(grown, 6, 5));
        TreeEnsemble stump = TreeEnsembleExporter.export(grown, 2, 1);
        assertEquals(2, stump.numTrees());
        for (int t = 0; t < 2; t++) {
            assertTrue(stump.tree(t).nodeCount() <= 3, "depth 1 has at most 3 nodes");
        }
        List<Row> validationRows = validation.collectAsList();
        double bestRmse = Double.POSITIVE_INFINITY;
        for (ForestTuning.Candidate candidate : tuned.candidates()) {
            TreeEnsemble cut = TreeEnsembleExporter.export(grown, candidate.settings().trees(),
                    candidate.settings().maxDepth());
            double[] predicted = new double[validationRows.size()];
            double[] actual = new double[validationRows.size()];
            for (int i = 0; i < predicted.length; i++) {
                predicted[i] = cut.predict(((org.apache.spark.ml.linalg.Vector) validationRows.get(i).get(0))
                        .toArray());
                actual[i] = validationRows.get(i).getDouble(1);
            }
            assertEquals(RatingErrors.of(predicted, actual).rmse(), candidate.validation().rmse(), 1e-9);
            bestRmse = Math.min(bestRmse, candidate.validation().rmse());
        }
        assertEquals(bestRmse, tuned.best().validation().rmse(), 0);
        assertTrue(tuned.best().settings().maxDepth() > 1, "a depth-1 forest cannot fit the step in b");
    }

    @Test
    void aForestAlreadyGrownAtTheLargestPointStandsInForGrowingItAgain() {
        Dataset<Row> tuning = rows(400, 4).persist();
        Dataset<Row> validation = rows(200, 5);
        ForestGrid grid = new ForestGrid(List.of(2, 6), List.of(1, 3, 5), List.of(0.8), List.of("all"));
        RandomForestRegressionModel largest = ForestTuning.fit(tuning, "features", grid.largest(), 3);

        ForestTuning.Tuned grown = ForestTuning.tune(tuning, validation, "features", grid, 3);
        ForestTuning.Tuned reused = ForestTuning.tune(tuning, validation, "features", grid, 3, largest);

        assertTrue(reused.bestForest() == largest, "the given forest, not a new one");
        assertEquals(TreeEnsembleExporter.export(grown.bestForest()), TreeEnsembleExporter.export(largest),
                "the fit is deterministic, so the given forest is the one tuning would grow");
        assertEquals(grown.candidates(), reused.candidates());
        tuning.unpersist();
    }
}
