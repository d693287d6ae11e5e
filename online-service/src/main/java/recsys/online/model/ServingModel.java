package recsys.online.model;

import java.time.Instant;
import java.util.Objects;
import recsys.core.features.FeatureEncoder;
import recsys.core.features.MovieEntry;
import recsys.core.features.SparseFeatures;
import recsys.core.features.UserProfile;
import recsys.core.model.FeatureSchema;
import recsys.core.model.TreeEnsemble;
import recsys.core.ranking.Ranker;

/**
 * One published model version, loaded and checked: the feature encoder (with every catalogue movie's statistics and
 * vector), the tree ensemble, and the ranker with the blend the evaluation chose. Immutable and thread-safe; a new
 * version replaces the whole object ({@link ServingModels}).
 *
 * @param version  the model version id (its folder under {@code models/})
 * @param loadedAt when this service loaded it
 * @param encoder  builds the model's input rows
 * @param ensemble the serving model
 * @param sparse   whether the model reads the sparse representation (else the dense embedding one)
 * @param ranker   the manifest's ranking blend over the catalogue's largest training rating count
 */
public record ServingModel(String version, Instant loadedAt, FeatureEncoder encoder, TreeEnsemble ensemble,
                           boolean sparse, Ranker ranker) {

    public ServingModel {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(ensemble, "ensemble");
        Objects.requireNonNull(ranker, "ranker");
        int expected = sparse ? encoder.sparseFeatureNames().size() : encoder.embeddingFeatureNames().size();
        if (ensemble.numFeatures() != expected) {
            throw new IllegalArgumentException("model " + version + " takes " + ensemble.numFeatures()
                    + " features, the encoder builds " + expected);
        }
    }

    /** Whether the schema in a manifest is the sparse representation. */
    static boolean isSparse(FeatureSchema schema) {
        if (FeatureSchema.SPARSE.equals(schema.representation())) {
            return true;
        }
        if (FeatureSchema.DENSE.equals(schema.representation())) {
            return false;
        }
        throw new IllegalArgumentException("unknown feature representation " + schema.representation());
    }

    /** The model's predicted rating of {@code movieId} for the user, in stars (unclamped). */
    public double predict(UserProfile user, String movieId) {
        if (sparse) {
            SparseFeatures row = encoder.sparseFeatures(user, movieId);
            return ensemble.predict(row.indices(), row.values(), row.size());
        }
        return ensemble.predict(encoder.embeddingFeatures(user, movieId));
    }

    /** The movie's damped mean training rating, as the encoder computes it (the global mean for an unknown movie). */
    public double dampedMean(String movieId) {
        MovieEntry movie = encoder.state().movie(movieId);
        var parameters = encoder.state().parameters();
        long count = movie == null ? 0 : movie.ratingCount();
        double sum = movie == null ? 0 : movie.ratingSum();
        return (sum + parameters.movieDamping() * parameters.globalMean()) / (count + parameters.movieDamping());
    }

    /** Number of training ratings of the movie; 0 for a movie the model has not seen. */
    public long ratingCount(String movieId) {
        MovieEntry movie = encoder.state().movie(movieId);
        return movie == null ? 0 : movie.ratingCount();
    }

    /** The movie's vector as the model knows it, or {@code null}. */
    public float[] vector(String movieId) {
        MovieEntry movie = encoder.state().movie(movieId);
        return movie == null ? null : movie.vector();
    }
}
