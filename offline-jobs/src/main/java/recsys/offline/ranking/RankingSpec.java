package recsys.offline.ranking;

import java.io.Serializable;
import java.util.Objects;
import recsys.core.ranking.RankingBlend;

/**
 * One ranking to evaluate: the predictions of the scorer named {@code scorer}, ranked by {@code blend}.
 *
 * @param name   the ranking's name in the results (a model name, or e.g. {@code popularity_by_count})
 * @param scorer the name of a scorer passed to {@link TopKEvaluator}
 * @param blend  how the {@link recsys.core.ranking.Ranker} scores candidates
 */
public record RankingSpec(String name, String scorer, RankingBlend blend) implements Serializable {
    private static final long serialVersionUID = 1L;

    public RankingSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scorer, "scorer");
        Objects.requireNonNull(blend, "blend");
    }
}
