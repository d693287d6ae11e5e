package recsys.offline.evaluation;

/**
 * One model's numbers on the test part of the split.
 *
 * <p>The five ranking fields are all set or all {@code null}: a model that only predicts ratings (a global-mean
 * baseline, say) has no top-10 list to judge.
 *
 * @param rmse         root mean squared error of the predicted ratings, pooled over all test rows
 * @param mae          mean absolute error, pooled the same way
 * @param fallbackRows test rows the model could not score itself and the fallback (a baseline) scored instead
 * @param testRows     test rows scored, at least 1
 * @param ndcgAt10     mean NDCG@10 over the users with a relevant test item, or {@code null}
 * @param precisionAt10 mean precision@10, or {@code null}
 * @param recallAt10   mean recall@10, or {@code null}
 * @param mapAt10      MAP@10, or {@code null}
 * @param coverageAt10 distinct movies in anyone's top 10 over the catalogue size, or {@code null}
 */
public record ModelMetrics(double rmse, double mae, long fallbackRows, long testRows,
                           Double ndcgAt10, Double precisionAt10, Double recallAt10, Double mapAt10,
                           Double coverageAt10) {

    /** RMSE ≥ MAE holds exactly; this much slack absorbs summation order. */
    private static final double ROUNDING = 1e-9;

    public ModelMetrics {
        requireFinite("rmse", rmse);
        requireFinite("mae", mae);
        if (mae < 0 || rmse < mae - ROUNDING) {
            throw new IllegalArgumentException("need 0 <= mae <= rmse, got mae " + mae + ", rmse " + rmse);
        }
        if (testRows < 1) {
            throw new IllegalArgumentException("testRows must be at least 1, was " + testRows);
        }
        if (fallbackRows < 0 || fallbackRows > testRows) {
            throw new IllegalArgumentException(
                    "fallbackRows must be between 0 and testRows (" + testRows + "), was " + fallbackRows);
        }
        Double[] ranking = {ndcgAt10, precisionAt10, recallAt10, mapAt10, coverageAt10};
        boolean anySet = false;
        boolean anyNull = false;
        for (Double value : ranking) {
            if (value == null) {
                anyNull = true;
            } else {
                anySet = true;
                if (!(value >= 0 && value <= 1)) {
                    throw new IllegalArgumentException("ranking metrics lie in [0, 1], got " + value);
                }
            }
        }
        if (anySet && anyNull) {
            throw new IllegalArgumentException("the @10 ranking metrics are either all set or all null");
        }
    }

    /** A model judged on rating error only. */
    public static ModelMetrics ratingOnly(double rmse, double mae, long fallbackRows, long testRows) {
        return new ModelMetrics(rmse, mae, fallbackRows, testRows, null, null, null, null, null);
    }

    public boolean hasRanking() {
        return ndcgAt10 != null;
    }

    /** The share of test rows the fallback scored, 0 … 1. */
    public double fallbackShare() {
        return (double) fallbackRows / testRows;
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, was " + value);
        }
    }
}
