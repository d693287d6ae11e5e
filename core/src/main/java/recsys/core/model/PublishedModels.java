package recsys.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import recsys.core.features.EncoderState;
import recsys.core.features.FeatureEncoder;

/**
 * Reads the serving parts of a verified model version: its encoder state and its serving rating model (a forest, or
 * the hybrid with its biases). The one reading of these artifacts for the online service and the evaluation job, so
 * both score with the same objects.
 */
public final class PublishedModels {

    private PublishedModels() {
    }

    public static EncoderState encoderState(LoadedVersion loaded) throws IOException {
        try (InputStream in = Files.newInputStream(loaded.path(VersionLayout.ENCODER_STATE))) {
            return EncoderState.read(in);
        }
    }

    /**
     * The serving rating model, checked against the features {@code state}'s encoder builds.
     *
     * @throws ModelVersionException if the version was trained on other features than this code builds
     */
    public static TreeRatingModel ratingModel(LoadedVersion loaded, EncoderState state) throws IOException {
        return ratingModel(loaded, new FeatureEncoder(state));
    }

    /**
     * {@link #ratingModel(LoadedVersion, EncoderState)} checked against an encoder the caller has built already (of
     * the version's state): building one computes every movie's constants, seconds at the ml-25m shape.
     */
    public static TreeRatingModel ratingModel(LoadedVersion loaded, FeatureEncoder encoder) throws IOException {
        ModelDescription description = loaded.manifest().description();
        Representation representation = Representation.of(description.featureSchema());
        List<String> expectedNames = representation.featureNames(encoder);
        if (!expectedNames.equals(description.featureSchema().features())) {
            throw new ModelVersionException("model version " + loaded.version() + " was trained on other features "
                    + "than this code's encoder builds (feature names differ): publish a model from this code version");
        }
        TreeEnsemble ensemble;
        try (InputStream in = Files.newInputStream(loaded.path(VersionLayout.TREE_ENSEMBLE))) {
            ensemble = TreeEnsemble.read(in, expectedNames.size());
        }
        if (!ModelKind.HYBRID.is(description.servingModel())) {
            return TreeRatingModel.forest(ensemble, representation == Representation.SPARSE);
        }
        BiasBaseline biases;
        try (InputStream in = Files.newInputStream(loaded.path(VersionLayout.BIASES))) {
            biases = BiasBaselineFormat.read(in);
        }
        return TreeRatingModel.hybrid(new HybridModel(biases, ensemble));
    }
}
