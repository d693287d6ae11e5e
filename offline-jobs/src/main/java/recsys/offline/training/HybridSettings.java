package recsys.offline.training;

/**
 * How the hybrid's residual trees are grown and tuned ({@link HybridTraining}): one {@code GBTRegressor} of
 * {@code maxIterations} trees at {@code depth} and {@code stepSize} on the tuning part, scored on validation after
 * every {@code checkpoint} iterations; the best iteration count is refitted on train.
 *
 * <p>Defaults from the grid {@code HybridMeasurement} ran (docs/benchmarks.md, "Hybrid"): depth 4 beat depths 5 and
 * 6 at every iteration count, and the validation error flattens after 50–70 iterations at step 0.1. Each
 * iteration costs about half a second of the 5-minute train + evaluate budget on 2 cores, twice (tune, refit).
 */
public record HybridSettings(int maxIterations, int depth, double stepSize, int checkpoint) {

    public static final HybridSettings DEFAULTS = new HybridSettings(70, 4, 0.1, 10);

    public HybridSettings {
        if (maxIterations < 1 || maxIterations > 1000) {
            throw new IllegalArgumentException("maxIterations must be in [1, 1000], got " + maxIterations);
        }
        if (depth < 1 || depth > 30) {
            throw new IllegalArgumentException("depth must be in [1, 30], got " + depth);
        }
        if (!(stepSize > 0 && stepSize <= 1)) {
            throw new IllegalArgumentException("stepSize must be in (0, 1], got " + stepSize);
        }
        if (checkpoint < 1 || checkpoint > maxIterations) {
            throw new IllegalArgumentException("checkpoint must be in [1, maxIterations], got " + checkpoint);
        }
    }
}
