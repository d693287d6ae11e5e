package recsys.core.evaluation;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * {@link RankingMetrics} at every cut-off k = 1 … maxK, for the metric@k plots.
 *
 * <p>{@link #of} walks the list once and keeps running hits, DCG, ideal DCG and the precision sum of AP, so
 * all maxK records cost O(maxK) instead of O(maxK²) from calling {@link RankingMetrics#of} per k.
 *
 * @param byK the metrics at k = 1 … maxK, in that order ({@code byK.get(k - 1).k() == k})
 */
public record RankingCurves(List<RankingMetrics> byK) implements Serializable {
    private static final long serialVersionUID = 1L;

    public RankingCurves {
        byK = List.copyOf(byK);
        if (byK.isEmpty()) {
            throw new IllegalArgumentException("curves need at least k = 1");
        }
        for (int i = 0; i < byK.size(); i++) {
            if (byK.get(i).k() != i + 1) {
                throw new IllegalArgumentException(
                        "curve entry " + i + " must be for k = " + (i + 1) + ", is for k = " + byK.get(i).k());
            }
        }
    }

    /**
     * One user's curves; the definitions and argument rules are those of {@link RankingMetrics#of}.
     *
     * @param maxK the largest cut-off, at least 1
     */
    public static RankingCurves of(List<String> recommended, Set<String> relevant, int maxK) {
        RankedLists.requirePositive("maxK", maxK);
        RankedLists.requireDistinct(recommended);
        if (relevant.isEmpty()) {
            throw new IllegalArgumentException(
                    "no relevant test items: ranking metrics are undefined for this user, skip it");
        }
        List<RankingMetrics> byK = new ArrayList<>(maxK);
        int hits = 0;
        double dcg = 0;
        double idealDcg = 0;
        double precisionSum = 0;
        for (int k = 1; k <= maxK; k++) {
            double discount = discount(k);
            if (k <= recommended.size() && relevant.contains(recommended.get(k - 1))) {
                hits++;
                dcg += discount;
                precisionSum += (double) hits / k;
            }
            if (k <= relevant.size()) {
                idealDcg += discount; // the ideal list has a relevant item at every rank up to |R|
            }
            byK.add(new RankingMetrics(k, dcg / idealDcg, (double) hits / k, (double) hits / relevant.size(),
                    precisionSum / Math.min(k, relevant.size())));
        }
        return new RankingCurves(byK);
    }

    /** The binary-gain DCG weight of a hit at 1-based {@code rank}: 1 / log2(rank + 1). */
    static double discount(int rank) {
        return Math.log(2) / Math.log(rank + 1.0);
    }

    public int maxK() {
        return byK.size();
    }

    /** @throws IllegalArgumentException unless 1 ≤ k ≤ {@link #maxK()} */
    public RankingMetrics at(int k) {
        if (k < 1 || k > maxK()) {
            throw new IllegalArgumentException("k must be in [1, " + maxK() + "], got " + k);
        }
        return byK.get(k - 1);
    }

    /** NDCG@k at index k − 1, ready to plot. */
    public double[] ndcg() {
        return values(RankingMetrics::ndcg);
    }

    /** Precision@k at index k − 1. */
    public double[] precision() {
        return values(RankingMetrics::precision);
    }

    /** Recall@k at index k − 1. */
    public double[] recall() {
        return values(RankingMetrics::recall);
    }

    /** AP@k (MAP@k for mean curves) at index k − 1. */
    public double[] averagePrecision() {
        return values(RankingMetrics::averagePrecision);
    }

    private double[] values(ToDoubleFunction<RankingMetrics> metric) {
        return byK.stream().mapToDouble(metric).toArray();
    }
}
