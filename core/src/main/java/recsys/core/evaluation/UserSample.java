package recsys.core.evaluation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A seeded sample of at most {@code maxUsers} users, for measuring rankings on datasets too large to rank every
 * user: the users whose seeded hash of their id is lowest (ties by id). The same ids and seed always give the same
 * sample, whatever order they come in; a user's hash does not depend on the others, so two versions evaluated on the
 * same held-out users with the same seed are measured on the same sample. Every user is kept when there are no more
 * than {@code maxUsers}. The validation tuning and the test evaluation both draw through it.
 *
 * @param maxUsers at least 1
 */
public record UserSample(int maxUsers, long seed) {

    public UserSample {
        if (maxUsers < 1) {
            throw new IllegalArgumentException("a user sample needs at least 1 user, got " + maxUsers);
        }
    }

    /** Whether {@code population} users are more than the sample keeps. */
    public boolean samples(long population) {
        return population > maxUsers;
    }

    /** The sampled ids, in id order; all of them (distinct, sorted) when there are at most {@code maxUsers}. */
    public List<String> choose(Collection<String> userIds) {
        List<String> chosen = new ArrayList<>(new java.util.TreeSet<>(userIds));
        if (chosen.size() > maxUsers) {
            chosen.sort(Comparator.comparingLong((String id) -> rank(id, seed)).thenComparing(id -> id));
            chosen = new ArrayList<>(chosen.subList(0, maxUsers));
            chosen.sort(null);
        }
        return chosen;
    }

    /** The user's place in the sample order: SplitMix64's finaliser of the id's hash and the seed. */
    static long rank(String userId, long seed) {
        long z = userId.hashCode() ^ seed;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
