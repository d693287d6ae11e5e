package recsys.online.session;

import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import recsys.core.features.RatedMovie;
import recsys.core.filter.MovieFilter;
import recsys.online.model.ServingModel;
import recsys.online.model.ServingModels;
import recsys.online.recommend.GenreNames;
import recsys.online.recommend.ListAssembler;
import recsys.online.recommend.ListQuery;
import recsys.online.recommend.RankedList;
import recsys.online.recommend.RecommendationService;
import recsys.online.recommend.Recommendations;
import recsys.online.recommend.RecommendationsResponse;
import recsys.online.recommend.TopNRanking;

/**
 * The list of an anonymous visitor, from the ratings in the request alone: the serving version's top-N ranking (the
 * same core call a stored user's ratings go through, so the same ratings give the same list), with the filter pushed
 * into it and the page cut by {@link ListAssembler}. Nothing is read from or written to the users index. Without
 * ratings, or without a version that has a top-N ranking, the visitor gets the popularity list.
 */
@Singleton
public class SessionRecommendations {

    private final ServingModels models;
    private final TopNRanking topN;
    private final GenreNames genres;
    private final ListAssembler assembler;
    private final RecommendationService recommendations;

    public SessionRecommendations(ServingModels models, TopNRanking topN, GenreNames genres,
                                  ListAssembler assembler, RecommendationService recommendations) {
        this.models = models;
        this.topN = topN;
        this.genres = genres;
        this.assembler = assembler;
        this.recommendations = recommendations;
    }

    public Recommendations recommend(List<RatedMovie> ratings, ListQuery list) {
        MovieFilter filter = genres.resolve(list.filter());
        Optional<ServingModel> model = models.current().filter(ServingModel::hasTopN);
        if (ratings.isEmpty() || model.isEmpty()) {
            return recommendations.popular(filter, list);
        }
        RankedList ranked = topN.rank(ratings, model.get(), list.window(), filter);
        Set<String> rated = new HashSet<>();
        ratings.forEach(r -> rated.add(r.movieId()));
        List<RecommendationsResponse.Item> items = assembler.page(ranked.movieIds(),
                id -> true, rated, filter, list,
                recommendations.explainer(ranked, ratings, model));
        return new Recommendations(items, ranked.path(), ranked.modelVersion(), false);
    }
}
