package recsys.offline.training;

import static recsys.offline.training.RatingColumns.PREDICTION;
import static recsys.offline.training.RatingColumns.RATING;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.regression.RandomForestRegressionModel;
import org.apache.spark.ml.regression.RandomForestRegressor;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import recsys.core.evaluation.RatingErrorAccumulator;
import recsys.core.evaluation.RatingErrors;
import recsys.core.model.TreeEnsemble;

/**
 * Chooses a random forest's hyper-parameters on the validation part: for each (subsampling, feature subset) pair
 * of the {@link ForestGrid} one forest is grown on the tuning rows at the grid's largest tree count and depth;
 * every (trees, depth) pair is then scored on the validation rows from that forest's first {@code trees} trees cut
 * at {@code depth} ({@link TreeEnsembleExporter#export(RandomForestRegressionModel, int, int)}). The pair with the
 * lowest validation RMSE wins (the first in grid order on a tie: fewer trees, shallower).
 *
 * <p>The tuning and validation rows come from an encoder fitted on the tuning part only, so validation ratings
 * reach no feature, exactly as test ratings reach none in the final fit.
 */
public final class ForestTuning {

    /** Memory for one level's split statistics; the driver heap holds it (local mode) next to the data. */
    private static final int FOREST_MEMORY_MB = 1024;

    private ForestTuning() {
    }

    /** One grid point and its validation errors. */
    public record Candidate(ForestSettings settings, RatingErrors validation) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * @param best       the chosen point
     * @param bestForest the forest grown for the best point's (subsampling, feature subset) pair; the chosen model
     *                   is its first {@code best.trees()} trees cut at {@code best.maxDepth()}
     * @param candidates every point, in grid order
     */
    public record Tuned(Candidate best, RandomForestRegressionModel bestForest, List<Candidate> candidates) {

        /** The chosen model in core's form, exactly the one that was scored on validation. */
        public TreeEnsemble bestEnsemble() {
            return TreeEnsembleExporter.export(bestForest, best.settings().trees(), best.settings().maxDepth());
        }
    }

    /**
     * @param tuningRows     leave-one-out feature rows of the tuning part (column {@code featuresColumn},
     *                       {@code rating})
     * @param validationRows feature rows of the validation part, from the same encoder
     */
    public static Tuned tune(Dataset<Row> tuningRows, Dataset<Row> validationRows, String featuresColumn,
                             ForestGrid grid, long seed) {
        return tune(tuningRows, validationRows, featuresColumn, grid, seed, null);
    }

    /**
     * As {@link #tune(Dataset, Dataset, String, ForestGrid, long)}, with the forest of {@code grid.largest()} already
     * grown on these very rows and column with this seed ({@code grownLargest}, the learning curve's probe, or
     * null): it is used for that pair instead of being grown again, since the fit is deterministic.
     */
    public static Tuned tune(Dataset<Row> tuningRows, Dataset<Row> validationRows, String featuresColumn,
                             ForestGrid grid, long seed, RandomForestRegressionModel grownLargest) {
        ForestSettings largest = grid.largest();
        List<Candidate> candidates = new ArrayList<>();
        Candidate best = null;
        RandomForestRegressionModel bestForest = null;
        for (double subsampling : grid.subsamplingRates()) {
            for (String strategy : grid.featureSubsetStrategies()) {
                ForestSettings grown = new ForestSettings(grid.maxTrees(), grid.maxDepth(), subsampling, strategy);
                RandomForestRegressionModel forest = grownLargest != null && grown.equals(largest) ? grownLargest
                        : fit(tuningRows, featuresColumn, grown, seed);
                List<Integer> depths = grid.depths();
                List<Integer> trees = grid.trees();
                List<TreeEnsemble> cut = new ArrayList<>();
                for (int depth : depths) {
                    cut.add(TreeEnsembleExporter.export(forest, grid.maxTrees(), depth));
                }
                RatingErrorAccumulator[][] errors = score(validationRows, featuresColumn, cut, trees);
                for (int t = 0; t < trees.size(); t++) {
                    for (int d = 0; d < depths.size(); d++) {
                        Candidate candidate = new Candidate(
                                new ForestSettings(trees.get(t), depths.get(d), subsampling, strategy),
                                errors[d][t].result());
                        candidates.add(candidate);
                        if (best == null || candidate.validation().rmse() < best.validation().rmse()) {
                            best = candidate;
                            bestForest = forest;
                        }
                    }
                }
            }
        }
        return new Tuned(best, bestForest, List.copyOf(candidates));
    }

    /** A forest at {@code settings} on {@code rows}. */
    public static RandomForestRegressionModel fit(Dataset<Row> rows, String featuresColumn, ForestSettings settings,
                                                  long seed) {
        return new RandomForestRegressor()
                .setFeaturesCol(featuresColumn)
                .setLabelCol(RATING)
                .setPredictionCol(PREDICTION)
                .setNumTrees(settings.trees())
                .setMaxDepth(settings.maxDepth())
                .setSubsamplingRate(settings.subsamplingRate())
                .setFeatureSubsetStrategy(settings.featureSubsetStrategy())
                .setSeed(seed)
                // Spark splits each tree level into groups of nodes whose statistics fit maxMemoryInMB, one pass
                // over the rows per group; at depth 10 the 40 trees have ~20,000 nodes a level, so the default
                // 256 MB meant dozens of passes for the sparse representation. Caching each row's node ids saves
                // walking every tree from the root on each pass. The grouping decides the order nodes draw their
                // feature subsets in, so forests can differ slightly: on ml-latest-small the chosen forests'
                // validation and test RMSE moved by at most 0.0001, and the forests' tuning took ~35% less time.
                .setMaxMemoryInMB(FOREST_MEMORY_MB)
                .setCacheNodeIds(true)
                .fit(rows);
    }

    /**
     * Errors [depth][tree count] over the validation rows. Each tree is walked once per row and depth; the
     * prediction of the first n trees is the running sum over them divided by n, as Spark averages a forest.
     */
    private static RatingErrorAccumulator[][] score(Dataset<Row> rows, String featuresColumn,
                                                    List<TreeEnsemble> byDepth, List<Integer> treeCounts) {
        int[] counts = treeCounts.stream().mapToInt(Integer::intValue).toArray();
        return rows.select(featuresColumn, RATING).javaRDD().aggregate(
                emptyErrors(byDepth.size(), counts.length),
                (errors, row) -> {
                    double[] x = ((Vector) row.get(0)).toArray();
                    double rating = row.getDouble(1);
                    for (int d = 0; d < byDepth.size(); d++) {
                        TreeEnsemble ensemble = byDepth.get(d);
                        double sum = 0;
                        int next = 0;
                        for (int i = 0; i < ensemble.numTrees() && next < counts.length; i++) {
                            sum += ensemble.tree(i).predict(x);
                            for (int c = 0; c < counts.length; c++) {
                                if (counts[c] == i + 1) {
                                    errors[d][c].add(sum / counts[c], rating);
                                    next++;
                                }
                            }
                        }
                    }
                    return errors;
                },
                (a, b) -> {
                    for (int d = 0; d < a.length; d++) {
                        for (int c = 0; c < a[d].length; c++) {
                            a[d][c].merge(b[d][c]);
                        }
                    }
                    return a;
                });
    }

    private static RatingErrorAccumulator[][] emptyErrors(int depths, int counts) {
        RatingErrorAccumulator[][] errors = new RatingErrorAccumulator[depths][counts];
        for (RatingErrorAccumulator[] row : errors) {
            for (int c = 0; c < counts; c++) {
                row[c] = new RatingErrorAccumulator();
            }
        }
        return errors;
    }
}
