package recsys.offline.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import recsys.core.evaluation.RankingCurves;

class EvaluationReportTest {

    private static final ModelMetrics RANKED = new ModelMetrics(0.9, 0.7, 0, 10, 0.2, 0.1, 0.3, 0.1, 0.5);
    private static final ModelMetrics UNRANKED = ModelMetrics.ratingOnly(1.0, 0.8, 0, 10);

    @Test
    void modelMetricsRejectsImpossibleNumbers() {
        assertThrows(IllegalArgumentException.class, () -> ModelMetrics.ratingOnly(0.7, 0.9, 0, 10)); // mae > rmse
        assertThrows(IllegalArgumentException.class, () -> ModelMetrics.ratingOnly(Double.NaN, 0.9, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> ModelMetrics.ratingOnly(1, 0.9, 11, 10));
        assertThrows(IllegalArgumentException.class, () -> ModelMetrics.ratingOnly(1, 0.9, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ModelMetrics(1, 0.9, 0, 10, 0.2, null, 0.3, 0.1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new ModelMetrics(1, 0.9, 0, 10, 1.2, 0.1, 0.3, 0.1, 0.5));
        assertEquals(0.25, ModelMetrics.ratingOnly(1, 0.9, 5, 20).fallbackShare());
        assertTrue(RANKED.hasRanking());
        assertFalse(UNRANKED.hasRanking());
    }

    @Test
    void reportChecksThatItsPartsAgree() {
        Map<String, ModelMetrics> models = Map.of("rf", RANKED, "mean", UNRANKED);
        MetricCurves curves = SampleReports.curves(0.2, 0.1, 0.3, 0.1, 0.5);
        assertThrows(IllegalArgumentException.class, () -> report("missing", models, Map.of(), Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> report("rf", models, Map.of("other", Map.of("a", "b")), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> report("rf", models, Map.of(), Map.of("mean", curves)));
        assertThrows(IllegalArgumentException.class, () -> report("rf", Map.of(), Map.of(), Map.of()));
        assertEquals(RANKED, report("rf", models, Map.of(), Map.of("rf", curves)).serving());
    }

    @Test
    void reportKeepsOrderAndCannotBeChangedThroughItsInputs() {
        Map<String, ModelMetrics> models = new LinkedHashMap<>();
        models.put("z", UNRANKED);
        models.put("a", RANKED);
        EvaluationReport report = report("a", models, Map.of(), Map.of());
        models.put("b", RANKED);
        assertEquals(List.of("z", "a"), List.copyOf(report.models().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> report.models().put("c", RANKED));
        assertEquals(Map.of(), report.parametersOf("z"));
    }

    @Test
    void curvesComeFromCoresMeansAndTheCoverageCurve() {
        // recommended a, b, c; relevant a, c: precision 1, 1/2, 2/3 and recall 1/2, 1/2, 1 at k = 1, 2, 3
        RankingCurves means = RankingCurves.of(List.of("a", "b", "c"), Set.of("a", "c"), 3);
        MetricCurves curves = MetricCurves.of(means, new double[] {0.1, 0.2, 0.25});
        assertEquals(3, curves.maxK());
        assertEquals(List.of(1.0, 0.5, 2.0 / 3), curves.precision());
        assertEquals(List.of(0.5, 0.5, 1.0), curves.recall());
        assertEquals(0.25, curves.at(RankingMetric.COVERAGE, 3));
        assertEquals(means.byK().get(2).ndcg(), curves.at(RankingMetric.NDCG, 3));
        assertEquals(means.byK().get(2).averagePrecision(), curves.at(RankingMetric.MAP, 3));
        assertThrows(IllegalArgumentException.class, () -> curves.at(RankingMetric.MAP, 4));
        assertThrows(IllegalArgumentException.class, () -> MetricCurves.of(means, new double[] {0.1, 0.2}));
        assertEquals("ndcg@10", RankingMetric.NDCG.keyAt(RankingMetric.HEADLINE_K));
    }

    @Test
    void sampleIsBoundedSeededAndUniform() {
        int rows = 100_000;
        double[] predicted = new double[rows];
        double[] actual = new double[rows];
        for (int i = 0; i < rows; i++) {
            predicted[i] = i;
            actual[i] = i % 2;
        }
        PredictionSample sample = PredictionSample.of(predicted, actual, PredictionSample.MAX_PAIRS, 42);
        assertEquals(PredictionSample.MAX_PAIRS, sample.size());
        assertEquals(rows, sample.population());
        assertEquals(sample, PredictionSample.of(predicted, actual, PredictionSample.MAX_PAIRS, 42));
        assertNotEquals(sample, PredictionSample.of(predicted, actual, PredictionSample.MAX_PAIRS, 43));
        // a uniform draw from 0 … 99,999 has a mean near 50,000 (standard error ~ 410 for 5,000 draws)
        double mean = sample.pairs().stream().mapToDouble(PredictionSample.Pair::predicted).average().orElseThrow();
        assertEquals(50_000, mean, 2_000);
        // pairs stay pairs
        sample.pairs().forEach(p -> assertEquals(p.predicted() % 2, p.actual()));

        assertEquals(3, PredictionSample.of(new double[] {1, 2, 3}, new double[] {1, 2, 3}, 10, 1).size());
        assertThrows(IllegalArgumentException.class,
                () -> PredictionSample.of(predicted, actual, PredictionSample.MAX_PAIRS + 1, 1));
        assertThrows(IllegalArgumentException.class, () -> PredictionSample.of(new double[2], new double[3], 1, 1));
    }

    private static EvaluationReport report(String serving, Map<String, ModelMetrics> models,
                                           Map<String, Map<String, String>> parameters,
                                           Map<String, MetricCurves> curves) {
        return new EvaluationReport("random", 1, serving, "v1", Instant.EPOCH, "fp", models, parameters, curves,
                PredictionSample.empty(), null);
    }
}
