package recsys.offline.evaluation;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import recsys.offline.similar.SimilarMoviesResults;

/**
 * Everything one evaluation run found, in the form the report files and the {@code models} index are written
 * from. Immutable; the maps keep the order they were given in (the order of rows in the report's tables and of
 * series in its charts).
 *
 * @param split           how ratings were split into train and test, e.g. {@code per-user-random-0.8}
 * @param seed            the seed of the split (and of the sample)
 * @param servingModel    the model the online service serves; one of {@code models}
 * @param version         this evaluation's identifier (the training run id); the {@code models} document id
 * @param createdAt       when the evaluation ran
 * @param dataFingerprint identifies the ratings the models were trained and tested on
 * @param models          metrics by model name, at least one
 * @param parameters      each model's hyper-parameters as text (seed included where the model has one);
 *                        keys are model names from {@code models}, a model may be missing
 * @param curves          metric@k curves of the models with a ranking; keys from {@code models}
 * @param servingSample   (predicted, actual) pairs of the serving model
 * @param baselines       a free-text note on the baselines (what the fallback is, what a row means), or
 *                        {@code null}
 * @param rankingBaselines rankings without a rating model (e.g. popularity by count), by name, with a one-line
 *                        description; each has curves, and none is a key of {@code models}
 * @param similarMovies   the similar-movies lists' figures, or {@code null} for a version without top-N tables
 * @param rankedUsers     who the ranking metrics were measured on, and their confidence intervals, or {@code null}
 *                        when not recorded
 * @param scoredRows      which test rows the rating errors were measured on, and their confidence intervals, or
 *                        {@code null} when not recorded
 */
public record EvaluationReport(String split, long seed, String servingModel, String version, Instant createdAt,
                               String dataFingerprint, Map<String, ModelMetrics> models,
                               Map<String, Map<String, String>> parameters, Map<String, MetricCurves> curves,
                               PredictionSample servingSample, String baselines,
                               Map<String, String> rankingBaselines, SimilarMoviesResults similarMovies,
                               RankedUsers rankedUsers, ScoredRows scoredRows) {

    /** A report without the scored rows' figures. */
    public EvaluationReport(String split, long seed, String servingModel, String version, Instant createdAt,
                            String dataFingerprint, Map<String, ModelMetrics> models,
                            Map<String, Map<String, String>> parameters, Map<String, MetricCurves> curves,
                            PredictionSample servingSample, String baselines, Map<String, String> rankingBaselines,
                            SimilarMoviesResults similarMovies, RankedUsers rankedUsers) {
        this(split, seed, servingModel, version, createdAt, dataFingerprint, models, parameters, curves,
                servingSample, baselines, rankingBaselines, similarMovies, rankedUsers, null);
    }

    /** A report without the ranked users' figures. */
    public EvaluationReport(String split, long seed, String servingModel, String version, Instant createdAt,
                            String dataFingerprint, Map<String, ModelMetrics> models,
                            Map<String, Map<String, String>> parameters, Map<String, MetricCurves> curves,
                            PredictionSample servingSample, String baselines, Map<String, String> rankingBaselines,
                            SimilarMoviesResults similarMovies) {
        this(split, seed, servingModel, version, createdAt, dataFingerprint, models, parameters, curves,
                servingSample, baselines, rankingBaselines, similarMovies, null);
    }

    /** A report without similar-movies figures. */
    public EvaluationReport(String split, long seed, String servingModel, String version, Instant createdAt,
                            String dataFingerprint, Map<String, ModelMetrics> models,
                            Map<String, Map<String, String>> parameters, Map<String, MetricCurves> curves,
                            PredictionSample servingSample, String baselines, Map<String, String> rankingBaselines) {
        this(split, seed, servingModel, version, createdAt, dataFingerprint, models, parameters, curves,
                servingSample, baselines, rankingBaselines, null);
    }

    /** A report without ranking baselines. */
    public EvaluationReport(String split, long seed, String servingModel, String version, Instant createdAt,
                            String dataFingerprint, Map<String, ModelMetrics> models,
                            Map<String, Map<String, String>> parameters, Map<String, MetricCurves> curves,
                            PredictionSample servingSample, String baselines) {
        this(split, seed, servingModel, version, createdAt, dataFingerprint, models, parameters, curves,
                servingSample, baselines, Map.of(), null);
    }

    public EvaluationReport {
        requireText("split", split);
        requireText("servingModel", servingModel);
        requireText("version", version);
        requireText("dataFingerprint", dataFingerprint);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(servingSample, "servingSample");
        models = ordered(models);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one model");
        }
        models.keySet().forEach(name -> requireText("model name", name));
        if (!models.containsKey(servingModel)) {
            throw new IllegalArgumentException("serving model '" + servingModel + "' is not among " + models.keySet());
        }
        Map<String, Map<String, String>> parameterCopy = new LinkedHashMap<>();
        parameters.forEach((model, values) -> parameterCopy.put(model, ordered(values)));
        parameters = Collections.unmodifiableMap(parameterCopy);
        curves = ordered(curves);
        rankingBaselines = ordered(rankingBaselines);
        requireKnown("parameters", parameters, models);
        for (String baseline : rankingBaselines.keySet()) {
            if (models.containsKey(baseline) || !curves.containsKey(baseline)) {
                throw new IllegalArgumentException("ranking baseline '" + baseline
                        + "' must have curves and must not be a model");
            }
        }
        for (String model : curves.keySet()) {
            if (rankingBaselines.containsKey(model)) {
                continue;
            }
            if (!models.containsKey(model)) {
                throw new IllegalArgumentException("curves name model '" + model + "', which has no metrics");
            }
            if (!models.get(model).hasRanking()) {
                throw new IllegalArgumentException("model '" + model + "' has curves but no @10 ranking metrics");
            }
        }
    }

    public ModelMetrics serving() {
        return models.get(servingModel);
    }

    /** The model's parameters, empty when none were recorded. */
    public Map<String, String> parametersOf(String model) {
        return parameters.getOrDefault(model, Map.of());
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        Map<String, V> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, key)));
        return Collections.unmodifiableMap(copy);
    }

    private static void requireKnown(String what, Map<String, ?> map, Map<String, ModelMetrics> models) {
        for (String model : map.keySet()) {
            if (!models.containsKey(model)) {
                throw new IllegalArgumentException(what + " name model '" + model + "', which has no metrics");
            }
        }
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
