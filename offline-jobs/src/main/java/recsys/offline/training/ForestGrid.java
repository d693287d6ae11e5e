package recsys.offline.training;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The random forests' tuning grid, searched on the validation part (see {@link ForestTuning}). Every combination
 * of the four lists is scored; each value must be valid for {@link ForestSettings}.
 *
 * <p>Trees and depth cost nothing extra to search: one forest is grown per (subsampling, feature subset) pair at
 * the largest tree count and depth, and the smaller ones are read off it (its first n trees, cut at depth d).
 * Subsampling and feature subsets each cost one fit per value and representation, which is why their lists are
 * short: the whole train + evaluate must fit in 5 minutes on 2 cores for ml-latest-small.
 *
 * @param trees                   tree counts; default {@link #DEFAULT_TREES}
 * @param depths                  maximum depths; default {@link #DEFAULT_DEPTHS}
 * @param subsamplingRates        default {@link #DEFAULT_SUBSAMPLING_RATES}
 * @param featureSubsetStrategies default {@link #DEFAULT_FEATURE_SUBSET_STRATEGIES}
 */
public record ForestGrid(List<Integer> trees, List<Integer> depths, List<Double> subsamplingRates,
                         List<String> featureSubsetStrategies) {

    // One grown forest per representation (40 trees, depth 10) gives six points. Depth 12 was in the grid until
    // the hybrid's boosting joined the same 5-minute budget: it was never chosen (depth 10 on the random split, 8
    // on the temporal one, docs/benchmarks.md), and the deepest levels are the dearest to grow (each has twice the
    // nodes of the one above). Depth 6 is read off the same forest for nothing.
    // A second subsampling or feature-subset value would double the tuning time, which the budget does not allow.
    public static final List<Integer> DEFAULT_TREES = List.of(20, 40);
    public static final List<Integer> DEFAULT_DEPTHS = List.of(6, 8, 10);
    public static final List<Double> DEFAULT_SUBSAMPLING_RATES = List.of(0.8);
    public static final List<String> DEFAULT_FEATURE_SUBSET_STRATEGIES = List.of("onethird");

    private static final int MAX_VALUES = 10;

    public ForestGrid {
        trees = values("trees", trees);
        depths = values("depths", depths);
        subsamplingRates = values("subsamplingRates", subsamplingRates);
        featureSubsetStrategies = values("featureSubsetStrategies", featureSubsetStrategies);
        for (int t : trees) {
            for (int d : depths) {
                for (double s : subsamplingRates) {
                    for (String f : featureSubsetStrategies) {
                        new ForestSettings(t, d, s, f);    // validates every combination
                    }
                }
            }
        }
    }

    public static ForestGrid defaults() {
        return new ForestGrid(DEFAULT_TREES, DEFAULT_DEPTHS, DEFAULT_SUBSAMPLING_RATES,
                DEFAULT_FEATURE_SUBSET_STRATEGIES);
    }

    /** A grid of one point: no tuning, {@code settings} is used as is. */
    public static ForestGrid of(ForestSettings settings) {
        return new ForestGrid(List.of(settings.trees()), List.of(settings.maxDepth()),
                List.of(settings.subsamplingRate()), List.of(settings.featureSubsetStrategy()));
    }

    public int maxTrees() {
        return trees.stream().max(Comparator.naturalOrder()).orElseThrow();
    }

    public int maxDepth() {
        return depths.stream().max(Comparator.naturalOrder()).orElseThrow();
    }

    /** The grid's largest forest (most trees, deepest) at its first subsampling and feature subset. */
    public ForestSettings largest() {
        return new ForestSettings(maxTrees(), maxDepth(), subsamplingRates.get(0), featureSubsetStrategies.get(0));
    }

    public int size() {
        return trees.size() * depths.size() * subsamplingRates.size() * featureSubsetStrategies.size();
    }

    private static <T> List<T> values(String name, List<T> values) {
        Objects.requireNonNull(values, name);
        if (values.isEmpty() || values.size() > MAX_VALUES) {
            throw new IllegalArgumentException(name + " needs 1 to " + MAX_VALUES + " values, got " + values.size());
        }
        if (values.stream().distinct().count() != values.size()) {
            throw new IllegalArgumentException(name + " has repeated values: " + values);
        }
        return List.copyOf(values);
    }
}
