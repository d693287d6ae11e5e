package recsys.esroot;

import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.elasticsearch.cluster.metadata.IndexNameExpressionResolver;
import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.io.stream.NamedWriteableRegistry;
import org.elasticsearch.common.settings.ClusterSettings;
import org.elasticsearch.common.settings.IndexScopedSettings;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.settings.SettingsFilter;
import org.elasticsearch.features.NodeFeature;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.rest.RestController;
import org.elasticsearch.rest.RestHandler;

/**
 * Restores the root endpoint ({@code GET /} and {@code HEAD /}) on the Elasticsearch integ-test-zip distribution.
 *
 * <p>That distribution (the one Maven Central publishes, which we run locally and in tests) ships without the
 * {@code rest-root} module, so {@code GET /} answers 405. elasticsearch-spark calls {@code GET /} on every task
 * (to learn the cluster version) and fails without it, and the Java client's {@code info()}/{@code ping()} fail
 * too. This plugin registers one handler that answers the same JSON the real module does.
 *
 * <p>Not needed (and not installed) on a full Elasticsearch distribution, which has {@code rest-root} built in.
 */
public class RootEndpointPlugin extends Plugin implements ActionPlugin {

    /** Set in {@link #createComponents}, which Elasticsearch calls before {@link #getRestHandlers}. */
    private volatile ClusterService clusterService;

    @Override
    public Collection<?> createComponents(PluginServices services) {
        this.clusterService = services.clusterService();
        return List.of();
    }

    @Override
    public Collection<RestHandler> getRestHandlers(
            Settings settings,
            NamedWriteableRegistry namedWriteableRegistry,
            RestController restController,
            ClusterSettings clusterSettings,
            IndexScopedSettings indexScopedSettings,
            SettingsFilter settingsFilter,
            IndexNameExpressionResolver indexNameExpressionResolver,
            Supplier<DiscoveryNodes> nodesInCluster,
            Predicate<NodeFeature> clusterSupportsFeature) {
        ClusterService cs = clusterService;
        if (cs == null) {
            throw new IllegalStateException("createComponents was not called before getRestHandlers");
        }
        return List.of(new RestRootAction(cs));
    }
}
