package recsys.offline.training;

import static org.apache.spark.sql.functions.col;
import static recsys.offline.training.RatingColumns.PREDICTION;
import static recsys.offline.training.RatingColumns.RATING;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.ml.regression.GBTRegressor;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import recsys.core.evaluation.RatingErrorAccumulator;
import recsys.core.evaluation.RatingErrors;
import recsys.core.model.BiasBaseline;
import recsys.core.model.HybridModel;
import recsys.core.model.TreeEnsemble;

/**
 * Fits and tunes the {@link HybridModel}: a Spark {@link GBTRegressor} on the embedding features predicting the
 * residual {@code rating − biases} of a fitted {@link BiasModel}. The biases of the residual are fitted on the same
 * rows as the trees (in-sample, as the biases themselves are); the trees' features are the encoder's leave-one-out
 * rows, like the forests'.
 */
public final class HybridTraining {

    /** The biases' clipped prediction beside a feature row. */
    static final String BIAS = "_bias";
    /** The trees' training label. */
    static final String RESIDUAL = "_residual";
    private static final String RESIDUAL_PREDICTION = "_residual_prediction";

    private HybridTraining() {
    }

    /** One iteration count and its validation errors. */
    public record Candidate(int iterations, RatingErrors validation) {
    }

    /**
     * @param best       the chosen iteration count
     * @param grown      the tuning fit at {@link HybridSettings#maxIterations}; the chosen model is its first trees
     * @param candidates every scored iteration count, ascending
     */
    public record Tuned(Candidate best, GBTRegressionModel grown, List<Candidate> candidates) {

        /** The chosen model over {@code biases} (the tuning-part biases it was scored with), in core's form. */
        public HybridModel bestModel(BiasBaseline biases) {
            return new HybridModel(biases, TreeEnsembleExporter.export(grown, best.iterations()));
        }
    }

    /**
     * Grows the trees on {@code tuningRows} with the residual of {@code biases} (fitted on the same part) and scores
     * {@code clip(biases + first n trees)} on {@code validationRows} for every n that is a multiple of the
     * checkpoint, and the full count; the lowest RMSE wins (the fewest iterations on a tie).
     */
    public static Tuned tune(BiasModel biases, Dataset<Row> tuningRows, Dataset<Row> validationRows,
                             HybridSettings settings, long seed) {
        GBTRegressionModel grown = fit(biases, tuningRows, settings, settings.maxIterations(), seed);
        List<Integer> counts = new ArrayList<>();
        for (int n = settings.checkpoint(); n < settings.maxIterations(); n += settings.checkpoint()) {
            counts.add(n);
        }
        counts.add(settings.maxIterations());
        RatingErrorAccumulator[] errors = score(withBias(biases, validationRows),
                TreeEnsembleExporter.export(grown), counts);
        List<Candidate> candidates = new ArrayList<>();
        Candidate best = null;
        for (int c = 0; c < counts.size(); c++) {
            Candidate candidate = new Candidate(counts.get(c), errors[c].result());
            candidates.add(candidate);
            if (best == null || candidate.validation().rmse() < best.validation().rmse()) {
                best = candidate;
            }
        }
        return new Tuned(best, grown, List.copyOf(candidates));
    }

    /** The residual trees of {@code biases} (fitted on {@code rows}' ratings) grown for {@code iterations}. */
    public static GBTRegressionModel fit(BiasModel biases, Dataset<Row> rows, HybridSettings settings,
                                         int iterations, long seed) {
        Dataset<Row> labelled = withBias(biases, rows).withColumn(RESIDUAL, col(RATING).minus(col(BIAS)));
        return new GBTRegressor()
                .setFeaturesCol(TrainingFeatures.EMBEDDING_FEATURES)
                .setLabelCol(RESIDUAL)
                .setPredictionCol(RESIDUAL_PREDICTION)
                .setMaxIter(iterations)
                .setMaxDepth(settings.depth())
                .setStepSize(settings.stepSize())
                .setSeed(seed)
                .fit(labelled);
    }

    /**
     * The hybrid's prediction of every feature row through Spark ({@code prediction}, and {@code fallback} where
     * the biases lack the user or the movie, as {@link BiasModel#predict} marks it), for rating errors.
     */
    public static Dataset<Row> predict(BiasModel biases, GBTRegressionModel trees, Dataset<Row> featureRows) {
        Dataset<Row> corrected = trees.setFeaturesCol(TrainingFeatures.EMBEDDING_FEATURES)
                .setPredictionCol(RESIDUAL_PREDICTION).transform(featureRows.drop(PREDICTION));
        return biases.predict(corrected)
                .withColumn(PREDICTION, RatingColumns.clip(col(PREDICTION).plus(col(RESIDUAL_PREDICTION))))
                .drop(RESIDUAL_PREDICTION);
    }

    private static Dataset<Row> withBias(BiasModel biases, Dataset<Row> rows) {
        return biases.predict(rows.drop(PREDICTION)).withColumnRenamed(PREDICTION, BIAS);
    }

    /**
     * Errors of {@code clip(bias + Σ_{i<n} w_i tree_i(x))} for each n of {@code treeCounts}: one walk of each tree
     * per row, the running sum read at every count.
     */
    private static RatingErrorAccumulator[] score(Dataset<Row> rows, TreeEnsemble trees, List<Integer> treeCounts) {
        int[] counts = treeCounts.stream().mapToInt(Integer::intValue).toArray();
        RatingErrorAccumulator[] empty = new RatingErrorAccumulator[counts.length];
        for (int c = 0; c < counts.length; c++) {
            empty[c] = new RatingErrorAccumulator();
        }
        return rows.select(TrainingFeatures.EMBEDDING_FEATURES, BIAS, RATING).javaRDD().aggregate(empty,
                (errors, row) -> {
                    double[] x = ((Vector) row.get(0)).toArray();
                    double bias = row.getDouble(1);
                    double rating = row.getDouble(2);
                    double sum = 0;
                    int i = 0;
                    for (int c = 0; c < counts.length; c++) {
                        for (; i < counts[c]; i++) {
                            sum += trees.treeWeight(i) * trees.tree(i).predict(x);
                        }
                        errors[c].add(BiasBaseline.clip(bias + sum), rating);
                    }
                    return errors;
                },
                (a, b) -> {
                    for (int c = 0; c < a.length; c++) {
                        a[c].merge(b[c]);
                    }
                    return a;
                });
    }
}
