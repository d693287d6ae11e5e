package recsys.offline.evaluation;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.offline.index.IndexLifecycle;
import recsys.offline.index.IndexLifecycleException;
import static recsys.offline.index.ElasticsearchCalls.call;

/**
 * Records an evaluation in the {@code models} index: one summary document per evaluation, its version as the
 * document id, so indexing the same evaluation again replaces its document rather than adding a second one.
 *
 * <pre>{@code
 * {"version": "...", "created_at": "...Z", "data_fingerprint": "...", "split": "...", "seed": 42,
 *  "serving_model": "...",
 *  "parameters": {"<model>": {"<name>": "<value>"}},
 *  "metrics": {"<model>": {"rmse": 0.9, "mae": 0.7, "ndcg@10": 0.2, ..., "fallback_rows": 0, "test_rows": 0}}}
 * }</pre>
 * The mapping is {@link IndexSchema#MODELS}'s. The curves and the prediction sample stay in report.json; the
 * index holds what one compares across runs. Model names become field names under {@code metrics}, so a dot in a
 * name reads as a sub-object there ({@code metrics.rf.v2.rmse}); searches still find it under that path.
 */
public final class ModelSummaryIndexer {

    private final ElasticsearchClient client;
    private final String index;
    private final int replicas;

    /** @param replicas replicas of the index if this creates it: 0 on the single-node local server */
    public ModelSummaryIndexer(ElasticsearchClient client, IndexNames names, int replicas) {
        this.client = client;
        this.index = names.alias(IndexSchema.MODELS);
        this.replicas = replicas;
    }

    /** The name of the index the summaries go to. */
    public String index() {
        return index;
    }

    /**
     * Indexes the summary of {@code report}, creating the index first if it does not exist; the document is
     * searchable when this returns.
     *
     * @return the document id, the report's version
     */
    public String index(EvaluationReport report) {
        ensureIndex();
        ObjectNode document = summary(report);
        call(() -> client.index(i -> i.index(index).id(report.version()).document(document).refresh(Refresh.WaitFor)),
                "index the summary of " + report.version() + " into " + index);
        return report.version();
    }

    /** Creates the index with its mapping unless it exists (another run may create it at the same moment). */
    public void ensureIndex() {
        boolean exists = call(() -> client.indices().exists(e -> e.index(index)).value(), "check index " + index);
        if (exists) {
            return;
        }
        String body = IndexLifecycle.bodyWithSettings(IndexSchema.MODELS.indexBodyJson(),
                Map.of("number_of_replicas", replicas));
        try {
            client.indices().create(c -> c.index(index).withJson(new StringReader(body)));
        } catch (ElasticsearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw new IndexLifecycleException("Elasticsearch refused to create index " + index + ": " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new IndexLifecycleException("cannot create index " + index + ": " + e.getMessage(), e);
        }
    }

    /** The summary document of {@code report}. */
    public static ObjectNode summary(EvaluationReport report) {
        ObjectNode document = ReportJson.MAPPER.createObjectNode();
        document.put("version", report.version());
        document.put("created_at", report.createdAt().toString());
        document.put("data_fingerprint", report.dataFingerprint());
        document.put("split", report.split());
        document.put("seed", report.seed());
        document.put("serving_model", report.servingModel());
        ObjectNode parameters = document.putObject("parameters");
        ObjectNode metrics = document.putObject("metrics");
        report.models().forEach((name, modelMetrics) -> {
            Map<String, String> values = report.parametersOf(name);
            if (!values.isEmpty()) {
                parameters.set(name, ReportJson.parametersNode(values));
            }
            metrics.set(name, ReportJson.metricsNode(modelMetrics));
        });
        report.rankingBaselines().keySet().forEach(name ->
                metrics.set(name, ReportJson.headlineNode(report.curves().get(name))));
        return document;
    }
}
