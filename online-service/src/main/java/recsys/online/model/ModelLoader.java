package recsys.online.model;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import recsys.core.features.EncoderState;
import recsys.core.features.FeatureEncoder;
import recsys.core.features.MovieStatistics;
import recsys.core.model.LoadedVersion;
import recsys.core.model.ModelDescription;
import recsys.core.model.ModelStore;
import recsys.core.model.PublishedModels;
import recsys.core.model.TreeRatingModel;
import recsys.core.ranking.Ranker;
import recsys.core.similar.SimilarMovies;
import recsys.core.similar.SimilarityBlend;
import recsys.core.topn.TopNArtifacts;
import recsys.core.topn.TopNModel;
import recsys.online.config.ServiceConfiguration;

/**
 * Reads a published model version from the storage root into a {@link ServingModel}; no Spark involved. A version
 * that carries a top-N ranking ({@link TopNArtifacts#present}) gets it loaded and prepared (its catalogue indexed)
 * here, once, off the request path; older versions load as before, without one.
 */
@Singleton
public final class ModelLoader {

    private final Path storageRoot;

    @Inject
    ModelLoader(ServiceConfiguration configuration) {
        this.storageRoot = configuration.storageRoot();
    }

    public Path storageRoot() {
        return storageRoot;
    }

    /** The version id in {@code models/CURRENT}, or empty when nothing is published. */
    public Optional<String> currentVersion() throws IOException {
        return ModelStore.currentVersion(storageRoot);
    }

    /** Loads and verifies {@code version} (checksums, feature counts) and builds its ranker and top-N ranking. */
    public ServingModel load(String version) throws IOException {
        LoadedVersion loaded = ModelStore.load(storageRoot, version);
        EncoderState state = PublishedModels.encoderState(loaded);
        FeatureEncoder encoder = new FeatureEncoder(state);
        TreeRatingModel ratingModel = PublishedModels.ratingModel(loaded, encoder);
        long maxRatingCount = MovieStatistics.maxRatingCount(state);
        Ranker ranker = new Ranker(loaded.manifest().description().rankingBlend(), maxRatingCount);
        TopNModel.Prepared topN = TopNArtifacts.present(loaded)
                ? TopNArtifacts.load(loaded, state, ratingModel).prepared(encoder)
                : null;
        // built here, once per version: it re-indexes the item-item tables by catalogue position
        SimilarMovies similar = topN == null ? null : new SimilarMovies(topN);
        Map<String, String> parameters = loaded.manifest().description().parameters();
        String eventsUntil = parameters.get(ModelDescription.EVENTS_UNTIL);
        return new ServingModel(loaded.version(), Instant.now(), encoder, ratingModel, ranker, topN, similar,
                SimilarityBlend.fromParameters(parameters), loaded.manifest().createdAt(),
                eventsUntil == null ? null : Instant.ofEpochMilli(Long.parseLong(eventsUntil)));
    }
}
