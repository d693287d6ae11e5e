package recsys.offline.ranking;

import java.io.Serializable;
import java.util.List;
import recsys.core.features.FeatureEncoder;
import recsys.core.features.UserProfile;

/**
 * A rating model as the ranking sees it: the predicted rating of each candidate movie for one user. Implementations
 * are immutable and serializable, so Spark broadcasts them to the tasks that rank.
 */
public interface CandidateScorer extends Serializable {

    /**
     * @param userId   the user
     * @param profile  the user's profile from their training ratings (empty for a user without any)
     * @param movieIds the candidates
     * @param encoder  the feature encoder fitted on the same training ratings
     * @return one predicted rating per candidate, in order; {@link Double#NaN} where the model has no prediction
     */
    double[] predict(String userId, UserProfile profile, List<String> movieIds, FeatureEncoder encoder);
}
