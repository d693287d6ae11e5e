package recsys.offline.ranking;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import recsys.core.evaluation.CoverageAccumulator;
import recsys.core.evaluation.RankingCurveAccumulator;
import recsys.offline.evaluation.MetricCurves;

/**
 * Pooled top-k metrics of every ranking: core's curve accumulator (NDCG, precision, recall, MAP at k = 1 … maxK,
 * over users with a relevant held-out movie) and coverage accumulator (over every evaluated user). Mergeable, so
 * each Spark partition fills one and the driver merges them.
 */
public final class TopKResults implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int maxK;
    private final long catalogueSize;
    private final Map<String, RankingCurveAccumulator> curves = new LinkedHashMap<>();
    private final Map<String, CoverageAccumulator> coverage = new LinkedHashMap<>();

    /** @param rankings the names of the rankings, in report order */
    public TopKResults(List<String> rankings, int maxK, long catalogueSize) {
        this.maxK = maxK;
        this.catalogueSize = catalogueSize;
        for (String name : rankings) {
            curves.put(name, new RankingCurveAccumulator(maxK));
            coverage.put(name, new CoverageAccumulator(maxK));
        }
    }

    /** Adds one user's lists (by ranking name) judged against their relevant held-out movies. */
    public TopKResults add(Map<String, List<String>> lists, java.util.Set<String> relevant) {
        lists.forEach((name, list) -> {
            curves.get(name).addUser(list, relevant);
            coverage.get(name).add(list);
        });
        return this;
    }

    public TopKResults merge(TopKResults other) {
        other.curves.forEach((name, accumulator) -> curves.get(name).merge(accumulator));
        other.coverage.forEach((name, accumulator) -> coverage.get(name).merge(accumulator));
        return this;
    }

    /** The ranking's curves at k = 1 … maxK, coverage included. */
    public MetricCurves curves(String ranking) {
        return MetricCurves.of(curves.get(ranking).means(), coverage.get(ranking).coverageCurve(catalogueSize));
    }

    /** Mean NDCG@k of the ranking. */
    public double ndcg(String ranking, int k) {
        return curves.get(ranking).at(k).meanNdcg();
    }

    /** Half the width of the 95 % confidence interval of the ranking's mean NDCG@k over its users. */
    public double ndcgHalfWidth(String ranking, int k) {
        return curves.get(ranking).at(k).ndcgHalfWidth95();
    }

    /** Users with a relevant held-out movie, over whom the ranking metrics are means. */
    public long users(String ranking) {
        return curves.get(ranking).users();
    }

    public int maxK() {
        return maxK;
    }
}
