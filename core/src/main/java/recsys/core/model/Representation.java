package recsys.core.model;

import java.util.List;
import recsys.core.features.FeatureEncoder;

/**
 * How a model's input rows are represented: the encoder's dense (embedding) features, its sparse features, or none
 * (a model that reads no feature rows, such as the biases or ALS). The manifest spells the first two as
 * {@link FeatureSchema#DENSE} and {@link FeatureSchema#SPARSE}.
 */
public enum Representation {
    DENSE(FeatureSchema.DENSE),
    SPARSE(FeatureSchema.SPARSE),
    NONE(null);

    private final String manifestName;

    Representation(String manifestName) {
        this.manifestName = manifestName;
    }

    /** The feature schema's {@code representation} in a manifest; fails for {@link #NONE}, which has no schema. */
    public String manifestName() {
        requireFeatures();
        return manifestName;
    }

    /** The representation a manifest's feature schema names. */
    public static Representation of(FeatureSchema schema) {
        for (Representation representation : values()) {
            if (representation.manifestName != null && representation.manifestName.equals(schema.representation())) {
                return representation;
            }
        }
        throw new IllegalArgumentException("unknown feature representation " + schema.representation());
    }

    /** The feature names, in column order, that {@code encoder} builds in this representation. */
    public List<String> featureNames(FeatureEncoder encoder) {
        requireFeatures();
        return this == SPARSE ? encoder.sparseFeatureNames() : encoder.embeddingFeatureNames();
    }

    /** The schema of rows {@code encoder} builds in this representation. */
    public FeatureSchema schema(FeatureEncoder encoder) {
        return new FeatureSchema(manifestName(), featureNames(encoder));
    }

    private void requireFeatures() {
        if (this == NONE) {
            throw new IllegalStateException("a model without feature rows has no feature schema");
        }
    }
}
