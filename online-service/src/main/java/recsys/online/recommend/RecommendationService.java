package recsys.online.recommend;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import recsys.online.error.ApiException;
import recsys.online.model.ServingModel;
import recsys.online.model.ServingModels;
import recsys.online.movies.MovieDocument;
import recsys.online.movies.MovieStore;
import recsys.online.users.UserStore;

/**
 * Answers a recommendation request. One user read decides everything:
 * <ol>
 *   <li>unknown user, or no ratings: the popularity ranking of the genre (or of everything);</li>
 *   <li>a known user: their stored list when it matches their current ratings, else the list computed now
 *       ({@link RankedListComputer}) and stored in the background; with a genre, the list is filtered by the genre
 *       in Elasticsearch (keeping its order) and, when that leaves fewer than {@code limit}, filled from the genre's
 *       popularity ranking.</li>
 * </ol>
 * Rated movies are removed at the end whatever the source, so no path can return one.
 */
@Singleton
public class RecommendationService {

    private final UserStore users;
    private final MovieStore movies;
    private final ServingModels models;
    private final PopularityRanking popularity;
    private final PrecomputedLists lists;
    private final RankedListComputer computer;

    public RecommendationService(UserStore users, MovieStore movies, ServingModels models,
                                 PopularityRanking popularity, PrecomputedLists lists, RankedListComputer computer) {
        this.users = users;
        this.movies = movies;
        this.models = models;
        this.popularity = popularity;
        this.lists = lists;
        this.computer = computer;
    }

    public Recommendations recommend(RecommendationQuery query) {
        String genre = query.genre() == null ? null : catalogueGenre(query.genre());
        Optional<UserStore.VersionedUser> user = users.find(query.userId());
        Set<String> rated = user.map(u -> u.document().ratedIds()).orElse(Set.of());
        List<String> ids;
        RankedList ranked;
        boolean stored = false;
        if (user.isEmpty() || user.get().document().ratingCount() == 0) {
            ranked = new RankedList(popularity.top(genre), RankingPath.POPULARITY, null);
            ids = ranked.movieIds();
        } else {
            Optional<RankedList> usable = lists.usable(user.get().document());
            String currentVersion = models.current().map(ServingModel::version).orElse(null);
            if (usable.isPresent()) {
                ranked = usable.get();
                stored = true;
                if (PrecomputedLists.staleModel(ranked, currentVersion)) {
                    lists.recomputeLater(user.get());
                }
            } else {
                ranked = computer.compute(user.get().document());
                lists.storeLater(user.get(), ranked);
            }
            ids = genre == null ? ranked.movieIds() : inGenre(ranked.movieIds(), genre);
        }
        List<String> chosen = fill(ids, genre, rated, query.limit());
        return new Recommendations(items(chosen, query.returnMetadata()), ranked.path(), ranked.modelVersion(), stored);
    }

    /** The catalogue's spelling of the requested genre; 400 naming {@code genre} when the catalogue lacks it. */
    private String catalogueGenre(String requested) {
        var catalogue = popularity.catalogue();
        return catalogue.genre(requested).orElseThrow(() -> ApiException.badRequest(RecommendationQuery.GENRE,
                "unknown genre \"" + requested + "\"; the catalogue has " + String.join(", ", catalogue.genres())));
    }

    private List<String> inGenre(List<String> ranked, String genre) {
        Set<String> matching = movies.withGenre(ranked, genre);
        return ranked.stream().filter(matching::contains).toList();
    }

    /** The first {@code limit} unrated ids, topped up from the popularity ranking of the genre when short. */
    private List<String> fill(List<String> ranked, @Nullable String genre, Set<String> rated, int limit) {
        Set<String> chosen = new LinkedHashSet<>();
        addUnrated(ranked, rated, limit, chosen);
        if (chosen.size() < limit) {
            addUnrated(popularity.top(genre), rated, limit, chosen);
        }
        return new ArrayList<>(chosen);
    }

    private static void addUnrated(List<String> ids, Set<String> rated, int limit, Set<String> chosen) {
        for (String id : ids) {
            if (chosen.size() == limit) {
                return;
            }
            if (!rated.contains(id)) {
                chosen.add(id);
            }
        }
    }

    private List<RecommendationsResponse.Item> items(List<String> ids, boolean withMetadata) {
        if (!withMetadata) {
            return ids.stream().map(RecommendationsResponse.Item::idOnly).toList();
        }
        Map<String, MovieDocument> documents = movies.metadata(ids);
        List<RecommendationsResponse.Item> items = new ArrayList<>(ids.size());
        for (String id : ids) {
            MovieDocument movie = documents.get(id);
            items.add(movie == null
                    ? new RecommendationsResponse.Item(id, "", "", "")
                    : new RecommendationsResponse.Item(id, movie.title() == null ? "" : movie.title(),
                            String.join("|", movie.genres()), String.join("|", movie.tags())));
        }
        return items;
    }
}
