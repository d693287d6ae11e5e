package recsys.offline.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import recsys.core.similar.SimilarListMetrics;
import recsys.offline.similar.SimilarMoviesResults;

/** Hand-built reports for the report tests: numbers chosen to be recognisable, not computed. */
final class SampleReports {

    static final String SPARSE = "Sparse matrix + Random Forest";
    static final String BERT = "BERT embeddings + Random Forest";
    static final String MEAN = "Global mean";

    private SampleReports() {
    }

    static EvaluationReport threeModels() {
        Map<String, ModelMetrics> models = new LinkedHashMap<>();
        models.put(MEAN, ModelMetrics.ratingOnly(1.12, 0.94, 0, 20_000));
        models.put(SPARSE, new ModelMetrics(0.96, 0.75, 120, 20_000, 0.21, 0.18, 0.11, 0.09, 0.35));
        models.put(BERT, new ModelMetrics(0.91, 0.71, 40, 20_000, 0.25, 0.22, 0.14, 0.12, 0.42));

        Map<String, Map<String, String>> parameters = new LinkedHashMap<>();
        parameters.put(SPARSE, Map.of("trees", "100", "max_depth", "12", "seed", "42"));
        parameters.put(BERT, new LinkedHashMap<>(Map.of("trees", "100")));
        parameters.get(BERT).put("embedding", "all-MiniLM-L6-v2");

        Map<String, MetricCurves> curves = new LinkedHashMap<>();
        curves.put(SPARSE, curves(0.21, 0.18, 0.11, 0.09, 0.35));
        curves.put(BERT, curves(0.25, 0.22, 0.14, 0.12, 0.42));

        return new EvaluationReport("per-user-random-0.8", 42, BERT, "20240501T120000Z",
                Instant.parse("2024-05-01T12:00:00Z"), "sha256:abc123", models, parameters, curves,
                sample(3_000, 42), "Global mean predicts the mean training rating; it is also the fallback.");
    }

    /** {@link #threeModels} with a similar-movies section of three lists. */
    static EvaluationReport withSimilarMovies() {
        EvaluationReport r = threeModels();
        Map<String, SimilarListMetrics> lists = new LinkedHashMap<>();
        lists.put("collaborative", new SimilarListMetrics(10, 0.25, 0.125, 0.1));
        lists.put("blend", new SimilarListMetrics(10, 0.3, 0.15, 0.12));
        lists.put("popularity", new SimilarListMetrics(10, 0.2, 0.05, 0.04));
        Map<String, String> descriptions = new LinkedHashMap<>();
        lists.keySet().forEach(name -> descriptions.put(name, "the " + name + " list"));
        return new EvaluationReport(r.split(), r.seed(), r.servingModel(), r.version(), r.createdAt(),
                r.dataFingerprint(), r.models(), r.parameters(), r.curves(), r.servingSample(), r.baselines(),
                r.rankingBaselines(), new SimilarMoviesResults(10, 600, 12_000, true, 5_000, 42, 0.7, "row", lists,
                        descriptions));
    }

    /** {@link #threeModels} measured on a seeded sample of 2,000 of 5,000 test users. */
    static EvaluationReport withRankedUsers() {
        EvaluationReport r = threeModels();
        Map<String, Double> halfWidths = new LinkedHashMap<>();
        r.curves().keySet().forEach(name -> halfWidths.put(name, 0.0125));
        return new EvaluationReport(r.split(), r.seed(), r.servingModel(), r.version(), r.createdAt(),
                r.dataFingerprint(), r.models(), r.parameters(), r.curves(), r.servingSample(), r.baselines(),
                r.rankingBaselines(), r.similarMovies(), new RankedUsers(5_000, 2_000, 2_000, 42, halfWidths));
    }

    /** {@link #threeModels} with its rating errors over a seeded sample of 500,000 of 2,500,000 test rows. */
    static EvaluationReport withScoredRows() {
        EvaluationReport r = threeModels();
        Map<String, Double> halfWidths = new LinkedHashMap<>();
        r.models().keySet().forEach(name -> halfWidths.put(name, 0.0021));
        return new EvaluationReport(r.split(), r.seed(), r.servingModel(), r.version(), r.createdAt(),
                r.dataFingerprint(), r.models(), r.parameters(), r.curves(), r.servingSample(), r.baselines(),
                r.rankingBaselines(), r.similarMovies(), r.rankedUsers(),
                new ScoredRows(2_500_000, 500_000, 500_000, 42, halfWidths));
    }

    /** Plausible curves through the given values at k = 10: precision falls with k, the others rise. */
    static MetricCurves curves(double ndcg10, double precision10, double recall10, double map10, double coverage10) {
        List<Double> ndcg = new ArrayList<>();
        List<Double> precision = new ArrayList<>();
        List<Double> recall = new ArrayList<>();
        List<Double> map = new ArrayList<>();
        List<Double> coverage = new ArrayList<>();
        for (int k = 1; k <= MetricCurves.REPORT_MAX_K; k++) {
            double rise = Math.log1p(k) / Math.log1p(10);
            ndcg.add(Math.min(1, ndcg10 * (0.8 + 0.2 * rise)));
            precision.add(Math.min(1, precision10 * Math.pow(10.0 / k, 0.3)));
            recall.add(Math.min(1, recall10 * k / 10.0));
            map.add(Math.min(1, map10 * (0.6 + 0.4 * rise)));
            coverage.add(Math.min(1, coverage10 * rise));
        }
        return new MetricCurves(ndcg, precision, recall, map, coverage);
    }

    /** Half-star ratings skewed towards 3–4, predictions shrunk towards the mean with noise. */
    static PredictionSample sample(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] actual = new double[rows];
        double[] predicted = new double[rows];
        for (int i = 0; i < rows; i++) {
            double rating = Math.round(Math.max(0.5, Math.min(5, 3.6 + random.nextGaussian() * 1.0)) * 2) / 2.0;
            actual[i] = rating;
            predicted[i] = Math.max(0.5, Math.min(5, 3.5 + 0.55 * (rating - 3.5) + random.nextGaussian() * 0.6));
        }
        return PredictionSample.of(predicted, actual, Math.min(rows, PredictionSample.MAX_PAIRS), seed);
    }
}
