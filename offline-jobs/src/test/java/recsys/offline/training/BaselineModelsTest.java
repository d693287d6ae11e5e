package recsys.offline.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static recsys.offline.training.TrainingData.r;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import recsys.core.features.RatedMovie;
import recsys.core.model.BiasBaseline;
import recsys.core.model.BiasBaselineFormat;

/**
 * Biases worked out by hand on five ratings: μ = 15/5 = 3.
 * <pre>
 *   u1: m1 5, m2 3      u2: m1 4, m3 2      u3: m2 1
 * </pre>
 */
class BaselineModelsTest {

    private static final double EPS = 1e-9;

    private static final Dataset<Row> TINY = TrainingData.ratings(
            r("u1", "m1", 5, 1), r("u1", "m2", 3, 2), r("u2", "m1", 4, 3), r("u2", "m3", 2, 4), r("u3", "m2", 1, 5));

    @Test
    void globalMeanPredictsTheMeanEverywhereWithoutFallback() {
        GlobalMeanModel model = GlobalMeanModel.fit(TINY);
        assertEquals(3.0, model.mean(), EPS);
        for (Row row : model.predict(TrainingData.ratings(r("u9", "m9", 1, 1))).collectAsList()) {
            assertEquals(3.0, row.getDouble(row.fieldIndex(RatingColumns.PREDICTION)), EPS);
            assertFalse(row.getBoolean(row.fieldIndex(RatingColumns.FALLBACK)));
        }
        assertEquals(BiasBaseline.globalMean(3.0), model.toBaseline());
    }

    private static BiasBaseline roundTrip(BiasBaseline baseline) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            BiasBaselineFormat.write(baseline, bytes);
            return BiasBaselineFormat.read(new java.io.ByteArrayInputStream(bytes.toByteArray()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void dampedBiasesMatchTheHandComputation() {
        // λ_u = 2, λ_i = 1
        // b_m1 = ((5−3) + (4−3)) / (1+2) = 1;  b_m2 = ((3−3) + (1−3)) / (1+2) = −2/3
        // b_m3 = (2−3) / (1+1) = −1/2
        // b_u1 = ((5−3−1) + (3−3+2/3)) / (2+2) = 5/12;  b_u2 = ((4−3−1) + (2−3+1/2)) / (2+2) = −1/8
        // b_u3 = (1−3+2/3) / (2+1) = −4/9
        BiasModel model = BiasModel.fit(TINY, 2, 1);
        BiasBaseline b = model.toBaseline();
        assertEquals(3.0, b.globalMean(), EPS);
        assertEquals(1.0, b.itemBias("m1"), EPS);
        assertEquals(-2.0 / 3, b.itemBias("m2"), EPS);
        assertEquals(-0.5, b.itemBias("m3"), EPS);
        assertEquals(5.0 / 12, b.userBias("u1"), EPS);
        assertEquals(-1.0 / 8, b.userBias("u2"), EPS);
        assertEquals(-4.0 / 9, b.userBias("u3"), EPS);
        assertEquals(2.0, b.userDamping());
        assertEquals(1.0, b.itemDamping());
        // the driver-side fit the bias grid search uses gives the same biases
        BiasBaseline local = LocalRatings.collect(TINY).fitBiases(2, 1);
        assertEquals(b.globalMean(), local.globalMean(), EPS);
        b.itemBiases().forEach((id, bias) -> assertEquals(bias, local.itemBias(id), EPS, id));
        b.userBiases().forEach((id, bias) -> assertEquals(bias, local.userBias(id), EPS, id));
        assertEquals(b.itemBiases().keySet(), local.itemBiases().keySet());
        assertEquals(b.userBiases().keySet(), local.userBiases().keySet());
        // a user's bias recomputed from their ratings (as the online service does) is the fitted one
        assertEquals(5.0 / 12, b.userBiasOf(List.of(new RatedMovie("m1", 5), new RatedMovie("m2", 3))), EPS);
        assertEquals(-4.0 / 9, b.userBiasOf(List.of(new RatedMovie("m2", 1))), EPS);
        assertEquals(0.0, b.userBiasOf(List.of()));
        // and the stored form reads back bit for bit
        assertEquals(b, roundTrip(b));

        Dataset<Row> rows = TrainingData.ratings(r("u1", "m3", 3, 9), r("u3", "m1", 3, 9), r("u9", "m1", 3, 9),
                r("u1", "m9", 3, 9), r("u9", "m9", 3, 9));
        Map<String, Row> predicted = model.predict(rows).collectAsList().stream()
                .collect(Collectors.toMap(row -> row.getString(0) + "/" + row.getString(1), row -> row));
        assertEquals(5, predicted.size());
        assertPrediction(predicted.get("u1/m3"), 3 + 5.0 / 12 - 0.5, false);
        assertPrediction(predicted.get("u3/m1"), 3 - 4.0 / 9 + 1, false);
        assertPrediction(predicted.get("u9/m1"), 4.0, true);
        assertPrediction(predicted.get("u1/m9"), 3 + 5.0 / 12, true);
        assertPrediction(predicted.get("u9/m9"), 3.0, true);
        // the Spark predictions and the plain-Java form agree
        predicted.values().forEach(row -> assertEquals(b.predict(row.getString(0), row.getString(1)),
                row.getDouble(row.fieldIndex(RatingColumns.PREDICTION)), EPS));
    }

    @Test
    void undampedBiasesArePlainMeanResidualsAndPredictionsAreClipped() {
        // λ = 0: b_m1 = 1.5, b_m2 = −1; b_u1 = ((5−3−1.5) + (3−3+1)) / 2 = 0.75; 3 + 0.75 + 1.5 = 5.25 → 5
        BiasModel model = BiasModel.fit(TINY, 0, 0);
        assertEquals(1.5, model.toBaseline().itemBias("m1"), EPS);
        assertEquals(0.75, model.toBaseline().userBias("u1"), EPS);
        Row row = model.predict(TrainingData.ratings(r("u1", "m1", 5, 1))).first();
        assertEquals(5.0, row.getDouble(row.fieldIndex(RatingColumns.PREDICTION)), EPS);
        assertThrows(IllegalArgumentException.class, () -> BiasModel.fit(TINY, -1, 0));
    }

    @Test
    void tunedDampingsComeFromTheGridAndTheModelIsRefittedOnAllOfTrain() {
        RatingSplit split = RatingSplit.of(TrainingData.fixtureRatings(), new SplitStrategy.Random(42), 0.2, 0.2);
        List<Double> grid = List.of(1.0, 5.0, 25.0);
        BiasModel.Tuned tuned = BiasModel.tune(split, grid);
        assertEquals(9, tuned.candidates().size());
        assertTrue(grid.contains(tuned.best().userDamping()) && grid.contains(tuned.best().itemDamping()));
        double bestRmse = tuned.candidates().stream().mapToDouble(c -> c.validation().rmse()).min().orElseThrow();
        assertEquals(bestRmse, tuned.best().validation().rmse(), EPS);
        tuned.candidates().forEach(c -> assertEquals(split.validationCount(), c.validation().count()));
        assertEquals(tuned.best().userDamping(), tuned.model().toBaseline().userDamping());
        // refitted on train (tuning part + validation): its mean is train's
        assertEquals(GlobalMeanModel.fit(split.train()).mean(), tuned.model().toBaseline().globalMean(), EPS);
        split.unpersist();
    }

    private static void assertPrediction(Row row, double expected, boolean fallback) {
        assertEquals(expected, row.getDouble(row.fieldIndex(RatingColumns.PREDICTION)), EPS);
        assertEquals(fallback, row.getBoolean(row.fieldIndex(RatingColumns.FALLBACK)));
    }
}
