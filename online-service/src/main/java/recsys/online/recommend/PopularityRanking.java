package recsys.online.recommend;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import recsys.core.features.EncoderParameters;
import recsys.core.ranking.Candidate;
import recsys.core.ranking.Ranker;
import recsys.core.ranking.RankingBlend;
import recsys.online.config.RecommendationConfiguration;
import recsys.online.movies.Catalogue;
import recsys.online.movies.MovieDocument;
import recsys.online.movies.MovieStore;

/**
 * The ranking of a user with no history, per genre: the {@code popularity-pool} most-rated movies re-ranked by
 * {@link RankingBlend#POPULARITY} (damped mean and log count, equally weighted) through the core {@link Ranker}.
 * The damped mean shrinks each movie's mean towards the catalogue's mean with the encoder's default movie damping.
 *
 * <p>Popularity moves slowly and every unknown user gets the same list, so lists and the catalogue statistics are
 * kept for {@code popularity-ttl} and then fetched again on the next request; a failed fetch is not cached.
 */
@Singleton
public class PopularityRanking {

    private static final String ALL_GENRES = "";

    private record Cached<T>(T value, long expiresAt) {
    }

    private final MovieStore movies;
    private final RecommendationConfiguration configuration;
    private final Map<String, Cached<List<String>>> lists = new ConcurrentHashMap<>();
    private final Map<String, Cached<Catalogue>> catalogue = new ConcurrentHashMap<>();

    public PopularityRanking(MovieStore movies, RecommendationConfiguration configuration) {
        this.movies = movies;
        this.configuration = configuration;
    }

    /** Catalogue statistics (genres, global mean, largest count), cached. */
    public Catalogue catalogue() {
        return cached(catalogue, ALL_GENRES, movies::catalogue);
    }

    /** Up to {@code popularity-pool} movie ids of {@code genre} (all genres when null), best first, cached. */
    public List<String> top(@Nullable String genre) {
        return cached(lists, genre == null ? ALL_GENRES : genre, () -> rank(genre));
    }

    private List<String> rank(@Nullable String genre) {
        Catalogue stats = catalogue();
        List<MovieDocument> pool = movies.mostRated(genre, configuration.popularityPool());
        List<Candidate> candidates = new ArrayList<>(pool.size());
        double damping = EncoderParameters.DEFAULT_MOVIE_DAMPING;
        for (MovieDocument movie : pool) {
            double dampedMean = (movie.ratingMean() * movie.ratingCount() + damping * stats.globalMean())
                    / (movie.ratingCount() + damping);
            candidates.add(new Candidate(movie.movieId(), Double.NaN, movie.ratingCount(), dampedMean,
                    movie.genres()));
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        return new Ranker(RankingBlend.POPULARITY, stats.maxRatingCount()).top(candidates, Set.of(),
                candidates.size());
    }

    private <T> T cached(Map<String, Cached<T>> cache, String key, Supplier<T> load) {
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
