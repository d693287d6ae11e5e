package recsys.offline.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which test rows the rating errors of a report were measured on, and how precise they are: every test row, or a
 * seeded sample of (user, movie) pairs ({@link recsys.offline.training.RowSample}) when there are more than the
 * evaluation scores, and each model's 95 % confidence half-width of its RMSE over those rows. Every model is scored
 * on the same rows, so their differences are paired.
 *
 * @param testRows        rows in the test part
 * @param scoredRows      rows every model was scored on: all of them, or the sample
 * @param maxRows         the most the evaluation scores ({@code bin/recsys evaluate --max-scored-rows})
 * @param seed            the sample's seed
 * @param rmseHalfWidths  by model name, half the width of the 95 % confidence interval of its RMSE
 */
public record ScoredRows(long testRows, long scoredRows, long maxRows, long seed, Map<String, Double> rmseHalfWidths) {

    public ScoredRows {
        Objects.requireNonNull(rmseHalfWidths, "rmseHalfWidths");
        if (scoredRows < 1 || scoredRows > testRows) {
            throw new IllegalArgumentException("scored rows " + scoredRows + " not in [1, " + testRows + "]");
        }
        rmseHalfWidths = Collections.unmodifiableMap(new LinkedHashMap<>(rmseHalfWidths));
    }

    /** Whether the scored rows are a sample of the test rows. */
    public boolean sampled() {
        return scoredRows < testRows;
    }
}
