package recsys.core.evaluation;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Mean {@link RankingCurves} over users: one {@link RankingAccumulator} per k = 1 … maxK, fed from a single
 * walk down each user's list. Mergeable for Spark like {@link RankingAccumulator}.
 */
public final class RankingCurveAccumulator implements Serializable {
    private static final long serialVersionUID = 1L;

    private final RankingAccumulator[] byK;
    private long skippedUsers;

    /** @param maxK the largest cut-off, at least 1; the report uses 20 */
    public RankingCurveAccumulator(int maxK) {
        RankedLists.requirePositive("maxK", maxK);
        byK = new RankingAccumulator[maxK];
        for (int k = 1; k <= maxK; k++) {
            byK[k - 1] = new RankingAccumulator(k);
        }
    }

    public int maxK() {
        return byK.length;
    }

    /** Evaluates one user at every k, or counts the user as skipped when {@code relevant} is empty. */
    public RankingCurveAccumulator addUser(List<String> recommended, Set<String> relevant) {
        if (relevant.isEmpty()) {
            RankedLists.requireDistinct(recommended);
            skippedUsers++;
            return this;
        }
        return add(RankingCurves.of(recommended, relevant, maxK()));
    }

    /** @throws IllegalArgumentException if the curves do not go up to exactly this accumulator's maxK */
    public RankingCurveAccumulator add(RankingCurves user) {
        if (user.maxK() != maxK()) {
            throw new IllegalArgumentException(
                    "curves up to k = " + user.maxK() + " added to an accumulator up to k = " + maxK());
        }
        for (int k = 1; k <= maxK(); k++) {
            byK[k - 1].add(user.at(k));
        }
        return this;
    }

    /** Adds the other accumulator's users to this one (the other is left unchanged) and returns this. */
    public RankingCurveAccumulator merge(RankingCurveAccumulator other) {
        Objects.requireNonNull(other, "other");
        if (other.maxK() != maxK()) {
            throw new IllegalArgumentException(
                    "cannot merge curve accumulators up to k = " + maxK() + " and k = " + other.maxK());
        }
        for (int i = 0; i < byK.length; i++) {
            byK[i].merge(other.byK[i]);
        }
        skippedUsers += other.skippedUsers;
        return this;
    }

    /** How many users the means are over (the same at every k: a user is evaluated at all of them or none). */
    public long users() {
        return byK[0].users();
    }

    /** How many users {@link #addUser} skipped for having no relevant test item. */
    public long skippedUsers() {
        return skippedUsers;
    }

    /** The accumulator for one k. @throws IllegalArgumentException unless 1 ≤ k ≤ maxK */
    public RankingAccumulator at(int k) {
        if (k < 1 || k > maxK()) {
            throw new IllegalArgumentException("k must be in [1, " + maxK() + "], got " + k);
        }
        return byK[k - 1];
    }

    /**
     * The mean curves: NDCG@k, Precision@k, Recall@k and MAP@k for k = 1 … maxK.
     *
     * @throws IllegalStateException if no user was evaluated
     */
    public RankingCurves means() {
        List<RankingMetrics> means = new ArrayList<>(byK.length);
        for (RankingAccumulator accumulator : byK) {
            means.add(accumulator.mean());
        }
        return new RankingCurves(means);
    }

    @Override
    public String toString() {
        return "RankingCurveAccumulator[maxK=" + maxK() + ", users=" + users() + ", skippedUsers=" + skippedUsers + "]";
    }
}
