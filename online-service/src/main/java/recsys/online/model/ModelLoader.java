package recsys.online.model;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import recsys.core.features.EncoderState;
import recsys.core.features.FeatureEncoder;
import recsys.core.features.MovieEntry;
import recsys.core.model.BiasBaseline;
import recsys.core.model.BiasBaselineFormat;
import recsys.core.model.HybridModel;
import recsys.core.model.LoadedVersion;
import recsys.core.model.ModelArtifact;
import recsys.core.model.ModelStore;
import recsys.core.model.TreeEnsemble;
import recsys.core.model.TreeRatingModel;
import recsys.core.ranking.Ranker;
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
        EncoderState state;
        try (InputStream in = Files.newInputStream(loaded.single(ModelArtifact.ROLE_ENCODER_STATE))) {
            state = EncoderState.read(in);
        }
        FeatureEncoder encoder = new FeatureEncoder(state);
        boolean sparse = ServingModel.isSparse(loaded.manifest().description().featureSchema());
        var expectedNames = sparse ? encoder.sparseFeatureNames() : encoder.embeddingFeatureNames();
        if (!expectedNames.equals(loaded.manifest().description().featureSchema().features())) {
            throw new IOException("model version " + version + " was trained on other features than this "
                    + "service's encoder builds (feature names differ): publish a model from this code version");
        }
        TreeEnsemble ensemble;
        try (InputStream in = Files.newInputStream(loaded.single(ModelArtifact.ROLE_SERVING_TREE_ENSEMBLE))) {
            ensemble = TreeEnsemble.read(in, expectedNames.size());
        }
        long maxRatingCount = state.movies().values().stream().mapToLong(MovieEntry::ratingCount).max().orElse(0);
        Ranker ranker = new Ranker(loaded.manifest().description().rankingBlend(), maxRatingCount);
        TreeRatingModel ratingModel;
        if (HybridModel.NAME.equals(loaded.manifest().description().servingModel())) {
            BiasBaseline biases;
            try (InputStream in = Files.newInputStream(loaded.single(ModelArtifact.ROLE_BIASES))) {
                biases = BiasBaselineFormat.read(in);
            }
            ratingModel = TreeRatingModel.hybrid(new HybridModel(biases, ensemble));
        } else {
            ratingModel = TreeRatingModel.forest(ensemble, sparse);
        }
        TopNModel.Prepared topN = TopNArtifacts.present(loaded)
                ? TopNArtifacts.load(loaded, state, ratingModel).prepared()
                : null;
        return new ServingModel(loaded.version(), Instant.now(), encoder, ratingModel, ranker, topN);
    }
}
