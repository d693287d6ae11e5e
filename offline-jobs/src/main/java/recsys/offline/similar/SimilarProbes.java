package recsys.offline.similar;

import java.util.List;
import recsys.core.similar.SimilarityProbe;

/**
 * The users a similar-movies measurement runs over, collected from a split (validation or test).
 *
 * @param probes        one per evaluated user, ordered by user id
 * @param heldOutUsers  users with a liked held-out rating: the pool the probes were drawn from (those without a
 *                      liked training movie have no probe)
 * @param maxUsers      at most this many were drawn, by a seeded hash of the user id, when the pool is larger
 * @param seed          the seed of that draw
 */
public record SimilarProbes(List<SimilarityProbe> probes, int heldOutUsers, int maxUsers,
                            long seed) {

    public SimilarProbes {
        probes = List.copyOf(probes);
    }

    /** Whether the pool was larger than {@code maxUsers}, so the probes are a sample. */
    public boolean sampled() {
        return heldOutUsers > maxUsers;
    }
}
