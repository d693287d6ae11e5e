package recsys.offline.training;

import java.util.List;
import java.util.Objects;

/**
 * Every hyper-parameter of the splits and baseline models, each with one documented default and a validated range.
 *
 * @param seed               seed of every random split and of ALS; default 42, any long
 * @param testFraction       share of ratings (random) or of each user's ratings (temporal) held out for test;
 *                           default 0.2, in (0, 0.5]
 * @param validationFraction share of the training ratings carved out, by the same strategy, to tune on;
 *                           default 0.1, in (0, 0.5]
 * @param biasDampings       grid for both λ_u and λ_i of {@link BiasModel}, every pair tried; default
 *                           {1, 3, 5, 10, 25}, 1 to 10 values each in [0, 1000]
 * @param alsRanks           grid of ALS ranks; default {5, 20} (the ranks chosen on the temporal and the random
 *                           split of ml-latest-small from {5, 10, 20}), 1 to 10 values each in [1, 500]
 * @param alsRegParams       grid of ALS regParam; default {0.1, 0.15, 0.25} (0.05 never won), 1 to 10 values
 *                           each in (0, 10]
 * @param alsMaxIter         ALS iterations; default 10, in [1, 100]
 * @param alsTuningUsers     the ALS grid is searched on at most this many users' tuning and validation ratings (a
 *                           seeded {@link recsys.core.evaluation.UserSample}); default 20,000, at least 1
 */
public record BaselineSettings(long seed, double testFraction, double validationFraction, List<Double> biasDampings,
                               List<Integer> alsRanks, List<Double> alsRegParams, int alsMaxIter,
                               int alsTuningUsers) {

    public static final long DEFAULT_SEED = 42;
    public static final double DEFAULT_TEST_FRACTION = 0.2;
    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;
    public static final List<Double> DEFAULT_BIAS_DAMPINGS = List.of(1.0, 3.0, 5.0, 10.0, 25.0);
    public static final List<Integer> DEFAULT_ALS_RANKS = List.of(5, 20);
    public static final List<Double> DEFAULT_ALS_REG_PARAMS = List.of(0.1, 0.15, 0.25);
    public static final int DEFAULT_ALS_MAX_ITER = 10;
    // Every ALS fit costs a pass over its ratings per iteration, and the grid is six fits: on ml-latest-small and the
    // x10 data (6,100 users) every user is kept; past that the grid's cost stops growing with the users.
    public static final int DEFAULT_ALS_TUNING_USERS = 20_000;

    private static final int MAX_GRID = 10;

    public BaselineSettings {
        requireIn("testFraction", testFraction, 0, false, 0.5);
        requireIn("validationFraction", validationFraction, 0, false, 0.5);
        biasDampings = grid("biasDampings", biasDampings);
        biasDampings.forEach(l -> requireIn("bias damping", l, 0, true, 1000));
        alsRanks = grid("alsRanks", alsRanks);
        alsRanks.forEach(r -> requireIn("ALS rank", r, 1, true, 500));
        alsRegParams = grid("alsRegParams", alsRegParams);
        alsRegParams.forEach(r -> requireIn("ALS regParam", r, 0, false, 10));
        requireIn("alsMaxIter", alsMaxIter, 1, true, 100);
        requireIn("alsTuningUsers", alsTuningUsers, 1, true, Integer.MAX_VALUE);
    }

    public static BaselineSettings defaults() {
        return new BaselineSettings(DEFAULT_SEED, DEFAULT_TEST_FRACTION, DEFAULT_VALIDATION_FRACTION,
                DEFAULT_BIAS_DAMPINGS, DEFAULT_ALS_RANKS, DEFAULT_ALS_REG_PARAMS, DEFAULT_ALS_MAX_ITER,
                DEFAULT_ALS_TUNING_USERS);
    }

    public BaselineSettings withSeed(long newSeed) {
        return new BaselineSettings(newSeed, testFraction, validationFraction, biasDampings, alsRanks, alsRegParams,
                alsMaxIter, alsTuningUsers);
    }

    public BaselineSettings withGrids(List<Double> dampings, List<Integer> ranks, List<Double> regParams) {
        return new BaselineSettings(seed, testFraction, validationFraction, dampings, ranks, regParams, alsMaxIter,
                alsTuningUsers);
    }

    private static <T> List<T> grid(String name, List<T> values) {
        Objects.requireNonNull(values, name);
        if (values.isEmpty() || values.size() > MAX_GRID) {
            throw new IllegalArgumentException(name + " needs 1 to " + MAX_GRID + " values, got " + values.size());
        }
        return List.copyOf(values);
    }

    private static void requireIn(String name, double value, double low, boolean lowInclusive, double high) {
        boolean aboveLow = lowInclusive ? value >= low : value > low;
        if (!aboveLow || !(value <= high)) {
            throw new IllegalArgumentException(name + " must be in " + (lowInclusive ? "[" : "(") + low + ", " + high
                    + "], got " + value);
        }
    }
}
