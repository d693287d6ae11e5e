package recsys.online.recommend;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import recsys.core.filter.MovieFilter;
import recsys.core.topn.Explanation;
import recsys.online.movies.MovieDocument;
import recsys.online.movies.MovieStore;

/**
 * Turns a ranking into the page a client asked for, the same way for every listing endpoint: the filter, then the
 * movies the user rated removed, a short list topped up from the filter's popularity ranking, the page cut at
 * {@code offset}, and metadata and reasons added to the page's items only. The whole list up to the page's end is
 * built each time, so consecutive pages of one ranking never overlap.
 */
@Singleton
public class ListAssembler {

    private final MovieStore movies;
    private final PopularityRanking popularity;

    public ListAssembler(MovieStore movies, PopularityRanking popularity) {
        this.movies = movies;
        this.popularity = popularity;
    }

    /**
     * @param ranked      the ranking, best first
     * @param filtered    ids the ranking already checked against the filter's metadata constraints (the model's
     *                    catalogue when the filter was pushed into it); the rest are checked in Elasticsearch
     * @param rated       ids never to list
     * @param filter      the request's filter, genres in the catalogue's spelling
     * @param explainer   reasons for ranked ids on the page (called only with {@code explain=true})
     * @return the page's items
     */
    public List<RecommendationsResponse.Item> page(List<String> ranked, Predicate<String> filtered, Set<String> rated,
                                                   MovieFilter filter, ListQuery query,
                                                   Function<List<String>, Map<String, Explanation>> explainer) {
        List<String> candidates = ranked;
        if (filter.constrainsMetadata()) {
            List<String> unchecked = ranked.stream().filter(filtered.negate()).toList();
            Set<String> matching = movies.matching(unchecked, filter);
            candidates = ranked.stream().filter(id -> filtered.test(id) || matching.contains(id)).toList();
        }
        int window = query.window();
        Set<String> chosen = new LinkedHashSet<>();
        addAllowed(candidates, rated, filter, window, chosen);
        Set<String> fromRanking = Set.copyOf(chosen);
        if (chosen.size() < window) {
            addAllowed(popularity.top(filter), rated, filter, window, chosen);
        }
        List<String> all = new ArrayList<>(chosen);
        List<String> page = all.subList(Math.min(query.offset(), all.size()), all.size());
        List<RecommendationsResponse.Item> items = items(page, query.returnMetadata());
        if (!query.explain()) {
            return items;
        }
        Map<String, Explanation> explanations = explainer.apply(page.stream().filter(fromRanking::contains).toList());
        List<RecommendationsResponse.Item> explained = new ArrayList<>(items.size());
        for (RecommendationsResponse.Item item : items) {
            Explanation explanation = fromRanking.contains(item.movieId())
                    ? explanations.getOrDefault(item.movieId(), Explanation.NONE) : Explanation.POPULAR;
            explained.add(item.withReasons(RecommendationsResponse.Reasons.of(explanation)));
        }
        return explained;
    }

    private static void addAllowed(List<String> ids, Set<String> rated, MovieFilter filter, int limit,
                                   Set<String> chosen) {
        for (String id : ids) {
            if (chosen.size() == limit) {
                return;
            }
            if (!rated.contains(id) && !filter.excludedIds().contains(id)) {
                chosen.add(id);
            }
        }
    }

    /** The items of these ids, with title, genres and tags when asked. */
    public List<RecommendationsResponse.Item> items(List<String> ids, boolean withMetadata) {
        if (!withMetadata) {
            return ids.stream().map(RecommendationsResponse.Item::idOnly).toList();
        }
        Map<String, MovieDocument> documents = movies.metadata(ids);
        List<RecommendationsResponse.Item> items = new ArrayList<>(ids.size());
        for (String id : ids) {
            MovieDocument movie = documents.get(id);
            items.add(movie == null ? new RecommendationsResponse.Item(id, "", "", "")
                    : RecommendationsResponse.Item.of(movie));
        }
        return items;
    }
}
