package recsys.online.recommend;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import recsys.core.features.EncoderParameters;
import recsys.core.features.MovieStatistics;
import recsys.core.filter.MovieFilter;
import recsys.core.ranking.Candidate;
import recsys.core.ranking.Ranker;
import recsys.core.ranking.RankingBlend;
import recsys.online.config.RecommendationConfiguration;
import recsys.online.movies.Catalogue;
import recsys.online.movies.MovieDocument;
import recsys.online.movies.MovieStore;

/**
 * The ranking of a user with no history, per filter (genres, years): the {@code popularity-pool} most-rated movies re-ranked by
 * {@link RankingBlend#POPULARITY} (damped mean and log count, equally weighted) through the core {@link Ranker}.
 * The damped mean ({@link MovieStatistics#fromMean}) shrinks each movie's mean towards the catalogue's mean with the
 * encoder's default movie damping.
 *
 * <p>Popularity moves slowly and every unknown user gets the same list, so lists and the catalogue statistics are
 * kept for {@code popularity-ttl} and then fetched again on the next request; a failed fetch is not cached.
 */
@Singleton
public class PopularityRanking {

    private static final String CATALOGUE = "";
    /** Distinct filters whose lists are kept; past it the cache starts over (filters come from clients). */
    static final int MAX_CACHED_FILTERS = 256;

    private record Cached<T>(T value, long expiresAt) {
    }

    private final MovieStore movies;
    private final RecommendationConfiguration configuration;
    private final Map<MovieFilter, Cached<List<String>>> lists = new ConcurrentHashMap<>();
    private final Map<String, Cached<Catalogue>> catalogue = new ConcurrentHashMap<>();

    public PopularityRanking(MovieStore movies, RecommendationConfiguration configuration) {
        this.movies = movies;
        this.configuration = configuration;
    }

    /** Catalogue statistics (genres, global mean, largest count), cached. */
    public Catalogue catalogue() {
        return cached(catalogue, CATALOGUE, movies::catalogue);
    }

    /**
     * Up to {@code popularity-pool} movie ids the filter accepts, best first. Cached per filter without its excluded
     * ids, which are removed from the cached list, so a client's id lists do not grow the cache.
     */
    public List<String> top(MovieFilter filter) {
        MovieFilter key = filter.withoutExcludedIds();
        if (lists.size() >= MAX_CACHED_FILTERS && !lists.containsKey(key)) {
            lists.clear();
        }
        List<String> top = cached(lists, key, () -> rank(key));
        if (filter.excludedIds().isEmpty()) {
            return top;
        }
        return top.stream().filter(id -> !filter.excludedIds().contains(id)).toList();
    }

    private List<String> rank(MovieFilter filter) {
        Catalogue stats = catalogue();
        List<MovieDocument> pool = movies.mostRated(filter, configuration.popularityPool());
        List<Candidate> candidates = new ArrayList<>(pool.size());
        for (MovieDocument movie : pool) {
            MovieStatistics statistics = MovieStatistics.fromMean(movie.ratingCount(), movie.ratingMean(),
                    stats.globalMean(), EncoderParameters.DEFAULT_MOVIE_DAMPING);
            candidates.add(Candidate.of(movie.movieId(), Double.NaN, statistics, movie.genres()));
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        return new Ranker(RankingBlend.POPULARITY, stats.maxRatingCount()).top(candidates, Set.of(),
                candidates.size());
    }

    private <K, T> T cached(Map<K, Cached<T>> cache, K key, Supplier<T> load) {
        long now = System.nanoTime();
        Cached<T> entry = cache.get(key);
        if (entry != null && now - entry.expiresAt() < 0) {
            return entry.value();
        }
        T value = load.get();
        cache.put(key, new Cached<>(value, now + configuration.popularityTtl().toNanos()));
        return value;
    }
}
