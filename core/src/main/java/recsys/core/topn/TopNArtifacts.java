package recsys.core.topn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Map;
import recsys.core.features.EncoderState;
import recsys.core.model.LoadedVersion;
import recsys.core.model.ModelVersionException;
import recsys.core.model.TreeRatingModel;
import recsys.core.model.VersionLayout;

/**
 * How a model version's top-N ranking is read back (its files are {@link VersionLayout}'s {@code topn/} slots, its
 * settings the manifest parameters named here): the one reading of them for the evaluate job and the online
 * service. Both readers go through {@link recsys.core.model.ModelStore}'s verified {@link LoadedVersion}, so what
 * is evaluated is byte for byte what is served.
 */
public final class TopNArtifacts {

    /** Manifest parameter prefix of the re-ranker's weights ({@link RerankWeights#toParameters}). */
    public static final String WEIGHTS_PREFIX = "topn.weights";
    /** Manifest parameter: candidates per source. */
    public static final String POOL_PER_SOURCE = "topn.pool_per_source";
    /** Manifest parameter: whether the content source nominates ({@link TopNModel#contentNominates}). */
    public static final String CONTENT_NOMINATES = "topn.content_nominates";

    private TopNArtifacts() {
    }

    /** Whether the version carries a top-N ranking (versions published before it do not). */
    public static boolean present(LoadedVersion version) {
        return version.has(VersionLayout.ITEM_ITEM)
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
        try (InputStream in = Files.newInputStream(version.path(VersionLayout.ITEM_ITEM))) {
            itemItem = ItemNeighbours.read(in);
        }
        ItemFactors als;
        try (InputStream in = Files.newInputStream(version.path(VersionLayout.ALS_FACTORS))) {
            als = ItemFactors.read(in);
        }
        ItemNeighbours liked = null;
        if (version.has(VersionLayout.ITEM_ITEM_LIKED)) {
            try (InputStream in = Files.newInputStream(version.path(VersionLayout.ITEM_ITEM_LIKED))) {
                liked = ItemNeighbours.read(in);
            }
        }
        Map<String, String> parameters = version.manifest().description().parameters();
        try {
            return new TopNModel(state, itemItem, als, ratingModel,
                    RerankWeights.fromParameters(parameters, WEIGHTS_PREFIX),
                    Integer.parseInt(parameters.getOrDefault(POOL_PER_SOURCE, "")), liked,
                    // versions published before the choice was made had every source nominate
                    !"false".equals(parameters.get(CONTENT_NOMINATES)));
        } catch (IllegalArgumentException e) {
            throw new ModelVersionException("model version " + version.version() + " has no valid top-N parameters: "
                    + e.getMessage());
        }
    }

    /** The version's item-kNN baseline table. */
    public static ItemNeighbours itemKnn(LoadedVersion version) throws IOException {
        try (InputStream in = Files.newInputStream(version.path(VersionLayout.ITEM_KNN))) {
            return ItemNeighbours.read(in);
        }
    }
}
