package recsys.core.model;

import java.io.Serializable;
import java.util.Objects;

/**
 * The hybrid rating model ({@link ModelKind#HYBRID}): damped biases plus gradient-boosted trees fitted on their
 * residual, {@code r̂ = clip(clip(μ + b_u + b_i) + Σ w_t · tree_t(x))} over the encoder's dense (embedding) features.
 * The biases carry who rates high and which movies are liked; the trees learn what the biases miss from the content
 * and the user's profile. The one definition of that sum for the train job, the evaluation and the online service.
 *
 * @param biases   the baseline whose clipped prediction the trees correct
 * @param residual gradient-boosted trees predicting {@code rating − baseline}
 */
public record HybridModel(BiasBaseline biases, TreeEnsemble residual) implements Serializable {
    private static final long serialVersionUID = 1L;

    public HybridModel {
        Objects.requireNonNull(biases, "biases");
        Objects.requireNonNull(residual, "residual");
        if (residual.kind() != TreeEnsemble.Kind.GRADIENT_BOOSTED) {
            throw new IllegalArgumentException("the residual model must be gradient-boosted trees, got "
                    + residual.kind());
        }
    }

    /**
     * @param userBias the user's bias ({@link BiasBaseline#userBias} for a training user,
     *                 {@link BiasBaseline#userBiasOf} for current ratings)
     * @param features the encoder's dense features of (user, movie)
     */
    public double predict(double userBias, String movieId, double[] features) {
        return BiasBaseline.clip(biases.predictWithUserBias(userBias, movieId) + residual.predict(features));
    }
}
