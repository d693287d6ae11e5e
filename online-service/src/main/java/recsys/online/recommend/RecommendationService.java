package recsys.online.recommend;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import recsys.core.features.RatedMovie;
import recsys.core.filter.MovieFilter;
import recsys.core.topn.Explanation;
import recsys.online.config.RecommendationConfiguration;
import recsys.online.model.ServingModel;
import recsys.online.model.ServingModels;
import recsys.online.users.UserDocument;
import recsys.online.users.UserStore;

/**
 * Answers a recommendation request. One user read decides everything:
 * <ol>
 *   <li>unknown user, or no ratings: the popularity ranking of the filter;</li>
 *   <li>a known user, on the first {@code max-limit} items: their stored list when it matches their current ratings,
 *       else the list computed now ({@link RankedListComputer}) and stored in the background. With a filter and a
 *       version that has a top-N ranking, the list's accepted movies when they fill the page (the filtered ranking
 *       is the whole ranking restricted to the filter), else that ranking computed now with the filter pushed into
 *       its candidate pool; with other versions the list is filtered in Elasticsearch;</li>
 *   <li>a known user paging deeper than {@code max-limit}, with a top-N version: the ranking computed now, as deep
 *       as the page needs, the filter pushed in (not stored: the stored list serves the first pages).</li>
 * </ol>
 * {@link ListAssembler} then cuts the page, so the filter is always applied before the cut and a short list is filled
 * from the filter's popularity ranking. Rated movies are removed at the end whatever the source.
 */
@Singleton
public class RecommendationService {

    private final UserStore users;
    private final ServingModels models;
    private final PopularityRanking popularity;
    private final PrecomputedLists lists;
    private final RankedListComputer computer;
    private final TopNRanking topN;
    private final GenreNames genres;
    private final ListAssembler assembler;
    private final RecommendationConfiguration configuration;

    public RecommendationService(UserStore users, ServingModels models, PopularityRanking popularity,
                                 PrecomputedLists lists, RankedListComputer computer, TopNRanking topN,
                                 GenreNames genres, ListAssembler assembler,
                                 RecommendationConfiguration configuration) {
        this.users = users;
        this.models = models;
        this.popularity = popularity;
        this.lists = lists;
        this.computer = computer;
        this.topN = topN;
        this.genres = genres;
        this.assembler = assembler;
        this.configuration = configuration;
    }

    public Recommendations recommend(RecommendationQuery query) {
        ListQuery list = query.list();
        MovieFilter filter = genres.resolve(list.filter());
        Optional<UserStore.VersionedUser> user = users.find(query.userId());
        if (user.isEmpty() || user.get().document().ratingCount() == 0) {
            return popular(filter, list);
        }
        UserDocument document = user.get().document();
        Optional<ServingModel> model = models.current();
        RankedList ranked;
        boolean stored = false;
        Predicate<String> filtered = id -> false;
        boolean hasTopN = model.isPresent() && model.get().hasTopN();
        if (hasTopN && list.window() > configuration.maxLimit()) {
            ranked = topN.rank(document.ratedMovies(), model.get(), list.window(), filter);
            filtered = id -> true; // TopNRanking applied the whole filter
        } else {
            Optional<RankedList> usable = lists.usable(document);
            if (usable.isPresent()) {
                ranked = usable.get();
                stored = true;
                if (PrecomputedLists.staleModel(ranked, model.map(ServingModel::version).orElse(null))) {
                    lists.recomputeLater(user.get());
                }
            } else {
                ranked = computer.compute(document);
                lists.storeLater(user.get(), ranked);
            }
            if (hasTopN && !filter.acceptsAll()) {
                // the filtered ranking is the whole ranking restricted to the filter: while the stored list holds
                // a page of accepted movies, they are the page; else the filter goes into a ranking computed now
                List<String> accepted = topN.accepted(ranked.movieIds(), model.get(), filter);
                ranked = accepted.size() >= list.window()
                        ? new RankedList(accepted, ranked.path(), ranked.modelVersion())
                        : topN.rank(document.ratedMovies(), model.get(), list.window(), filter);
                stored &= accepted.size() >= list.window();
                filtered = id -> true;
            }
        }
        List<RecommendationsResponse.Item> items = assembler.page(ranked.movieIds(), filtered, document.ratedIds(),
                filter, list, explainer(ranked, document.ratedMovies(), model));
        return new Recommendations(items, ranked.path(), ranked.modelVersion(), stored);
    }

    /** The list of a visitor with no ratings: every item is there for its popularity. */
    public Recommendations popular(MovieFilter filter, ListQuery list) {
        RankedList ranked = new RankedList(popularity.top(filter), RankingPath.POPULARITY, null);
        List<RecommendationsResponse.Item> items = assembler.page(ranked.movieIds(), id -> true, Set.of(), filter,
                list, ids -> Map.of());
        if (list.explain()) {
            items = items.stream().map(item -> item.withReasons(RecommendationsResponse.Reasons.of(
                    Explanation.POPULAR))).toList();
        }
        return new Recommendations(items, RankingPath.POPULARITY, null, false);
    }

    /**
     * Reasons from the serving version's top-N terms when it ranked the list; a list from another path (a version
     * without top-N, or no model) has no reasons to give but popularity.
     */
    public Function<List<String>, Map<String, Explanation>> explainer(RankedList ranked, List<RatedMovie> ratings,
                                                                      Optional<ServingModel> model) {
        if (ranked.path() != RankingPath.TOP_N || model.isEmpty() || !model.get().hasTopN()) {
            return ids -> Map.of();
        }
        return ids -> model.get().topN().explain(ratings, ids, configuration.explainedRatings());
    }
}
