package recsys.online.model;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import recsys.core.features.FeatureEncoder;
import recsys.core.features.MovieEntry;
import recsys.core.features.MovieStatistics;
import recsys.core.features.RatedMovie;
import recsys.core.features.UserProfile;
import recsys.core.model.TreeRatingModel;
import recsys.core.ranking.Ranker;
import recsys.core.similar.SimilarMovies;
import recsys.core.similar.SimilarityBlend;
import recsys.core.topn.TopNModel;

/**
 * One published model version, loaded and checked: the feature encoder (with every catalogue movie's statistics and
 * vector), the tree model (a forest predicting the rating, or the hybrid whose trees predict the residual of its
 * biases), the ranker with the blend the evaluation chose and, for a version that publishes one, its top-N ranking
 * ready to rank users. Immutable and thread-safe; a new version replaces the whole object ({@link ServingModels}).
 *
 * @param version  the model version id (its folder under {@code models/})
 * @param loadedAt when this service loaded it
 * @param encoder  builds the model's input rows
 * @param model    the serving model: its trees, their representation and, for the hybrid, its biases
 * @param ranker   the manifest's ranking blend over the catalogue's largest training rating count
 * @param topN     the version's top-N ranking ({@code recsys.core.topn.TopNArtifacts}), or {@code null} for a version
 *                 published without one (those rank with {@link #ranker} as before)
 * @param similar  similar movies from the top-N ranking's tables and embeddings, or {@code null} without one
 * @param similarBlend the collaborative weight of the similar-movies blend the train job chose on validation
 *                 ({@link SimilarityBlend#DEFAULT} for versions trained before it)
 * @param trainedAt when the version was published
 * @param eventsUntil the newest online event its data covers, or null for data from files only
 */
public record ServingModel(String version, Instant loadedAt, FeatureEncoder encoder, TreeRatingModel model,
                           Ranker ranker, @Nullable TopNModel.Prepared topN, @Nullable SimilarMovies similar,
                           SimilarityBlend similarBlend, Instant trainedAt, @Nullable Instant eventsUntil) {

    public ServingModel {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(ranker, "ranker");
        Objects.requireNonNull(similarBlend, "similarBlend");
        int expected = model.sparse() ? encoder.sparseFeatureNames().size() : encoder.embeddingFeatureNames().size();
        if (model.trees().numFeatures() != expected) {
            throw new IllegalArgumentException("model " + version + " takes " + model.trees().numFeatures()
                    + " features, the encoder builds " + expected);
        }
        if (topN != null && topN.model().state() != encoder.state()) {
            throw new IllegalArgumentException("the top-N ranking of model " + version
                    + " was built on another encoder state than the serving model's");
        }
    }

    /** Whether this version ranks users with its top-N model. */
    public boolean hasTopN() {
        return topN != null;
    }


    /**
     * The model as it scores one user with these (current) ratings: their encoder profile and, for the hybrid,
     * their bias recomputed from the ratings ({@code BiasBaseline.userBiasOf}; ratings written after training count).
     */
    public UserScorer forUser(Collection<RatedMovie> ratings) {
        return new UserScorer(encoder.profile(ratings), model.userBias(ratings));
    }

    /** One user's predictions: build once per request, ask per candidate. */
    public final class UserScorer {
        private final UserProfile profile;
        private final double userBias;

        private UserScorer(UserProfile profile, double userBias) {
            this.profile = profile;
            this.userBias = userBias;
        }

        public UserProfile profile() {
            return profile;
        }

        /** The model's predicted rating of {@code movieId} for the user, in stars (a forest's is unclamped). */
        public double predict(String movieId) {
            return model.predict(encoder, profile, userBias, movieId);
        }
    }

    /**
     * The movie's training statistics as the ranker reads them (core's {@link MovieStatistics}: no ratings and the
     * global mean for a movie the model has not seen).
     */
    public MovieStatistics statistics(String movieId) {
        return MovieStatistics.of(encoder.state(), movieId);
    }

    /** The movie's damped mean training rating, as the encoder computes it (the global mean for an unknown movie). */
    public double dampedMean(String movieId) {
        return statistics(movieId).dampedMean();
    }

    /** Number of training ratings of the movie; 0 for a movie the model has not seen. */
    public long ratingCount(String movieId) {
        return statistics(movieId).ratingCount();
    }

    /** The movie's vector as the model knows it, or {@code null}. */
    public float[] vector(String movieId) {
        MovieEntry movie = encoder.state().movie(movieId);
        return movie == null ? null : movie.vector();
    }
}
