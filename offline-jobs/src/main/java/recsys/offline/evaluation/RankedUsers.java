package recsys.offline.evaluation;

import java.util.Map;
import java.util.Objects;

/**
 * Who the ranking metrics of a report were measured on, and how precise they are: every test user, or a seeded
 * sample of them ({@link recsys.core.evaluation.UserSample}) when there are more than the evaluation ranks, and each
 * ranking's 95 % confidence half-width of NDCG@10 over those users.
 *
 * @param testUsers       users with a held-out test rating
 * @param rankedUsers     users whose lists were ranked: all of them, or the sample
 * @param maxUsers        the most the evaluation ranks ({@code bin/recsys evaluate --max-ranked-users})
 * @param seed            the sample's seed
 * @param ndcgHalfWidths  by ranking name, half the width of the 95 % confidence interval of its NDCG@10
 */
public record RankedUsers(long testUsers, long rankedUsers, int maxUsers, long seed,
                          Map<String, Double> ndcgHalfWidths) {

    public RankedUsers {
        Objects.requireNonNull(ndcgHalfWidths, "ndcgHalfWidths");
        ndcgHalfWidths = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ndcgHalfWidths));
    }

    /** Whether the ranked users are a sample of the test users. */
    public boolean sampled() {
        return rankedUsers < testUsers;
    }
}
