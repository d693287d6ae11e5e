package recsys.core.model;

import java.io.Serializable;
import java.util.Collection;
import java.util.Objects;
import recsys.core.features.FeatureEncoder;
import recsys.core.features.RatedMovie;
import recsys.core.features.SparseFeatures;
import recsys.core.features.UserProfile;

/**
 * A servable tree model and how it scores a (user, movie) pair from the encoder's features: a forest over the
 * dense (embedding) or the sparse representation, predicting the rating, or the {@link HybridModel}, whose trees
 * predict the residual of its biases. The one place both the evaluation's ranking and the online service turn a
 * published model into a predicted rating.
 *
 * @param trees  the ensemble the model scores with (for the hybrid, its residual trees)
 * @param sparse whether the trees read the sparse representation (never for the hybrid)
 * @param hybrid the hybrid when it is one, else null
 */
public record TreeRatingModel(TreeEnsemble trees, boolean sparse, HybridModel hybrid) implements Serializable {
    private static final long serialVersionUID = 1L;

    public TreeRatingModel {
        Objects.requireNonNull(trees, "trees");
        if (hybrid != null && (sparse || hybrid.residual() != trees)) {
            throw new IllegalArgumentException("the hybrid's residual trees must be the model's trees, over the dense "
                    + "features");
        }
    }

    /** A forest predicting the rating over the dense or the sparse features. */
    public static TreeRatingModel forest(TreeEnsemble trees, boolean sparse) {
        return new TreeRatingModel(trees, sparse, null);
    }

    /** The hybrid, over the dense features. */
    public static TreeRatingModel hybrid(HybridModel hybrid) {
        return new TreeRatingModel(hybrid.residual(), false, hybrid);
    }

    /** A training user's bias as stored (0 when the model has no biases). */
    public double userBias(String userId) {
        return hybrid == null ? 0 : hybrid.biases().userBias(userId);
    }

    /** The bias of a user with these (current) ratings (0 when the model has no biases). */
    public double userBias(Collection<RatedMovie> ratings) {
        return hybrid == null ? 0 : hybrid.biases().userBiasOf(ratings);
    }

    /**
     * The predicted rating of {@code movieId} for the user (a forest's is unclamped).
     *
     * @param userBias the user's bias from one of the {@code userBias} methods; ignored by a forest
     */
    public double predict(FeatureEncoder encoder, UserProfile profile, double userBias, String movieId) {
        if (hybrid != null) {
            return hybrid.predict(userBias, movieId, encoder.embeddingFeatures(profile, movieId));
        }
        if (sparse) {
            SparseFeatures row = encoder.sparseFeatures(profile, movieId);
            return trees.predict(row.indices(), row.values(), row.size());
        }
        return trees.predict(encoder.embeddingFeatures(profile, movieId));
    }
}
