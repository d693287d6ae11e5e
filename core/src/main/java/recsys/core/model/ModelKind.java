package recsys.core.model;

import java.util.Arrays;
import java.util.List;
import recsys.core.features.FeatureEncoder;

/**
 * Every model the system trains, evaluates or serves, with the facts the train job, the evaluate job, the
 * report and the online service share about it: its name in manifests and reports, what it is, the feature rows it
 * reads, and the name of the Spark-native model a version keeps of it ({@link VersionLayout#sparkModel}).
 *
 * <p>The names are the published format: manifests key their metrics and parameters by them
 * ({@code biases.user_damping}), reports their figures, and {@code spark/<name>} is where a version keeps a Spark
 * model. Renaming one makes older versions and reports unreadable, so a name never changes.
 */
public enum ModelKind {

    /** The training mean, the floor every model must beat. */
    GLOBAL_MEAN("global_mean", Family.RATING, Representation.NONE, null),
    /** Damped user and movie biases ({@link BiasBaseline}). */
    BIASES("biases", Family.RATING, Representation.NONE, null),
    /** Spark's explicit-feedback ALS; rows it cannot score fall back to the biases. */
    ALS("als", Family.RATING, Representation.NONE, "als"),
    /** A random forest over the encoder's dense (embedding) features. */
    FOREST_EMBEDDING("forest_embedding", Family.RATING, Representation.DENSE, "forest_embedding"),
    /** A random forest over the encoder's sparse features. */
    FOREST_SPARSE("forest_sparse", Family.RATING, Representation.SPARSE, "forest_sparse"),
    /** The biases plus gradient-boosted trees on their residual ({@link HybridModel}). */
    HYBRID("hybrid_gbt", Family.RATING, Representation.DENSE, "hybrid_gbt"),

    /** EASE on the binary user × movie matrix: the serving item-item table. */
    EASE("ease", Family.TOP_N, Representation.NONE, null),
    /** EASE on the liked ratings only (4 stars or more). */
    EASE_LIKED("ease_liked", Family.TOP_N, Representation.NONE, null),
    /** Implicit-feedback ALS; a version keeps its item factors only. */
    IMPLICIT_ALS("implicit_als", Family.TOP_N, Representation.NONE, null),
    /** Embedding cosine to the user's profile vector. */
    CONTENT("content", Family.TOP_N, Representation.NONE, null),
    /** Item-kNN (cosine on the binary matrix), the top-N baseline. */
    ITEM_KNN("item_knn", Family.TOP_N, Representation.NONE, null),
    /** The served ranking: the re-ranker over the candidates of every top-N source. */
    TOP_N_SERVING("topn_serving", Family.TOP_N, Representation.NONE, null),

    /** Most training ratings first, the popularity baseline the blend is measured against. */
    POPULARITY_BY_COUNT("popularity_by_count", Family.POPULARITY, Representation.NONE, null),
    /** Log rating count and damped mean, equal weights: what an unknown user is served. */
    POPULARITY("popularity", Family.POPULARITY, Representation.NONE, null);

    /** What a model ranks or predicts with. */
    public enum Family {
        /** Predicts a rating; ranked by core's {@code Ranker} under a blend. */
        RATING,
        /** Ranks movies from the implicit signal; built by core's {@code TopNModel}. */
        TOP_N,
        /** Ranks without a model, from the catalogue's statistics. */
        POPULARITY
    }

    private final String reportName;
    private final Family family;
    private final Representation representation;
    private final String sparkArtifactName;

    ModelKind(String reportName, Family family, Representation representation, String sparkArtifactName) {
        this.reportName = reportName;
        this.family = family;
        this.representation = representation;
        this.sparkArtifactName = sparkArtifactName;
    }

    /** The name in manifests (metrics, parameters, {@code servingModel}) and reports. */
    public String reportName() {
        return reportName;
    }

    public Family family() {
        return family;
    }

    /** The feature rows the model reads; {@link Representation#NONE} for a model that reads none. */
    public Representation representation() {
        return representation;
    }

    /** The schema of the rows {@code encoder} builds for this model; fails for a model without feature rows. */
    public FeatureSchema featureSchema(FeatureEncoder encoder) {
        return representation.schema(encoder);
    }

    /** Whether a version keeps this model as a Spark-native folder. */
    public boolean hasSparkModel() {
        return sparkArtifactName != null;
    }

    /** The folder name of its Spark-native model under {@code spark/}; fails if a version keeps none. */
    public String sparkArtifactName() {
        if (sparkArtifactName == null) {
            throw new IllegalStateException(reportName + " has no Spark-native model in a version");
        }
        return sparkArtifactName;
    }

    /** The manifest's parameter key of this model's {@code name}, e.g. {@code biases.user_damping}. */
    public String parameter(String name) {
        return reportName + "." + name;
    }

    /** Whether {@code name} is this model's report name. */
    public boolean is(String name) {
        return reportName.equals(name);
    }

    /** The models of {@code family}, in declaration order. */
    public static List<ModelKind> of(Family family) {
        return Arrays.stream(values()).filter(kind -> kind.family == family).toList();
    }

    /**
     * The models the online service can score with (a core tree ensemble over the encoder's features), in the order
     * the train job prefers them on a tie.
     */
    public static List<ModelKind> servable() {
        return List.of(FOREST_EMBEDDING, FOREST_SPARSE, HYBRID);
    }

    /** The model whose report name is {@code name}; fails naming it otherwise. */
    public static ModelKind fromReportName(String name) {
        return Arrays.stream(values()).filter(kind -> kind.is(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown model \"" + name + "\"; the known models are "
                        + Arrays.stream(values()).map(ModelKind::reportName).toList()));
    }
}
