package recsys.offline.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A bounded, seeded sample of (predicted, actual) rating pairs of the serving model, for the predicted-against-
 * actual chart. The test part holds millions of rows on the larger MovieLens sets; a few thousand points show the
 * shape just as well and keep the chart readable.
 *
 * @param pairs      the sampled pairs, at most {@link #MAX_PAIRS}
 * @param population how many pairs the sample was drawn from
 * @param seed       the seed of the draw
 */
public record PredictionSample(List<Pair> pairs, long population, long seed) {

    /** The largest sample the report keeps. */
    public static final int MAX_PAIRS = 5_000;

    /** One test row: the model's prediction and the user's rating. */
    public record Pair(double predicted, double actual) {
        public Pair {
            if (!Double.isFinite(predicted) || !Double.isFinite(actual)) {
                throw new IllegalArgumentException("pairs must be finite, got (" + predicted + ", " + actual + ")");
            }
        }
    }

    public PredictionSample {
        pairs = List.copyOf(pairs);
        if (pairs.size() > MAX_PAIRS) {
            throw new IllegalArgumentException("a sample keeps at most " + MAX_PAIRS + " pairs, got " + pairs.size());
        }
        if (population < pairs.size()) {
            throw new IllegalArgumentException(
                    "population (" + population + ") is smaller than the sample (" + pairs.size() + ")");
        }
    }

    public static PredictionSample empty() {
        return new PredictionSample(List.of(), 0, 0);
    }

    /**
     * Draws up to {@code size} pairs uniformly without replacement (reservoir sampling, algorithm R), so the same
     * input and seed give the same sample.
     */
    public static PredictionSample of(double[] predicted, double[] actual, int size, long seed) {
        if (predicted.length != actual.length) {
            throw new IllegalArgumentException(
                    predicted.length + " predictions but " + actual.length + " actual ratings");
        }
        if (size < 0 || size > MAX_PAIRS) {
            throw new IllegalArgumentException("sample size must be between 0 and " + MAX_PAIRS + ", was " + size);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Pair> reservoir = new ArrayList<>(Math.min(size, predicted.length));
        for (int i = 0; i < predicted.length; i++) {
            Pair pair = new Pair(predicted[i], actual[i]);
            if (reservoir.size() < size) {
                reservoir.add(pair);
            } else {
                int slot = random.nextInt(i + 1);
                if (slot < size) {
                    reservoir.set(slot, pair);
                }
            }
        }
        return new PredictionSample(reservoir, predicted.length, seed);
    }

    public int size() {
        return pairs.size();
    }
}
