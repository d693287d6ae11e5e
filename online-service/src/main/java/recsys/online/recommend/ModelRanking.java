package recsys.online.recommend;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import recsys.core.features.UserProfile;
import recsys.core.filter.MovieFilter;
import recsys.core.ranking.Candidate;
import recsys.online.config.RecommendationConfiguration;
import recsys.online.model.ServingModel;
import recsys.online.users.UserDocument;
import recsys.online.vectors.VectorStore;

/**
 * The ranking of a user with enough ratings ({@code model-min-ratings}) when a model version without a top-N ranking
 * is serving (versions published before top-N; see {@link TopNRanking} for the others): the {@code knn-candidates}
 * movies nearest to the user's profile vector (the encoder's rating-weighted, mean-centred sum of the rated movies'
 * vectors) plus the {@code popular-candidates} best of the popularity ranking, each scored by the model's predicted
 * rating and ranked by the core {@link recsys.core.ranking.Ranker} with the blend the evaluation chose. The popular
 * movies are there because the chosen blend rewards popularity, which the nearest neighbours of a taste vector often
 * lack.
 */
@Singleton
public class ModelRanking {

    private final VectorStore vectors;
    private final PopularityRanking popularity;
    private final RecommendationConfiguration configuration;

    public ModelRanking(VectorStore vectors, PopularityRanking popularity, RecommendationConfiguration configuration) {
        this.vectors = vectors;
        this.popularity = popularity;
        this.configuration = configuration;
    }

    public RankedList rank(UserDocument user, ServingModel model, int size) {
        ServingModel.UserScorer scorer = model.forUser(user.ratedMovies());
        UserProfile profile = scorer.profile();
        Set<String> rated = user.ratedIds();
        Set<String> candidateIds = new LinkedHashSet<>();
        VectorStore.Probe probe = VectorStore.Probe.along(profile.profileVector(), 1f);
        if (probe != null) {
            vectors.nearest(List.of(probe), rated, configuration.knnCandidates(), configuration.knnCandidates())
                    .forEach(neighbour -> candidateIds.add(neighbour.movieId()));
        }
        List<String> popular = popularity.top(MovieFilter.NONE);
        popular.subList(0, Math.min(popular.size(), configuration.popularCandidates())).forEach(candidateIds::add);
        candidateIds.removeAll(rated);
        List<Candidate> candidates = new ArrayList<>(candidateIds.size());
        for (String movieId : candidateIds) {
            candidates.add(Candidate.of(movieId, scorer.predict(movieId), model.statistics(movieId), List.of()));
        }
        List<String> top = candidates.isEmpty() ? List.of() : model.ranker().top(candidates, rated, size);
        return new RankedList(top, RankingPath.MODEL, model.version());
    }
}
