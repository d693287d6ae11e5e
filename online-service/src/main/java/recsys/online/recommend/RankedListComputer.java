package recsys.online.recommend;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import recsys.core.filter.MovieFilter;
import recsys.core.index.UserFields;
import recsys.online.config.RecommendationConfiguration;
import recsys.online.model.ServingModel;
import recsys.online.model.ServingModels;
import recsys.online.users.UserDocument;

/**
 * Computes a known user's full ranked list ({@link UserFields#STORED_LIST_SIZE} movies, or {@code max-limit} when that
 * is more) from their current ratings, by the path the
 * serving model and their history call for:
 * <ul>
 *   <li>a model version with a top-N ranking: {@link TopNRanking} for every user with a rating
 *       ({@code model-min-ratings} does not apply);</li>
 *   <li>a version without one: {@link ModelRanking} with {@code model-min-ratings} ratings or more, else
 *       {@link CosineRanking};</li>
 *   <li>no model: {@link CosineRanking}.</li>
 * </ul>
 * A list that comes out short (a tiny catalogue, a narrow taste) is filled from the popularity ranking. The stored
 * lists (written by the offline job, or by this service in the background) save this step when the user's ratings
 * have not changed since.
 */
@Singleton
public class RankedListComputer {

    private final ServingModels models;
    private final TopNRanking topNRanking;
    private final ModelRanking modelRanking;
    private final CosineRanking cosineRanking;
    private final PopularityRanking popularity;
    private final RecommendationConfiguration configuration;

    public RankedListComputer(ServingModels models, TopNRanking topNRanking, ModelRanking modelRanking,
                              CosineRanking cosineRanking, PopularityRanking popularity,
                              RecommendationConfiguration configuration) {
        this.models = models;
        this.topNRanking = topNRanking;
        this.modelRanking = modelRanking;
        this.cosineRanking = cosineRanking;
        this.popularity = popularity;
        this.configuration = configuration;
    }

    /** @throws IllegalArgumentException for a user without ratings (they get the popularity ranking directly) */
    public RankedList compute(UserDocument user) {
        if (user.ratingCount() == 0) {
            throw new IllegalArgumentException("user " + user.userId() + " has no ratings to rank from");
        }
        int size = Math.max(configuration.maxLimit(), UserFields.STORED_LIST_SIZE);
        Optional<ServingModel> model = models.current();
        RankedList ranked;
        if (model.isPresent() && model.get().hasTopN()) {
            ranked = topNRanking.rank(user, model.get(), size);
        } else if (model.isPresent() && user.ratingCount() >= configuration.modelMinRatings()) {
            ranked = modelRanking.rank(user, model.get(), size);
        } else {
            ranked = cosineRanking.rank(user, model.orElse(null), size);
        }
        // every list records the model serving when it was computed, whichever path made it: a new model can change
        // the path (no model → model) as well as the order, so any model change makes every list stale
        String version = model.map(ServingModel::version).orElse(null);
        if (ranked.movieIds().size() >= size) {
            return new RankedList(ranked.movieIds(), ranked.path(), version);
        }
        Set<String> ids = new LinkedHashSet<>(ranked.movieIds());
        Set<String> rated = user.ratedIds();
        for (String movieId : popularity.top(MovieFilter.NONE)) {
            if (ids.size() >= size) {
                break;
            }
            if (!rated.contains(movieId)) {
                ids.add(movieId);
            }
        }
        return new RankedList(new ArrayList<>(ids), ranked.path(), version);
    }
}
