package recsys.online.health;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.online.config.ElasticsearchConfiguration;
import recsys.online.elasticsearch.RequestDeadline;

/**
 * {@code /health} detail {@code elasticsearch}: DOWN when the cluster does not answer within
 * {@code recsys.es.health-timeout}, is red, or lacks one of the aliases the service reads (the data is not loaded);
 * UP again by itself once that is fixed, since each health request asks afresh. The timeout covers the check's calls
 * together ({@link RequestDeadline}), so a stalled cluster makes {@code /health} say DOWN promptly rather than after
 * the client's socket timeout.
 */
@Singleton
@Readiness
class ElasticsearchHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private static final List<IndexSchema> READ = List.of(IndexSchema.MOVIES, IndexSchema.USERS,
            IndexSchema.MOVIE_VECTORS);

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final Duration timeout;

    ElasticsearchHealthIndicator(ElasticsearchClient client, IndexNames names, ElasticsearchConfiguration config) {
        this.client = client;
        this.names = names;
        this.timeout = config.healthTimeout();
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        return RequestDeadline.within(timeout, this::check);
    }

    private Map<String, Object> check() {
        Map<String, Object> details = new LinkedHashMap<>();
        try {
            HealthResponse health = client.cluster().health(h -> h.timeout(t -> t.time(timeout.toMillis() + "ms")));
            details.put("cluster", health.clusterName());
            details.put("cluster_status", health.status().jsonValue());
            List<String> missing = READ.stream().map(names::alias).filter(alias -> !exists(alias)).toList();
            if (!missing.isEmpty()) {
                details.put("missing_indices", missing);
            }
            healthStatus = health.status() != co.elastic.clients.elasticsearch._types.HealthStatus.Red && missing.isEmpty()
                    ? HealthStatus.UP : HealthStatus.DOWN;
        } catch (Exception e) {
            healthStatus = HealthStatus.DOWN;
            details.put("error", "Elasticsearch is unavailable: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        return details;
    }

    private boolean exists(String alias) {
        try {
            return client.indices().exists(e -> e.index(alias)).value();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected String getName() {
        return "elasticsearch";
    }
}
