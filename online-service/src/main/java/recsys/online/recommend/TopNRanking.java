package recsys.online.recommend;

import io.micronaut.core.propagation.PropagatedContext;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;
import recsys.core.features.RatedMovie;
import recsys.core.features.UserProfile;
import recsys.core.filter.MovieFilter;
import recsys.core.topn.RerankWeights;
import recsys.core.topn.TopNCatalogue;
import recsys.core.topn.TopNModel;
import recsys.online.config.RecommendationConfiguration;
import recsys.online.elasticsearch.ElasticsearchCalls;
import recsys.online.model.ServingModel;
import recsys.online.movies.MovieStore;
import recsys.online.users.UserDocument;
import recsys.online.vectors.VectorStore;

/**
 * The ranking of every user with at least one rating when the serving model version has a top-N ranking: core's
 * {@link TopNModel.Prepared} (item-item, implicit ALS folded in, content and popularity sources, re-ranked by the
 * version's {@link RerankWeights}) from the user's current ratings, the ones in their document, so a rating written a
 * moment ago already counts. The same core call ranks the offline job's stored lists, so for the same version and
 * ratings both give the same list.
 *
 * <p>Movies the version does not know (added through {@code POST /update_movie} after training) are not in its
 * catalogue; the {@code knn-candidates} movies nearest to the user's profile vector (the one the content source
 * scores with, {@link UserProfile#profileVector}) are asked of the vector index, which also sees this instance's
 * just-written movies, and those the catalogue lacks go to the model with their vectors: the re-ranker scores them
 * by their content feature alone, so a new movie is recommendable as soon as it is written. One kNN search per
 * ranking, plus one vector read when it found such movies; it runs on a side-search thread while the request's
 * thread scores the catalogue (the two took about the same time on ml-latest-small), and core takes its result last.
 */
@Singleton
public class TopNRanking {

    /**
     * The executor of the searches run beside a ranking ({@code micronaut.executors.side-searches}): not the blocking
     * executor the requests run on, since that one is bounded and requests waiting for searches queued behind other
     * requests on it could take all its threads and wait for ever.
     */
    public static final String SEARCH_EXECUTOR = "side-searches";

    private final VectorStore vectors;
    private final RecommendationConfiguration configuration;
    private final ExecutorService searches;
    private final UnknownMovies unknownMovies;
    private final MovieStore movies;
    private final RankingGate gate;

    public TopNRanking(VectorStore vectors, RecommendationConfiguration configuration,
                       @Named(SEARCH_EXECUTOR) ExecutorService searches, UnknownMovies unknownMovies,
                       MovieStore movies, RankingGate gate) {
        this.vectors = vectors;
        this.gate = gate;
        this.movies = movies;
        this.configuration = configuration;
        this.searches = searches;
        this.unknownMovies = unknownMovies;
    }

    /**
     * @param model a version with a top-N ranking ({@link ServingModel#hasTopN})
     * @param size  movies wanted; fewer when the catalogue and the new movies hold fewer unrated ones
     */
    public RankedList rank(UserDocument user, ServingModel model, int size) {
        return rank(user.ratedMovies(), model, size, MovieFilter.NONE);
    }

    /**
     * The ranking of any set of ratings (a stored user's, or an anonymous session's), with the filter pushed into
     * the catalogue's candidate pool. Movies the version does not know have their genres and year in Elasticsearch,
     * not in the model: when the filter constrains those, they are checked there, and a ranking that lost some is
     * computed again deeper, so the list is still {@code size} long when the movies allow it.
     */
    public RankedList rank(List<RatedMovie> ratings, ServingModel model, int size, MovieFilter filter) {
        int depth = size;
        while (true) {
            RankedList ranked = rankUnchecked(ratings, model, depth, filter);
            if (!filter.constrainsMetadata()) {
                return ranked;
            }
            List<String> kept = accepted(ranked.movieIds(), model, filter);
            if (kept.size() >= size || ranked.movieIds().size() < depth) {
                return new RankedList(kept.subList(0, Math.min(size, kept.size())), ranked.path(),
                        ranked.modelVersion());
            }
            depth *= 2;
        }
    }

    /**
     * The ids the filter accepts, in order: the version's catalogue movies decided in memory from the model's own
     * metadata, the others (added after training) in Elasticsearch, in one search.
     */
    public List<String> accepted(List<String> ids, ServingModel model, MovieFilter filter) {
        if (filter.acceptsAll()) {
            return ids;
        }
        TopNCatalogue catalogue = model.topN().catalogue();
        IntPredicate inCatalogue = model.topN().acceptedPositions(filter);
        List<String> unknown = ids.stream().filter(id -> catalogue.indexOf(id) < 0).toList();
        Set<String> acceptedUnknown = unknown.isEmpty() ? Set.of() : movies.matching(unknown, filter);
        return ids.stream().filter(id -> {
            int i = catalogue.indexOf(id);
            return i >= 0 ? inCatalogue.test(i) : acceptedUnknown.contains(id);
        }).toList();
    }

    private RankedList rankUnchecked(List<RatedMovie> ratings, ServingModel model, int size, MovieFilter filter) {
        TopNModel.Prepared topN = model.topN();
        if (topN == null) {
            throw new IllegalArgumentException("model version " + model.version() + " has no top-N ranking");
        }
        Optional<Map<String, float[]>> known = unknownMovies.forVersion(model);
        if (known.isPresent()) {
            // every movie the version lacks is in memory: core scores them all, no search needed
            List<String> top = gate.run(() -> topN.top(ratings, Set.of(), filter, known::get, size));
            return new RankedList(top, RankingPath.TOP_N, model.version());
        }
        VectorStore.Probe probe = VectorStore.Probe.along(UserProfile.of(topN.model().state(), ratings)
                .profileVector(), 1f);
        Set<String> rated = new HashSet<>();
        ratings.forEach(r -> rated.add(r.movieId()));
        // The search runs on another thread while this one scores the catalogue; core asks for its result only at
        // the end. A user whose profile is the zero vector gets no content score, new movies included.
        // The search takes the request's context along, and with it its Elasticsearch deadline.
        Callable<Map<String, float[]>> near = () -> newMoviesNear(topN, probe, rated);
        Future<Map<String, float[]>> search = probe == null ? CompletableFuture.completedFuture(Map.of())
                : searches.submit(PropagatedContext.wrapCurrent(near));
        List<String> top = gate.run(() -> topN.top(ratings, Set.of(), filter,
                () -> ElasticsearchCalls.await("find the new movies near the user", search), size));
        return new RankedList(top, RankingPath.TOP_N, model.version());
    }

    /** The vectors of the movies near the probe that the version's catalogue lacks, by id. */
    private Map<String, float[]> newMoviesNear(TopNModel.Prepared topN, VectorStore.Probe probe, Set<String> rated) {
        int k = configuration.knnCandidates();
        List<String> unknown = new ArrayList<>();
        for (VectorStore.Neighbour neighbour : vectors.nearest(List.of(probe), rated, k, k)) {
            if (topN.catalogue().indexOf(neighbour.movieId()) < 0) {
                unknown.add(neighbour.movieId());
            }
        }
        return unknown.isEmpty() ? Map.of() : vectors.vectors(unknown);
    }
}
