package recsys.online.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import recsys.online.model.ServingModel;
import recsys.online.model.ServingModels;

/**
 * {@code /health} detail {@code model}: the serving version, whether it ranks with a top-N model, and which rankings
 * it serves; or that none is published and which rankings are served without it. Always UP: the service answers
 * every request without a model (kNN and popularity paths).
 */
@Singleton
@Readiness
class ModelHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final ServingModels models;

    ModelHealthIndicator(ServingModels models) {
        this.models = models;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        healthStatus = HealthStatus.UP;
        ServingModels.Status status = models.status();
        Map<String, Object> details = new LinkedHashMap<>();
        if (status.model().isPresent()) {
            ServingModel model = status.model().get();
            details.put("version", model.version());
            details.put("loaded_at", model.loadedAt().toString());
            details.put("trained_at", model.trainedAt().toString());
            // how fresh its data is: the newest online write the retrain that made it read
            details.put("events_until", model.eventsUntil() == null ? "none" : model.eventsUntil().toString());
            details.put("ranking_blend", model.ranker().blend().toString());
            details.put("top_n", model.hasTopN());
            details.put("paths", model.hasTopN() ? "top-n, popularity" : "model, cosine, popularity");
        } else {
            details.put("version", "none");
            details.put("message", "no model published: serving the kNN (cosine) and popularity rankings only");
            details.put("paths", "cosine, popularity");
        }
        status.lastError().ifPresent(error -> details.put("last_error", error));
        return details;
    }

    @Override
    protected String getName() {
        return "model";
    }
}
