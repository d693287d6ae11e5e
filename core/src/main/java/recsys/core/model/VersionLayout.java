package recsys.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every path and role inside a model version folder, {@code models/<version>/} (the folders around it are
 * {@link ModelVersions}'). The train job writes these slots, the {@link ModelStore} verifies them against the
 * manifest, and the evaluate job and the online service read them, all by the constants here:
 * <pre>
 *   manifest.json                   written last: a version folder with a manifest is complete
 *   serving/tree-ensemble.bin       the serving rating model's trees ({@link TreeEnsembleFormat})
 *   serving/biases.bin              the damped biases the hybrid's trees correct ({@link BiasBaselineFormat})
 *   encoder/state.bin               the feature encoder's state
 *   topn/item-item.bin              EASE's item-item table, the serving one
 *   topn/item-item-liked.bin        EASE on the liked ratings (versions before it have none)
 *   topn/item-knn.bin               the item-kNN baseline's table (evaluation only)
 *   topn/als-item-factors.bin       implicit ALS's item factors
 *   spark/&lt;name&gt;/                    a Spark-native model ({@link ModelKind#sparkArtifactName}), Spark's format
 * </pre>
 * These paths and roles are the published format: versions published before this class are laid out the same way
 * and stay readable; a change here is a format change.
 */
public final class VersionLayout {

    /** The manifest's file name; never an artifact. */
    public static final String MANIFEST = "manifest.json";

    /** The tree ensemble in core's {@link TreeEnsembleFormat}, which the online service scores with. */
    public static final String ROLE_SERVING_TREE_ENSEMBLE = "serving-tree-ensemble";
    /**
     * The damped user and movie biases fitted on train ({@link BiasBaselineFormat}); when the serving model is the
     * {@link HybridModel}, its trees predict the residual of these biases rather than the rating.
     */
    public static final String ROLE_BIASES = "biases";
    /** The feature encoder's state (normalisation statistics, vocabularies), which serving needs to build rows. */
    public static final String ROLE_ENCODER_STATE = "encoder-state";
    public static final String ROLE_ITEM_ITEM = "topn-item-item";
    public static final String ROLE_ITEM_ITEM_LIKED = "topn-item-item-liked";
    public static final String ROLE_ITEM_KNN = "topn-item-knn";
    public static final String ROLE_ALS_FACTORS = "topn-als-item-factors";
    /** A Spark ML model folder, for re-use by Spark jobs only; the online service never opens it. */
    public static final String ROLE_SPARK_NATIVE = "spark-native";

    public static final Slot TREE_ENSEMBLE = file("serving/tree-ensemble.bin", ROLE_SERVING_TREE_ENSEMBLE);
    public static final Slot BIASES = file("serving/biases.bin", ROLE_BIASES);
    public static final Slot ENCODER_STATE = file("encoder/state.bin", ROLE_ENCODER_STATE);
    /** The serving item-item table ({@link ModelKind#EASE}, truncated per row or column). */
    public static final Slot ITEM_ITEM = file("topn/item-item.bin", ROLE_ITEM_ITEM);
    /** The liked-only item-item table ({@link ModelKind#EASE_LIKED}); versions before it have none. */
    public static final Slot ITEM_ITEM_LIKED = file("topn/item-item-liked.bin", ROLE_ITEM_ITEM_LIKED);
    /** The {@link ModelKind#ITEM_KNN} baseline's table, for the evaluation only. */
    public static final Slot ITEM_KNN = file("topn/item-knn.bin", ROLE_ITEM_KNN);
    /** The {@link ModelKind#IMPLICIT_ALS} item factors. */
    public static final Slot ALS_FACTORS = file("topn/als-item-factors.bin", ROLE_ALS_FACTORS);

    private static final String SPARK_FOLDER = "spark/";

    /**
     * One artifact's place in a version: its path relative to the version folder, its role in the manifest, and
     * whether it is a file or a folder.
     */
    public record Slot(String path, String role, ModelArtifact.Kind kind) {

        public Slot {
            ModelArtifact.checkPath(path);
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(kind, "kind");
        }

        /** Whether {@code artifact}, as a manifest lists it, is the one in this slot. */
        public boolean holds(ModelArtifact artifact) {
            return path.equals(artifact.path()) && role.equals(artifact.role()) && kind == artifact.kind();
        }
    }

    private VersionLayout() {
    }

    /** The folder of {@code model}'s Spark-native model; fails for a model a version keeps none of. */
    public static Slot sparkModel(ModelKind model) {
        return new Slot(SPARK_FOLDER + model.sparkArtifactName(), ROLE_SPARK_NATIVE, ModelArtifact.Kind.DIRECTORY);
    }

    /** The single files of a version, in the order the train job writes them. */
    public static List<Slot> files() {
        return List.of(TREE_ENSEMBLE, BIASES, ENCODER_STATE, ITEM_ITEM, ITEM_KNN, ITEM_ITEM_LIKED, ALS_FACTORS);
    }

    /** Every slot: the files, then the Spark-native folder of every model that has one. */
    public static List<Slot> slots() {
        List<Slot> slots = new ArrayList<>(files());
        for (ModelKind model : ModelKind.values()) {
            if (model.hasSparkModel()) {
                slots.add(sparkModel(model));
            }
        }
        return List.copyOf(slots);
    }

    /** The slot at {@code path}, if the layout has one there. */
    public static Optional<Slot> at(String path) {
        return slots().stream().filter(slot -> slot.path().equals(path)).findFirst();
    }

    private static Slot file(String path, String role) {
        return new Slot(path, role, ModelArtifact.Kind.FILE);
    }
}
