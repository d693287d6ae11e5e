package recsys.core.evaluation;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Means of {@link RankingMetrics} over users at one cut-off k: mean NDCG@k, Precision@k, Recall@k and MAP@k.
 * Each user weighs the same (a macro average), the usual reading of these metrics.
 *
 * <p>Mergeable for Spark: {@code aggregate(new RankingAccumulator(k), (acc, u) -> acc.addUser(u.recommended(),
 * u.relevant()), RankingAccumulator::merge)}. It keeps sums, which merge by addition, and divides at the end.
 */
public final class RankingAccumulator implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int k;
    private long users;
    private long skippedUsers;
    private double ndcgSum;
    /** Σ NDCG², for the spread of the users' NDCG around its mean. */
    private double ndcgSquareSum;
    private double precisionSum;
    private double recallSum;
    private double averagePrecisionSum;

    /** @param k the cut-off every added record must have, at least 1 */
    public RankingAccumulator(int k) {
        this.k = RankedLists.requirePositive("k", k);
    }

    public int k() {
        return k;
    }

    /**
     * Evaluates one user at this accumulator's k, or counts the user as skipped when {@code relevant} is empty.
     * Argument rules are those of {@link RankingMetrics#of}.
     */
    public RankingAccumulator addUser(List<String> recommended, Set<String> relevant) {
        if (relevant.isEmpty()) {
            // Still check the list, so a broken ranker is caught whatever the test split holds for this user.
            RankedLists.requireDistinct(recommended);
            skippedUsers++;
            return this;
        }
        return add(RankingMetrics.of(recommended, relevant, k));
    }

    /** @throws IllegalArgumentException if the record is for another k: means over mixed cut-offs mean nothing */
    public RankingAccumulator add(RankingMetrics user) {
        if (user.k() != k) {
            throw new IllegalArgumentException("metrics at k = " + user.k() + " added to an accumulator for k = " + k);
        }
        users++;
        ndcgSum += user.ndcg();
        ndcgSquareSum += user.ndcg() * user.ndcg();
        precisionSum += user.precision();
        recallSum += user.recall();
        averagePrecisionSum += user.averagePrecision();
        return this;
    }

    /** Adds the other accumulator's users to this one (the other is left unchanged) and returns this. */
    public RankingAccumulator merge(RankingAccumulator other) {
        Objects.requireNonNull(other, "other");
        if (other.k != k) {
            throw new IllegalArgumentException("cannot merge accumulators for k = " + k + " and k = " + other.k);
        }
        users += other.users;
        skippedUsers += other.skippedUsers;
        ndcgSum += other.ndcgSum;
        ndcgSquareSum += other.ndcgSquareSum;
        precisionSum += other.precisionSum;
        recallSum += other.recallSum;
        averagePrecisionSum += other.averagePrecisionSum;
        return this;
    }

    /** How many users the means are over. */
    public long users() {
        return users;
    }

    /** How many users {@link #addUser} skipped for having no relevant test item. */
    public long skippedUsers() {
        return skippedUsers;
    }

    /** @throws IllegalStateException if no user was evaluated */
    public double meanNdcg() {
        return mean(ndcgSum);
    }

    /**
     * Half the width of the 95 % confidence interval of the mean NDCG@k, read as the mean over a random sample of
     * users: 1.96 standard errors, from the users' sample variance (normal approximation; no finite-population
     * correction, so slightly wide when the users are a large share of all). NaN with fewer than two users.
     */
    public double ndcgHalfWidth95() {
        if (users < 2) {
            return Double.NaN;
        }
        double mean = ndcgSum / users;
        double variance = Math.max(0, (ndcgSquareSum - users * mean * mean) / (users - 1));
        return 1.96 * Math.sqrt(variance / users);
    }

    /** @throws IllegalStateException if no user was evaluated */
    public double meanPrecision() {
        return mean(precisionSum);
    }

    /** @throws IllegalStateException if no user was evaluated */
    public double meanRecall() {
        return mean(recallSum);
    }

    /** MAP@k. @throws IllegalStateException if no user was evaluated */
    public double meanAveragePrecision() {
        return mean(averagePrecisionSum);
    }

    /** All four means in one record (its {@code averagePrecision} is MAP@k). */
    public RankingMetrics mean() {
        return new RankingMetrics(k, meanNdcg(), meanPrecision(), meanRecall(), meanAveragePrecision());
    }

    private double mean(double sum) {
        if (users == 0) {
            // 0/0: a report showing NaN or 0 here would hide that nobody was evaluated.
            throw new IllegalStateException("no users evaluated at k = " + k + " (" + skippedUsers + " skipped)");
        }
        return sum / users;
    }

    @Override
    public String toString() {
        return "RankingAccumulator[k=" + k + ", users=" + users + ", skippedUsers=" + skippedUsers + "]";
    }
}
