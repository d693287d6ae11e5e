package recsys.core.evaluation;

import static recsys.testing.JavaSerialization.roundTrip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Spark ships accumulators to executors and partial results back with Java serialization. */
class EvaluationSerializationTest {


    @Test
    void recordsSurvive() throws Exception {
        List<Object> values = List.of(
                Relevance.DEFAULT,
                new RatingErrors(3, 1.5, 1.0),
                RankingMetrics.of(List.of("a", "b"), Set.of("b"), 2),
                RankingCurves.of(List.of("a", "b"), Set.of("b"), 3));
        for (Object value : values) {
            assertEquals(value, roundTrip(value));
        }
    }

    @Test
    void accumulatorsSurviveAndKeepAccumulating() throws Exception {
        RatingErrorAccumulator errors = roundTrip(new RatingErrorAccumulator().add(2, 4)).add(3, 3);
        assertEquals(2, errors.count());
        assertEquals(Math.sqrt(2), errors.rmse(), 1e-12); // squared errors 4 + 0 over 2

        RankingAccumulator ranking = roundTrip(new RankingAccumulator(2).addUser(List.of("a"), Set.of("a")))
                .addUser(List.of("x"), Set.of());
        assertEquals(1, ranking.users());
        assertEquals(1, ranking.skippedUsers());
        assertEquals(new RankingMetrics(2, 1, 0.5, 1, 1), ranking.mean());

        RankingCurveAccumulator curves = roundTrip(new RankingCurveAccumulator(2).addUser(List.of("a"), Set.of("a")));
        assertArrayEquals(new double[] {1, 0.5}, curves.means().precision());

        CoverageAccumulator coverage = roundTrip(new CoverageAccumulator(2).add(List.of("a", "b"))).add(List.of("c"));
        assertArrayEquals(new double[] {0.5, 0.75}, coverage.coverageCurve(4));
    }
}
