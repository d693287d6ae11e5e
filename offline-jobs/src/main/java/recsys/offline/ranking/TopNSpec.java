package recsys.offline.ranking;

import java.io.Serializable;
import java.util.Objects;
import recsys.core.topn.RerankWeights;

/**
 * One top-N ranking to evaluate: the candidate pool of the top-N model named {@code model}, ordered by
 * {@code weights}. A single source's weights (e.g. {@link RerankWeights#ITEM_ITEM_ONLY}) give that model alone over
 * the whole catalogue, since its own best movies are in the pool.
 *
 * @param name    the ranking's name in the results
 * @param model   the name of a top-N model passed to {@link TopKEvaluator}
 * @param weights how the pool is ordered
 */
public record TopNSpec(String name, String model, RerankWeights weights) implements Serializable {
    private static final long serialVersionUID = 1L;

    public TopNSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(weights, "weights");
    }
}
