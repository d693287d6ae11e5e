package recsys.core.topn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Map;
import recsys.core.features.EncoderState;
import recsys.core.model.LoadedVersion;
import recsys.core.model.ModelVersionException;
import recsys.core.model.TreeRatingModel;

/**
 * Where a model version keeps its top-N ranking and how it is read back: the one description of these files for
 * the train job that writes them, the evaluate job and the online service that read them. Both readers go through
 * {@link recsys.core.model.ModelStore}'s verified {@link LoadedVersion}, so what is evaluated is byte for byte what
 * is served.
 */
public final class TopNArtifacts {

    /** The serving item-item table (EASE, truncated per row). */
    public static final String ITEM_ITEM_PATH = "topn/item-item.bin";
    public static final String ROLE_ITEM_ITEM = "topn-item-item";
    /** The liked-only item-item table (EASE on the ratings of 4 stars or more); versions before it have none. */
    public static final String LIKED_PATH = "topn/item-item-liked.bin";
    public static final String ROLE_LIKED = "topn-item-item-liked";
    /** The item-kNN baseline's table, for the evaluation only. */
    public static final String ITEM_KNN_PATH = "topn/item-knn.bin";
    public static final String ROLE_ITEM_KNN = "topn-item-knn";
    /** The implicit ALS item factors. */
    public static final String ALS_FACTORS_PATH = "topn/als-item-factors.bin";
    public static final String ROLE_ALS_FACTORS = "topn-als-item-factors";

    /** Manifest parameter prefix of the re-ranker's weights ({@link RerankWeights#toParameters}). */
    public static final String WEIGHTS_PREFIX = "topn.weights";
    /** Manifest parameter: candidates per source. */
    public static final String POOL_PER_SOURCE = "topn.pool_per_source";

    private TopNArtifacts() {
    }

    /** Whether the version carries a top-N ranking (versions published before it do not). */
    public static boolean present(LoadedVersion version) {
        return !version.manifest().artifactsWithRole(ROLE_ITEM_ITEM).isEmpty()
                && version.manifest().description().parameters().containsKey(POOL_PER_SOURCE);
    }

    /**
     * The version's serving top-N model.
     *
     * @param state       its encoder state, already read
     * @param ratingModel its serving rating model, already read (the re-ranker's rating feature)
     */
    public static TopNModel load(LoadedVersion version, EncoderState state, TreeRatingModel ratingModel)
            throws IOException {
        ItemNeighbours itemItem;
        try (InputStream in = Files.newInputStream(version.single(ROLE_ITEM_ITEM))) {
            itemItem = ItemNeighbours.read(in);
        }
        ItemFactors als;
        try (InputStream in = Files.newInputStream(version.single(ROLE_ALS_FACTORS))) {
            als = ItemFactors.read(in);
        }
        ItemNeighbours liked = null;
        if (!version.manifest().artifactsWithRole(ROLE_LIKED).isEmpty()) {
            try (InputStream in = Files.newInputStream(version.single(ROLE_LIKED))) {
                liked = ItemNeighbours.read(in);
            }
        }
        Map<String, String> parameters = version.manifest().description().parameters();
        try {
            return new TopNModel(state, itemItem, als, ratingModel,
                    RerankWeights.fromParameters(parameters, WEIGHTS_PREFIX),
                    Integer.parseInt(parameters.getOrDefault(POOL_PER_SOURCE, "")), liked);
        } catch (IllegalArgumentException e) {
            throw new ModelVersionException("model version " + version.version() + " has no valid top-N parameters: "
                    + e.getMessage());
        }
    }

    /** The version's item-kNN baseline table. */
    public static ItemNeighbours itemKnn(LoadedVersion version) throws IOException {
        try (InputStream in = Files.newInputStream(version.single(ROLE_ITEM_KNN))) {
            return ItemNeighbours.read(in);
        }
    }
}
