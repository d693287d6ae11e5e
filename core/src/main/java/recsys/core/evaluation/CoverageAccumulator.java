package recsys.core.evaluation;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Catalogue coverage@k: the fraction of the catalogue that appears in at least one user's top k,
 * |∪<sub>users</sub> top-k(user)| / catalogue size. Low coverage means the recommender shows everyone the same
 * few (usually popular) movies, which accuracy metrics alone do not reveal.
 *
 * <p>It keeps, for each movie seen, the best (smallest) rank at which any user got it, up to maxK. That is the
 * set of ids the definition needs, for every k ≤ maxK at once (a movie is in the union of top-k lists exactly when
 * its best rank is ≤ k), so the coverage curve needs no second pass; and it merges by taking the smaller rank.
 * Memory is bounded by the number of distinct movies recommended, at most the catalogue.
 */
public final class CoverageAccumulator implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int maxK;
    private final HashMap<String, Integer> bestRank = new HashMap<>();
    private long users;

    /** @param maxK the largest cut-off coverage will be asked for, at least 1; ranks below it are not kept */
    public CoverageAccumulator(int maxK) {
        this.maxK = RankedLists.requirePositive("maxK", maxK);
    }

    public int maxK() {
        return maxK;
    }

    /**
     * Records one user's list. Unlike the ranking metrics, users with no relevant test items count here:
     * coverage is about what the recommender shows, not whether it was right.
     *
     * @param recommended the user's recommended movie ids, best first, each at most once (see
     *                    {@link RankingMetrics#of}); may be empty or shorter than maxK
     */
    public CoverageAccumulator add(List<String> recommended) {
        RankedLists.requireDistinct(recommended);
        int n = Math.min(maxK, recommended.size());
        for (int i = 0; i < n; i++) {
            bestRank.merge(recommended.get(i), i + 1, Math::min);
        }
        users++;
        return this;
    }

    /** Adds the other accumulator's lists to this one (the other is left unchanged) and returns this. */
    public CoverageAccumulator merge(CoverageAccumulator other) {
        Objects.requireNonNull(other, "other");
        if (other.maxK != maxK) {
            throw new IllegalArgumentException(
                    "cannot merge coverage accumulators up to k = " + maxK + " and k = " + other.maxK);
        }
        for (Map.Entry<String, Integer> entry : other.bestRank.entrySet()) {
            bestRank.merge(entry.getKey(), entry.getValue(), Math::min);
        }
        users += other.users;
        return this;
    }

    /** How many user lists were added. */
    public long users() {
        return users;
    }

    /** How many distinct movies appear in at least one user's top k. */
    public long distinctItems(int k) {
        requireK(k);
        return bestRank.values().stream().filter(rank -> rank <= k).count();
    }

    /**
     * @param catalogueSize how many movies could have been recommended, at least 1
     * @throws IllegalArgumentException if k is outside [1, maxK], or the lists hold more distinct movies than the
     *                                  catalogue has: then the catalogue size is wrong, and a coverage above 1 would
     *                                  hide it
     */
    public double coverage(int k, long catalogueSize) {
        if (catalogueSize < 1) {
            throw new IllegalArgumentException("catalogue size must be at least 1, got " + catalogueSize);
        }
        long distinct = distinctItems(k);
        if (distinct > catalogueSize) {
            throw new IllegalArgumentException(distinct + " distinct movies recommended in the top " + k
                    + " but the catalogue has only " + catalogueSize);
        }
        return (double) distinct / catalogueSize;
    }

    /** Coverage@k at index k − 1 for k = 1 … maxK, ready to plot. */
    public double[] coverageCurve(long catalogueSize) {
        double[] curve = new double[maxK];
        for (int k = 1; k <= maxK; k++) {
            curve[k - 1] = coverage(k, catalogueSize);
        }
        return curve;
    }

    private void requireK(int k) {
        if (k < 1 || k > maxK) {
            throw new IllegalArgumentException("k must be in [1, " + maxK + "], got " + k);
        }
    }

    @Override
    public String toString() {
        return "CoverageAccumulator[maxK=" + maxK + ", users=" + users + ", distinctItems=" + bestRank.size() + "]";
    }
}
