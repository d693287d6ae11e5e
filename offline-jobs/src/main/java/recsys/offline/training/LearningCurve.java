package recsys.offline.training;

import static recsys.offline.training.RatingColumns.PREDICTION;
import static recsys.offline.training.RatingColumns.RATING;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.regression.RandomForestRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The validation learning curve that sizes the tree models' training rows ({@link TreeRowBudget}): a probe forest is
 * grown on nested seeded samples of the tuning rows (each size's rows hold the smaller sizes' rows, so the curve's
 * steps measure rows, not which rows) and scored on the validation rows.
 */
public final class LearningCurve {

    private static final String SAMPLE_KEY = "tree_sample_key";

    /** One size of the curve: the rows the probe learned from (a seeded sample holds about the size asked). */
    public record Point(long rows, double validationRmse) {
    }

    /**
     * @param chosenRows    rows the tree models learn from: every available row when {@code chosenRows} equals
     *                      {@code availableRows}
     * @param availableRows the tuning rows there were
     * @param points        the curve, smallest size first; empty when there were too few rows to need one
     * @param chosenShare   the share of the curve's rows (keyed by {@code rand(seed)}) the chosen size kept; 1 for
     *                      all of them
     * @param chosenProbe   the probe forest grown on exactly the chosen rows; null when no curve was drawn
     */
    public record Result(long chosenRows, long availableRows, List<Point> points, double chosenShare,
                         RandomForestRegressionModel chosenProbe) {

        public boolean samples() {
            return chosenRows < availableRows;
        }

        /** For the manifest's parameters: the chosen size and the curve ("rows:rmse;..."). */
        public Map<String, String> parameters() {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("training.tree_rows", Long.toString(chosenRows));
            parameters.put("training.tree_rows_available", Long.toString(availableRows));
            parameters.put("training.tree_rows_curve", points.stream()
                    .map(p -> p.rows() + ":" + p.validationRmse()).collect(Collectors.joining(";")));
            return parameters;
        }

        public String describe() {
            if (points.isEmpty()) {
                return String.format("every one of the %,d tuning rows (no learning curve below the first size)",
                        availableRows);
            }
            return String.format("%,d of %,d tuning rows; validation RMSE by rows: %s", chosenRows, availableRows,
                    points.stream().map(p -> String.format("%,d %.4f", p.rows(), p.validationRmse()))
                            .collect(Collectors.joining(", ")));
        }
    }

    private LearningCurve() {
    }

    /**
     * Draws the curve with a forest at {@code probe} on the column {@code featuresColumn}, and chooses the size.
     *
     * @param tuningRows     leave-one-out feature rows of the tuning part: all of them, or a seeded sample of about
     *                       the largest size the budget allows ({@link #encodedRows}), drawn before encoding so the
     *                       rest are never materialised
     * @param availableRows  the tuning part's rows, sampled or not
     * @param validationRows feature rows of the validation part, from the same encoder
     */
    public static Result measure(Dataset<Row> tuningRows, long availableRows, Dataset<Row> validationRows,
                                 String featuresColumn, ForestSettings probe, TreeRowBudget budget, long seed) {
        if (!budget.needsCurve(availableRows)) {
            return new Result(availableRows, availableRows, List.of(), 1, null);
        }
        Dataset<Row> keyed = tuningRows.withColumn(SAMPLE_KEY, functions.rand(seed)).persist();
        try {
            long encoded = keyed.count();
            List<Point> points = new ArrayList<>();
            List<Double> shares = new ArrayList<>();
            List<RandomForestRegressionModel> probes = new ArrayList<>();
            int chosen = -1;
            for (long size : budget.sizes(availableRows)) {
                double share = size >= encoded ? 1 : (double) size / encoded;
                Dataset<Row> sample = share >= 1 ? keyed.drop(SAMPLE_KEY)
                        : keyed.where(functions.col(SAMPLE_KEY).lt(share)).drop(SAMPLE_KEY);
                long rows = share >= 1 ? encoded : sample.count();
                RandomForestRegressionModel probeForest = ForestTuning.fit(sample, featuresColumn, probe, seed);
                double rmse = rmse(probeForest.transform(validationRows));
                points.add(new Point(rows, rmse));
                shares.add(share);
                probes.add(probeForest);
                if (points.size() > 1 && !budget.gained(points.get(points.size() - 2).validationRmse(), rmse)) {
                    chosen = points.size() - 2;
                    break;
                }
            }
            if (chosen < 0) {
                chosen = points.size() - 1;
            }
            return new Result(points.get(chosen).rows(), availableRows, List.copyOf(points), shares.get(chosen),
                    probes.get(chosen));
        } finally {
            keyed.unpersist();
        }
    }

    /**
     * The rows to encode for the curve out of {@code availableRows}: about the largest size it may try, so that no
     * more than the budget's cap is ever encoded.
     */
    public static RowSample encodedRows(long availableRows, TreeRowBudget budget, long seed) {
        return RowSample.of(budget.largest(availableRows), availableRows, seed);
    }

    /**
     * The chosen size's rows of the {@code tuningRows} the curve was drawn on: the very rows its probe grew on (the
     * same seeded key over the same persisted rows), so the probe can stand in for that forest.
     */
    public static Dataset<Row> chosen(Dataset<Row> tuningRows, Result curve, long seed) {
        if (curve.chosenShare() >= 1) {
            return tuningRows;
        }
        return tuningRows.where(functions.rand(seed).lt(curve.chosenShare()));
    }

    private static double rmse(Dataset<Row> predictions) {
        return new RegressionEvaluator().setLabelCol(RATING).setPredictionCol(PREDICTION).setMetricName("rmse")
                .evaluate(predictions);
    }
}
