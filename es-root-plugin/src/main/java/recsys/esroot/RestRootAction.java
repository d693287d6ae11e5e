package recsys.esroot;

import java.io.IOException;
import java.util.List;

import org.elasticsearch.Build;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.cluster.ClusterState;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.index.IndexVersion;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.RestResponse;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.xcontent.XContentBuilder;

/**
 * {@code GET /} and {@code HEAD /}: node name, cluster name and UUID, build information and the tagline, in the
 * shape of the stock {@code rest-root} module's response (clients such as elasticsearch-spark parse
 * {@code version.number} and friends from it). For {@code HEAD} the HTTP layer drops the body and keeps the status.
 */
final class RestRootAction extends BaseRestHandler {

    private final ClusterService clusterService;

    RestRootAction(ClusterService clusterService) {
        this.clusterService = clusterService;
    }

    @Override
    public String getName() {
        return "recsys_root_action";
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route(RestRequest.Method.GET, "/"), new Route(RestRequest.Method.HEAD, "/"));
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
        // Read the request parameters here: BaseRestHandler rejects unconsumed ones, and the stock handler
        // pretty-prints by default with ?pretty=false to turn it off.
        boolean prettyParamGiven = request.hasParam("pretty");
        return channel -> {
            XContentBuilder builder = channel.newBuilder();
            if (prettyParamGiven == false) {
                builder.prettyPrint().lfAtEnd();
            }
            writeBody(builder);
            channel.sendResponse(new RestResponse(RestStatus.OK, builder));
        };
    }

    private void writeBody(XContentBuilder builder) throws IOException {
        ClusterState state = clusterService.state();
        Build build = Build.current();
        builder.startObject();
        builder.field("name", clusterService.getNodeName());
        builder.field("cluster_name", clusterService.getClusterName().value());
        builder.field("cluster_uuid", state.metadata().clusterUUID());
        builder.startObject("version");
        builder.field("number", build.qualifiedVersion());
        builder.field("build_flavor", build.flavor());
        builder.field("build_type", build.type().displayName());
        builder.field("build_hash", build.hash());
        builder.field("build_date", build.date());
        builder.field("build_snapshot", build.isSnapshot());
        builder.field("lucene_version", IndexVersion.current().luceneVersion().toString());
        builder.field("minimum_wire_compatibility_version", build.minWireCompatVersion());
        builder.field("minimum_index_compatibility_version", build.minIndexCompatVersion());
        builder.endObject();
        builder.field("tagline", "You Know, for Search");
        builder.endObject();
    }
}
