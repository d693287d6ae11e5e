package recsys.offline.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

class RatingEvaluationTest {

    private static Dataset<Row> predicted(Object[]... rows) {
        return TrainingData.spark().createDataFrame(
                java.util.Arrays.stream(rows).map(RowFactory::create).toList(),
                DataTypes.createStructType(List.of(
                        DataTypes.createStructField(RatingColumns.PREDICTION, DataTypes.DoubleType, true),
                        DataTypes.createStructField(RatingColumns.RATING, DataTypes.DoubleType, false),
                        DataTypes.createStructField(RatingColumns.FALLBACK, DataTypes.BooleanType, false))));
    }

    // errors −1, 0, +2: RMSE = sqrt(5/3), MAE = 1; one fallback row
    private static final Dataset<Row> THREE = predicted(
            new Object[]{3.0, 4.0, false}, new Object[]{2.0, 2.0, true}, new Object[]{5.0, 3.0, false});

    @Test
    void scoresEveryRowAndCountsFallbacks() {
        RatingEvaluation e = RatingEvaluation.of(THREE, 3);
        assertEquals(3, e.count());
        assertEquals(Math.sqrt(5.0 / 3), e.rmse(), 1e-12);
        assertEquals(1.0, e.mae(), 1e-12);
        assertEquals(1, e.fallbackRows());
    }

    @Test
    void scoredOnlyDropsFallbackRows() {
        RatingEvaluation e = RatingEvaluation.scoredOnly(THREE);
        assertEquals(2, e.count());
        assertEquals(Math.sqrt(5.0 / 2), e.rmse(), 1e-12);
        assertEquals(1.5, e.mae(), 1e-12);
        assertEquals(0, e.fallbackRows());
    }

    @Test
    void missingRowsAndUnscoredRowsAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> RatingEvaluation.of(THREE, 4));
        assertThrows(Exception.class, () -> RatingEvaluation.of(predicted(new Object[]{Double.NaN, 3.0, false}), 1));
        assertThrows(Exception.class, () -> RatingEvaluation.of(predicted(new Object[]{null, 3.0, false}), 1));
    }
}
