package recsys.online.recommend;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import recsys.online.model.ServingModel;
import recsys.online.model.ServingModels;
import recsys.online.movieupdate.RecentMovies;
import recsys.online.vectors.VectorStore;

/**
 * The movies the serving top-N version does not know (added through {@code POST /update_movie} after it was
 * trained), with their vectors, kept in memory: read from the {@code movie_vectors} index at every model poll, plus
 * the movies this instance has just written ({@link RecentMovies}), which the index's searches may not see yet. The
 * online ranking scores them all by content, exactly, so it needs no kNN search per request; such movies are few
 * (the next training takes them into the catalogue).
 *
 * <p>Until the first read for the serving version succeeds, or when there are more than {@value #MAX_MOVIES} of
 * them, {@link #forVersion} is empty and the ranking falls back to a kNN search for the movies near the user.
 * Another instance's writes reach this one at the next poll (10 s by default).
 */
@Singleton
public class UnknownMovies {

    private static final Logger LOG = LoggerFactory.getLogger(UnknownMovies.class);
    static final int MAX_MOVIES = 5_000;

    private record Snapshot(String version, Map<String, float[]> vectors) {
    }

    private final VectorStore vectors;
    private final ServingModels models;
    private final RecentMovies recent;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();

    public UnknownMovies(VectorStore vectors, ServingModels models, RecentMovies recent) {
        this.vectors = vectors;
        this.models = models;
        this.recent = recent;
    }

    /**
     * The movies {@code model} lacks, by id, or empty when they are not known for this version yet (or too many):
     * then the caller searches for them.
     */
    public Optional<Map<String, float[]>> forVersion(ServingModel model) {
        Snapshot known = snapshot.get();
        if (known == null || !known.version().equals(model.version())) {
            return Optional.empty();
        }
        // read after the snapshot: a movie written since is in one or the other
        Map<String, RecentMovies.Entry> written = recent.movies();
        if (written.isEmpty()) {
            return Optional.of(known.vectors());
        }
        Map<String, float[]> all = new HashMap<>(known.vectors());
        written.values().forEach(entry -> {
            if (model.topN().catalogue().indexOf(entry.movieId()) < 0) {
                all.put(entry.movieId(), entry.vector());
            }
        });
        return Optional.of(all);
    }

    /** Reads the movies the serving version lacks; at every model poll (and a model change is seen at one). */
    @Scheduled(fixedDelay = "${recsys.model-poll-interval:10s}", initialDelay = "1s")
    public void refresh() {
        Optional<ServingModel> model = models.current().filter(ServingModel::hasTopN);
        if (model.isEmpty()) {
            snapshot.set(null);
            return;
        }
        try {
            Optional<Map<String, float[]>> found = vectors.allExcept(model.get().topN().catalogue().ids(),
                    MAX_MOVIES);
            snapshot.set(found.map(movies -> new Snapshot(model.get().version(), Map.copyOf(movies))).orElse(null));
            if (found.isEmpty()) {
                LOG.warn("more than {} movies are not in model version {}: new movies are found by a kNN search per"
                        + " request until the next training", MAX_MOVIES, model.get().version());
            }
        } catch (RuntimeException e) {
            // Elasticsearch unavailable: keep the last snapshot (health reports the outage); a stale one only
            // misses another instance's newest movies
            LOG.debug("could not read the movies model version {} lacks: {}", model.get().version(), e.getMessage());
        }
    }
}
