package recsys.offline.evaluation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import recsys.core.evaluation.RankingCurves;
import recsys.core.evaluation.RankingMetrics;

/**
 * One model's ranking metrics at every cut-off k = 1 … {@link #maxK()}, for the metric@k chart. Element
 * {@code k - 1} of each list is the value at k.
 */
public record MetricCurves(List<Double> ndcg, List<Double> precision, List<Double> recall, List<Double> map,
                           List<Double> coverage) {

    /** The cut-offs the report plots: 1 … 20. */
    public static final int REPORT_MAX_K = 20;

    public MetricCurves {
        ndcg = checked("ndcg", ndcg);
        precision = checked("precision", precision);
        recall = checked("recall", recall);
        map = checked("map", map);
        coverage = checked("coverage", coverage);
        int size = ndcg.size();
        if (precision.size() != size || recall.size() != size || map.size() != size || coverage.size() != size) {
            throw new IllegalArgumentException("every curve needs the same number of cut-offs");
        }
    }

    /**
     * From core's mean curves over users and the coverage curve over the catalogue, which must reach equally far.
     *
     * @param coverage coverage at k = 1 … n, as {@code CoverageAccumulator.coverageCurve} returns it
     */
    public static MetricCurves of(RankingCurves means, double[] coverage) {
        if (coverage.length != means.byK().size()) {
            throw new IllegalArgumentException("coverage reaches k = " + coverage.length
                    + " but the ranking curves reach k = " + means.byK().size());
        }
        List<Double> ndcg = new ArrayList<>();
        List<Double> precision = new ArrayList<>();
        List<Double> recall = new ArrayList<>();
        List<Double> map = new ArrayList<>();
        List<Double> coverageList = new ArrayList<>();
        for (int i = 0; i < coverage.length; i++) {
            RankingMetrics at = means.byK().get(i);
            ndcg.add(at.ndcg());
            precision.add(at.precision());
            recall.add(at.recall());
            map.add(at.averagePrecision());
            coverageList.add(coverage[i]);
        }
        return new MetricCurves(ndcg, precision, recall, map, coverageList);
    }

    public int maxK() {
        return ndcg.size();
    }

    public List<Double> curve(RankingMetric metric) {
        return switch (metric) {
            case NDCG -> ndcg;
            case PRECISION -> precision;
            case RECALL -> recall;
            case MAP -> map;
            case COVERAGE -> coverage;
        };
    }

    /** The value of {@code metric} at cut-off {@code k} (1-based). */
    public double at(RankingMetric metric, int k) {
        if (k < 1 || k > maxK()) {
            throw new IllegalArgumentException("k must be between 1 and " + maxK() + ", was " + k);
        }
        return curve(metric).get(k - 1);
    }

    /** All five curves by metric, in the enum's order. */
    public Map<RankingMetric, List<Double>> byMetric() {
        Map<RankingMetric, List<Double>> all = new EnumMap<>(RankingMetric.class);
        for (RankingMetric metric : RankingMetric.values()) {
            all.put(metric, curve(metric));
        }
        return all;
    }

    private static List<Double> checked(String name, List<Double> values) {
        List<Double> copy = List.copyOf(values); // also rejects null elements
        if (copy.isEmpty()) {
            throw new IllegalArgumentException(name + " curve needs at least k = 1");
        }
        for (double value : copy) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException(name + " values lie in [0, 1], got " + value);
            }
        }
        return copy;
    }
}
