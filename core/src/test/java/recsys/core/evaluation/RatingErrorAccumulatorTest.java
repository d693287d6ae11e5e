package recsys.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RatingErrorAccumulatorTest {

    private static final double EPS = 1e-12;

    // (prediction, actual) pairs; errors −2, 0, 1, −1, 0.5, −1.5
    private static final double[][] PAIRS = {{2, 4}, {3, 3}, {5, 4}, {1, 2}, {4.5, 4}, {2.5, 4}};
    // squared 4 + 0 + 1 + 1 + 0.25 + 2.25 = 8.5 → RMSE = sqrt(8.5/6) ≈ 1.190238
    private static final double RMSE = Math.sqrt(8.5 / 6);
    // absolute 2 + 0 + 1 + 1 + 0.5 + 1.5 = 6 → MAE = 6/6 = 1
    private static final double MAE = 1.0;

    private static RatingErrorAccumulator of(int from, int to) {
        RatingErrorAccumulator accumulator = new RatingErrorAccumulator();
        for (int i = from; i < to; i++) {
            accumulator.add(PAIRS[i][0], PAIRS[i][1]);
        }
        return accumulator;
    }

    @Test
    void handComputedRmseAndMae() {
        RatingErrorAccumulator all = of(0, PAIRS.length);

        assertEquals(6, all.count());
        assertEquals(RMSE, all.rmse(), EPS);
        assertEquals(MAE, all.mae(), EPS);
        assertEquals(new RatingErrors(6, all.rmse(), all.mae()), all.result());
    }

    @Test
    void mergingTwoHalvesEqualsAddingAll() {
        RatingErrorAccumulator merged = of(0, 2).merge(of(2, PAIRS.length));

        assertEquals(6, merged.count());
        assertEquals(RMSE, merged.rmse(), EPS);
        assertEquals(MAE, merged.mae(), EPS);
    }

    @Test
    void mergeIsAssociative() {
        RatingErrorAccumulator left = of(0, 2).merge(of(2, 4)).merge(of(4, 6));
        RatingErrorAccumulator right = of(0, 2).merge(of(2, 4).merge(of(4, 6)));

        assertEquals(left.count(), right.count());
        assertEquals(left.rmse(), right.rmse(), EPS);
        assertEquals(left.mae(), right.mae(), EPS);
    }

    @Test
    void mergingAnEmptyAccumulatorChangesNothing() {
        RatingErrorAccumulator accumulator = of(0, PAIRS.length);

        assertSame(accumulator, accumulator.merge(new RatingErrorAccumulator()));
        assertEquals(6, accumulator.count());
        assertEquals(RMSE, accumulator.rmse(), EPS);
        assertEquals(RMSE, new RatingErrorAccumulator().merge(accumulator).rmse(), EPS);
    }

    @Test
    void rmseIsNeverBelowMae() {
        // Jensen: the root of the mean square is at least the mean absolute value.
        RatingErrorAccumulator accumulator = of(0, PAIRS.length);

        assertEquals(true, accumulator.rmse() >= accumulator.mae());
    }

    @Test
    void rejectsNaNAndInfinitePredictionsAndActuals() {
        RatingErrorAccumulator accumulator = of(0, 2);

        assertThrows(IllegalArgumentException.class, () -> accumulator.add(Double.NaN, 4.0));
        assertThrows(IllegalArgumentException.class, () -> accumulator.add(4.0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> accumulator.add(Double.POSITIVE_INFINITY, 4.0));
        assertEquals(2, accumulator.count(), "a rejected pair is not counted");
    }

    @Test
    void emptyAccumulatorHasNoError() {
        RatingErrorAccumulator empty = new RatingErrorAccumulator();

        assertEquals(0, empty.count());
        assertThrows(IllegalStateException.class, empty::rmse);
        assertThrows(IllegalStateException.class, empty::mae);
        assertThrows(IllegalStateException.class, empty::result);
    }

    @Test
    void rmseHalfWidthIsTheDeltaMethodOnTheSquaredErrorsVariance() {
        // squared errors 4, 0, 1, 1, 0.25, 2.25: mean 8.5/6, sample variance by hand
        double mean = 8.5 / 6;
        double[] squared = {4, 0, 1, 1, 0.25, 2.25};
        double variance = 0;
        for (double value : squared) {
            variance += (value - mean) * (value - mean);
        }
        variance /= 5;
        double expected = 1.96 * Math.sqrt(variance / 6) / (2 * Math.sqrt(mean));

        assertEquals(expected, of(0, PAIRS.length).rmseHalfWidth95(), EPS);
        assertEquals(expected, of(0, 3).merge(of(3, PAIRS.length)).rmseHalfWidth95(), EPS);
        assertEquals(true, Double.isNaN(of(0, 1).rmseHalfWidth95()), "one pair has no spread to measure");
    }

    @Test
    void aSamplesRmseLiesWithinItsHalfWidthOfThePopulationsAboutNineteenTimesInTwenty() {
        // a population of 100,000 errors shaped like rating errors (mostly small, a heavy tail), and 1,000 seeded
        // samples of 2,000 of them: the interval around each sample's RMSE should hold the population's ~95 % of the time
        java.util.Random random = new java.util.Random(3);
        double[] population = new double[100_000];
        RatingErrorAccumulator all = new RatingErrorAccumulator();
        for (int i = 0; i < population.length; i++) {
            population[i] = random.nextGaussian() * 0.8 + (random.nextInt(10) == 0 ? 2 * random.nextGaussian() : 0);
            all.add(population[i], 0);
        }
        int samples = 1_000;
        int covered = 0;
        for (int s = 0; s < samples; s++) {
            RatingErrorAccumulator sample = new RatingErrorAccumulator();
            for (int i = 0; i < 2_000; i++) {
                sample.add(population[random.nextInt(population.length)], 0);
            }
            if (Math.abs(sample.rmse() - all.rmse()) <= sample.rmseHalfWidth95()) {
                covered++;
            }
        }
        double coverage = (double) covered / samples;
        assertEquals(true, coverage > 0.93 && coverage < 0.97, "coverage " + coverage);
    }
}
