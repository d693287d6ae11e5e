package recsys.online.similar;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import recsys.core.filter.MovieFilter;
import recsys.core.similar.SimilarMovie;
import recsys.core.similar.SimilarMovies;
import recsys.core.similar.SimilaritySource;
import recsys.online.error.ApiException;
import recsys.online.model.ServingModel;
import recsys.online.model.ServingModels;
import recsys.online.movies.MovieStore;
import recsys.online.recommend.GenreNames;
import recsys.online.recommend.ListAssembler;
import recsys.online.recommend.ListQuery;
import recsys.online.recommend.RecommendationsResponse;
import recsys.online.recommend.UnknownMovies;
import recsys.online.vectors.VectorStore;

/**
 * Movies similar to one movie:
 * <ul>
 *   <li>a movie of the serving version's catalogue: core's {@link SimilarMovies} over the catalogue, by the asked
 *       source (the blend by default, with the weight the train job chose on validation), the filter applied to the
 *       catalogue before the cut;</li>
 *   <li>a movie added after training (not in the catalogue): its content neighbours at once, from its embedding
 *       (kept in memory by {@link UnknownMovies}, or read from the vector index); it has no collaborative signal
 *       yet, so every source answers by content;</li>
 *   <li>no version with a top-N ranking: content neighbours by a kNN search of the vector index.</li>
 * </ul>
 * {@link ListAssembler} cuts the page and tops a short list up from the filter's popularity ranking (a movie with
 * few collaborative neighbours still gets a full page), so every listing endpoint pages and fills alike.
 */
@Singleton
public class SimilarMoviesService {

    /** What answered: the source used, and the version (null for the vector-index path). */
    public record Answer(List<RecommendationsResponse.Item> items, SimilaritySource source, String modelVersion) {
    }

    /** Neighbours kept per movie and source. */
    static final int CACHED = 200;
    /**
     * Entries kept before the cache starts over (9.7k movies × 3 sources on ml-latest-small, plus the genre and year
     * constraints asked).
     */
    static final int MAX_CACHED_MOVIES = 30_000;

    /** {@code metadata}: the request's genre and year constraints ({@link MovieFilter#NONE} for the plain list). */
    private record NeighbourKey(String version, String movieId, SimilaritySource source, MovieFilter metadata) {
    }

    private final Map<NeighbourKey, List<String>> neighbours = new ConcurrentHashMap<>();
    private final ServingModels models;
    private final MovieStore movies;
    private final VectorStore vectors;
    private final UnknownMovies unknownMovies;
    private final GenreNames genres;
    private final ListAssembler assembler;

    public SimilarMoviesService(ServingModels models, MovieStore movies, VectorStore vectors,
                                UnknownMovies unknownMovies, GenreNames genres, ListAssembler assembler) {
        this.models = models;
        this.movies = movies;
        this.vectors = vectors;
        this.unknownMovies = unknownMovies;
        this.genres = genres;
        this.assembler = assembler;
    }

    /** @throws ApiException 404 naming {@code movie_id} when no such movie exists */
    public Answer similar(String movieId, SimilaritySource source, ListQuery list) {
        MovieFilter filter = genres.resolve(list.filter());
        Optional<ServingModel> model = models.current().filter(m -> m.similar() != null);
        Set<String> self = Set.of(movieId);
        if (model.isPresent() && model.get().similar().catalogue().indexOf(movieId) >= 0) {
            List<String> ranked = catalogueNeighbours(model.get(), movieId, source, filter, list.window());
            return new Answer(page(ranked, id -> true, self, filter, list), source, model.get().version());
        }
        float[] vector = vectorOf(movieId, model);
        if (model.isPresent() && vector != null && vector.length == model.get().similar().catalogue().dimension()) {
            SimilarMovies similar = model.get().similar();
            List<String> ranked = ids(similar.top(similar.contentScores(vector), 0, list.window(),
                    model.get().topN().acceptedPositions(filter)));
            return new Answer(page(ranked, id -> true, self, filter, list), SimilaritySource.CONTENT,
                    model.get().version());
        }
        if (vector == null) {
            requireExists(movieId);
            // a movie without an embedding has no neighbours to rank: its page is the popularity fill
            return new Answer(page(List.of(), id -> true, self, filter, list), SimilaritySource.CONTENT, null);
        }
        // no model: a kNN search, deeper than the page so the filter (checked in Elasticsearch) leaves enough
        int depth = Math.min(10_000, Math.max(list.window() * 4, list.window() + 50));
        List<String> ranked = new ArrayList<>();
        vectors.nearest(List.of(new VectorStore.Probe(vector, 1f)), self, depth, depth)
                .forEach(n -> ranked.add(n.movieId()));
        return new Answer(page(ranked, id -> false, self, filter, list), SimilaritySource.CONTENT, null);
    }

    /**
     * The best {@code window} catalogue neighbours the filter accepts. A movie's best {@value #CACHED} are computed
     * once per model version and kept, unfiltered and per genre and year constraint asked: they depend on nothing but
     * the version (one pass over the catalogue's embeddings each, a few milliseconds, which under load would cap the
     * endpoint's throughput). A page is cut from the kept list while it holds enough movies the request's filter
     * accepts, and scored afresh only when it does not (a window deeper than {@value #CACHED}).
     */
    private List<String> catalogueNeighbours(ServingModel model, String movieId, SimilaritySource source,
                                             MovieFilter filter, int window) {
        IntPredicate accepted = model.topN().acceptedPositions(filter);
        Scores scores = new Scores(model, movieId, source);
        List<String> kept = accepted(model, kept(model, movieId, source, MovieFilter.NONE, scores), accepted, window);
        if (kept != null) {
            return kept;
        }
        MovieFilter metadata = filter.withoutExcludedIds();
        if (metadata.constrainsMetadata()) {
            kept = accepted(model, kept(model, movieId, source, metadata, scores), accepted, window);
            if (kept != null) {
                return kept;
            }
        }
        return ids(model.similar().top(scores.get(), 0, window, accepted));
    }

    /** The kept best {@value #CACHED} neighbours under one metadata constraint, computed on first use. */
    private List<String> kept(ServingModel model, String movieId, SimilaritySource source, MovieFilter metadata,
                              Scores scores) {
        NeighbourKey key = new NeighbourKey(model.version(), movieId, source, metadata);
        List<String> best = neighbours.get(key);
        if (best == null) {
            if (neighbours.size() >= MAX_CACHED_MOVIES) {
                neighbours.clear();
            }
            best = ids(model.similar().top(scores.get(), 0, CACHED, model.topN().acceptedPositions(metadata)));
            neighbours.put(key, best);
        }
        return best;
    }

    /**
     * The first {@code window} accepted movies of a kept list; null when the list cannot tell (it is full, so
     * movies past its end might be accepted too). A list shorter than {@value #CACHED} already holds every neighbour
     * with evidence.
     */
    private static List<String> accepted(ServingModel model, List<String> best, IntPredicate accepted, int window) {
        List<String> kept = new ArrayList<>(Math.min(window, best.size()));
        for (String id : best) {
            if (kept.size() == window) {
                break;
            }
            if (accepted.test(model.similar().catalogue().indexOf(id))) {
                kept.add(id);
            }
        }
        return kept.size() == window || best.size() < CACHED ? kept : null;
    }

    /** One movie's similarity scores over the catalogue, computed on first use and at most once per request. */
    private static final class Scores {
        private final ServingModel model;
        private final String movieId;
        private final SimilaritySource source;
        private double[] scores;

        Scores(ServingModel model, String movieId, SimilaritySource source) {
            this.model = model;
            this.movieId = movieId;
            this.source = source;
        }

        double[] get() {
            if (scores == null) {
                scores = model.similar().scores(movieId, source, model.similarBlend());
            }
            return scores;
        }
    }

    private List<RecommendationsResponse.Item> page(List<String> ranked, Predicate<String> filtered,
                                                    Set<String> self, MovieFilter filter, ListQuery list) {
        return assembler.page(ranked, filtered, self, filter, list, ids -> Map.of());
    }

    /** The embedding of a movie outside the catalogue; null when it has none (or does not exist). */
    private float[] vectorOf(String movieId, Optional<ServingModel> model) {
        if (model.isPresent()) {
            Optional<Map<String, float[]>> unknown = unknownMovies.forVersion(model.get());
            if (unknown.isPresent() && unknown.get().containsKey(movieId)) {
                return unknown.get().get(movieId);
            }
        }
        return vectors.vectors(List.of(movieId)).get(movieId);
    }

    private void requireExists(String movieId) {
        if (movies.find(movieId).isEmpty()) {
            throw ApiException.notFound(SimilarController.MOVIE_ID, "no movie with id " + movieId);
        }
    }

    private static List<String> ids(List<SimilarMovie> similar) {
        return similar.stream().map(SimilarMovie::movieId).toList();
    }
}
