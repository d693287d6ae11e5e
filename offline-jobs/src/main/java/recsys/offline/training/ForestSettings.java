package recsys.offline.training;

import java.util.Set;

/**
 * One random forest configuration, e.g. the point {@link ForestTuning} chooses from a {@link ForestGrid}: each
 * hyper-parameter with one documented default and a validated range.
 *
 * @param trees                 trees per forest; default 50, in [1, 500]
 * @param maxDepth              deepest split level; default 10, in [1, 20]
 * @param subsamplingRate       share of training rows each tree is grown on; default 0.8, in (0, 1]
 * @param featureSubsetStrategy features considered per split, one of Spark's names; default {@code onethird}
 *                              (Spark's own default for regression)
 */
public record ForestSettings(int trees, int maxDepth, double subsamplingRate, String featureSubsetStrategy) {

    public static final int DEFAULT_TREES = 50;
    public static final int DEFAULT_MAX_DEPTH = 10;
    public static final double DEFAULT_SUBSAMPLING_RATE = 0.8;
    public static final String DEFAULT_FEATURE_SUBSET_STRATEGY = "onethird";

    private static final Set<String> STRATEGIES = Set.of("auto", "all", "onethird", "sqrt", "log2");

    public ForestSettings {
        if (trees < 1 || trees > 500) {
            throw new IllegalArgumentException("trees must be in [1, 500], got " + trees);
        }
        if (maxDepth < 1 || maxDepth > 20) {
            throw new IllegalArgumentException("maxDepth must be in [1, 20], got " + maxDepth);
        }
        if (!(subsamplingRate > 0 && subsamplingRate <= 1)) {
            throw new IllegalArgumentException("subsamplingRate must be in (0, 1], got " + subsamplingRate);
        }
        if (!STRATEGIES.contains(featureSubsetStrategy)) {
            throw new IllegalArgumentException("featureSubsetStrategy must be one of " + STRATEGIES + ", got "
                    + featureSubsetStrategy);
        }
    }

    public static ForestSettings defaults() {
        return new ForestSettings(DEFAULT_TREES, DEFAULT_MAX_DEPTH, DEFAULT_SUBSAMPLING_RATE,
                DEFAULT_FEATURE_SUBSET_STRATEGY);
    }
}
