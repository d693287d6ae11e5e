package recsys.online.recommend;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import recsys.core.features.RatedMovie;
import recsys.online.config.RecommendationConfiguration;
import recsys.online.model.ServingModel;
import recsys.online.users.UserDocument;
import recsys.online.vectors.VectorStore;

/**
 * The ranking of a user with a few ratings (fewer than {@code model-min-ratings}) when the serving model version has
 * no top-N ranking, or of anyone when no model is serving: cosine similarity to the movies they rated. One kNN clause
 * per rated movie (the {@code model-min-ratings - 1} most recent ones, so a long history without a model costs the
 * same as a short one), each weighted by the rating given, in one search; Elasticsearch sums the weighted similarities
 * of a movie close to several rated ones. Movies the user rated are filtered out inside the search.
 *
 * <p>The rated movies' vectors come from the serving model's encoder state when it has them (no request), else
 * from the {@code movie_vectors} index (movies added after the model was trained, or no model).
 */
@Singleton
public class CosineRanking {

    private final VectorStore vectors;
    private final RecommendationConfiguration configuration;

    public CosineRanking(VectorStore vectors, RecommendationConfiguration configuration) {
        this.vectors = vectors;
        this.configuration = configuration;
    }

    public RankedList rank(UserDocument user, @Nullable ServingModel model, int size) {
        int probesWanted = Math.max(1, configuration.modelMinRatings() - 1);
        List<String> recent = user.historyMostRecentFirst();
        recent = recent.subList(0, Math.min(recent.size(), probesWanted));
        Map<String, Double> ratings = new HashMap<>();
        for (RatedMovie rated : user.ratedMovies()) {
            ratings.put(rated.movieId(), rated.rating());
        }
        Map<String, float[]> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String movieId : recent) {
            float[] vector = model == null ? null : model.vector(movieId);
            if (vector != null) {
                found.put(movieId, vector);
            } else {
                missing.add(movieId);
            }
        }
        found.putAll(vectors.vectors(missing));
        List<VectorStore.Probe> probes = new ArrayList<>();
        for (String movieId : recent) {
            float[] vector = found.get(movieId);
            if (vector != null) {
                probes.add(new VectorStore.Probe(vector, ratings.get(movieId).floatValue()));
            }
        }
        List<String> top = new ArrayList<>();
        vectors.nearest(probes, user.ratedIds(), configuration.neighboursPerRatedMovie(), size)
                .forEach(neighbour -> top.add(neighbour.movieId()));
        return new RankedList(top, RankingPath.COSINE, null);
    }
}
