package recsys.offline.training;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import recsys.offline.evaluation.ModelMetrics;

/**
 * What a {@link TrainJob} run did.
 *
 * @param version      the published model version, now CURRENT
 * @param run          the ingest run trained on
 * @param split        the split, as described in the manifest and report
 * @param seed         the seed of the split, ALS and the forests
 * @param servingModel the published model's name, a key of {@code models}
 * @param models       every model's test metrics
 * @param location     the version folder
 * @param reportJson   the report's {@code report.json}, fully qualified
 */
public record TrainReport(String version, String run, String split, long seed, String servingModel,
                          Map<String, ModelMetrics> models, String location, String reportJson) {

    public TrainReport {
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));   // keeps the report's model order
    }

    public String summaryLine() {
        ModelMetrics serving = models.get(servingModel);
        return String.format("trained version %s on run %s (%s, seed %d): serving %s, test RMSE %.4f, MAE %.4f,"
                        + " %d of %d test rows on fallback", version, run, split, seed, servingModel, serving.rmse(),
                serving.mae(), serving.fallbackRows(), serving.testRows());
    }
}
