package recsys.core.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The features a model was trained on, in column order, and how a row of them is represented, so the online
 * service can check that its encoder builds the rows the model expects before it serves a single request.
 *
 * @param representation how rows are passed to the model, e.g. {@value #DENSE} or {@value #SPARSE}
 * @param features       feature names, index i naming column i; non-empty, no duplicates
 */
public record FeatureSchema(String representation, List<String> features) {

    public static final String DENSE = "dense";
    public static final String SPARSE = "sparse";

    public FeatureSchema {
        if (representation == null || representation.isBlank()) {
            throw new IllegalArgumentException("the feature schema has no representation");
        }
        if (features == null || features.isEmpty()) {
            throw new IllegalArgumentException("the feature schema lists no features");
        }
        features = List.copyOf(features);
        Set<String> seen = new HashSet<>();
        for (String name : features) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("the feature schema has a blank feature name");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("the feature schema lists \"" + name + "\" twice");
            }
        }
    }

    public int size() {
        return features.size();
    }
}
