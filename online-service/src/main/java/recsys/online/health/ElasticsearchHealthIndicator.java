package recsys.online.health;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import recsys.online.elasticsearch.ElasticsearchRequests;

/**
 * {@code /health} component {@code elasticsearch}: DOWN (and with it the whole health, HTTP 503) while the cluster
 * does not answer or is red, UP again as soon as it answers; the client reconnects by itself, so the service
 * recovers without a restart. A cheap call ({@code _cluster/health}) because load balancers poll it.
 */
@Singleton
public class ElasticsearchHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final ElasticsearchClient client;

    public ElasticsearchHealthIndicator(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        HealthResponse health = ElasticsearchRequests.send("report cluster health", () -> client.cluster().health());
        this.healthStatus = health.status() == HealthStatus.Red
                ? io.micronaut.health.HealthStatus.DOWN : io.micronaut.health.HealthStatus.UP;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("cluster_name", health.clusterName());
        details.put("status", health.status().jsonValue());
        details.put("nodes", health.numberOfNodes());
        return details;
    }

    @Override
    protected String getName() {
        return "elasticsearch";
    }
}
