package recsys.core.similar;

import java.util.Objects;

/**
 * Means of {@link SimilarListMetrics} over users, each user weighing the same. Keeps sums, which merge by addition
 * (one accumulator per thread or partition), and divides at the end. Not thread-safe: {@code add} and
 * {@code merge} mutate and return this.
 */
public final class SimilarListAccumulator {

    private final int k;
    private long users;
    private double hitSum;
    private double reciprocalRankSum;
    private double ndcgSum;

    public SimilarListAccumulator(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        this.k = k;
    }

    /** @throws IllegalArgumentException for metrics at another k: means over mixed cut-offs mean nothing */
    public SimilarListAccumulator add(SimilarListMetrics user) {
        if (user.k() != k) {
            throw new IllegalArgumentException("metrics at k = " + user.k() + " added to an accumulator for k = " + k);
        }
        users++;
        hitSum += user.hitRate();
        reciprocalRankSum += user.reciprocalRank();
        ndcgSum += user.ndcg();
        return this;
    }

    public SimilarListAccumulator merge(SimilarListAccumulator other) {
        Objects.requireNonNull(other, "other");
        if (other.k != k) {
            throw new IllegalArgumentException("cannot merge accumulators for k = " + k + " and k = " + other.k);
        }
        users += other.users;
        hitSum += other.hitSum;
        reciprocalRankSum += other.reciprocalRankSum;
        ndcgSum += other.ndcgSum;
        return this;
    }

    public long users() {
        return users;
    }

    /** @throws IllegalStateException when no user was added: 0/0 would hide that nobody was evaluated */
    public SimilarListMetrics mean() {
        if (users == 0) {
            throw new IllegalStateException("no users evaluated at k = " + k);
        }
        return new SimilarListMetrics(k, hitSum / users, reciprocalRankSum / users, ndcgSum / users);
    }
}
