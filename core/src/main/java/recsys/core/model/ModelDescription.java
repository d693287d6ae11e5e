package recsys.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import recsys.core.ranking.RankingBlend;

/**
 * What a training run says about the models it publishes: everything in a {@link ModelManifest} except what the
 * publisher itself fills in (format version, model version, creation time and the artifact list).
 *
 * @param servingModel    the name of the model (usually also a key of {@code metrics}) the online service scores with
 * @param featureSchema   the serving model's input columns
 * @param metrics         model name → metric name → value, all finite; e.g. {@code gbt → rmse → 0.87}
 * @param dataFingerprint identifies the training data (e.g. the ingest run id and a digest of its inputs)
 * @param split           how the data was split, e.g. {@code "random train=0.8 validation=0.1 test=0.1"}
 * @param seed            the seed of the split and of every randomised trainer
 * @param parameters      hyper-parameters by name, as text so they round-trip exactly
 * @param rankingBlend    how the online service blends the serving model's predicted rating with popularity, as
 *                        chosen by the evaluation; {@link RankingBlend#DEFAULT} when the run chose none
 */
public record ModelDescription(String servingModel, FeatureSchema featureSchema,
                               Map<String, Map<String, Double>> metrics, String dataFingerprint, String split,
                               long seed, Map<String, String> parameters, RankingBlend rankingBlend) {

    /**
     * Parameter: epoch milliseconds of the newest online event the version's data covers (a retrain's snapshot);
     * absent when the data came from files only.
     */
    public static final String EVENTS_UNTIL = "data.events_until";

    /** Parameter: how many ratings (train and test) the version's data held. */
    public static final String DATA_RATINGS = "data.ratings";

    /**
     * Parameters {@code <prefix><model>}: each top-N model's and the served ranking's validation NDCG@10 (a retrain's
     * promotion gate compares the served one).
     */
    public static final String VALIDATION_NDCG_PREFIX = "validation_ndcg@10.";


    /** A description whose ranking blend is {@link RankingBlend#DEFAULT}: no evaluation chose one. */
    public ModelDescription(String servingModel, FeatureSchema featureSchema,
                            Map<String, Map<String, Double>> metrics, String dataFingerprint, String split,
                            long seed, Map<String, String> parameters) {
        this(servingModel, featureSchema, metrics, dataFingerprint, split, seed, parameters, RankingBlend.DEFAULT);
    }

    /** This description with {@code blend} as its ranking blend. */
    public ModelDescription withRankingBlend(RankingBlend blend) {
        return new ModelDescription(servingModel, featureSchema, metrics, dataFingerprint, split, seed, parameters,
                blend);
    }

    public ModelDescription {
        Objects.requireNonNull(rankingBlend, "rankingBlend");
        requireText(servingModel, "servingModel");
        Objects.requireNonNull(featureSchema, "featureSchema");
        requireText(dataFingerprint, "dataFingerprint");
        requireText(split, "split");
        Map<String, Map<String, Double>> copied = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Double>> model : Objects.requireNonNull(metrics, "metrics").entrySet()) {
            for (Map.Entry<String, Double> metric : model.getValue().entrySet()) {
                if (metric.getValue() == null || !Double.isFinite(metric.getValue())) {
                    throw new IllegalArgumentException("metric " + model.getKey() + "." + metric.getKey()
                            + " is " + metric.getValue() + "; metrics must be finite numbers");
                }
            }
            copied.put(model.getKey(), Collections.unmodifiableMap(new LinkedHashMap<>(model.getValue())));
        }
        metrics = Collections.unmodifiableMap(copied);
        parameters = Collections.unmodifiableMap(
                new LinkedHashMap<>(Objects.requireNonNull(parameters, "parameters")));
    }

    static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing or blank");
        }
        return value;
    }
}
