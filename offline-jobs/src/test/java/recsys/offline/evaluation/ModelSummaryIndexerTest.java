package recsys.offline.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch.core.GetResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.core.index.IndexNames;
import recsys.offline.config.ElasticsearchSettings;
import recsys.offline.index.ElasticsearchClients;
import recsys.offline.testing.TestIndices;
import recsys.testing.LocalElasticsearch;

/** The summary document against the real local Elasticsearch, under a prefix of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelSummaryIndexerTest {

    private final IndexNames names = new IndexNames("it-" + UUID.randomUUID().toString().substring(0, 8) + "-");
    private ElasticsearchClient client;
    private ModelSummaryIndexer indexer;

    @BeforeAll
    void connect() {
        URI url = URI.create(LocalElasticsearch.ensureRunning());
        client = ElasticsearchClients.create(new ElasticsearchSettings(url, null, null, null, 0, names));
        indexer = new ModelSummaryIndexer(client, names, 0);
    }

    @AfterAll
    void cleanUp() throws IOException {
        TestIndices.deleteAll(client, names);
        client._transport().close();
    }

    @Test
    void summaryRoundTripsWithTheVersionAsId() throws IOException {
        EvaluationReport report = SampleReports.threeModels();
        assertEquals(report.version(), indexer.index(report));
        assertEquals(names.prefix() + "models", indexer.index());

        GetResponse<ObjectNode> got = client.get(g -> g.index(indexer.index()).id(report.version()), ObjectNode.class);
        assertTrue(got.found());
        ObjectNode doc = got.source();
        // as text: the parsed source holds IntNodes where the built document holds LongNodes
        assertEquals(ModelSummaryIndexer.summary(report).toString(), doc.toString());
        assertEquals("20240501T120000Z", doc.get("version").textValue());
        assertEquals("2024-05-01T12:00:00Z", doc.get("created_at").textValue());
        assertEquals("sha256:abc123", doc.get("data_fingerprint").textValue());
        assertEquals("per-user-random-0.8", doc.get("split").textValue());
        assertEquals(42, doc.get("seed").longValue());
        assertEquals(SampleReports.BERT, doc.get("serving_model").textValue());
        assertEquals(0.91, doc.get("metrics").get(SampleReports.BERT).get("rmse").doubleValue());
        assertEquals(40, doc.get("metrics").get(SampleReports.BERT).get("fallback_rows").longValue());
        assertTrue(doc.get("metrics").get(SampleReports.MEAN).get("ndcg@10").isNull());
        assertEquals("all-MiniLM-L6-v2", doc.get("parameters").get(SampleReports.BERT).get("embedding").textValue());

        // indexing the same evaluation again replaces its document
        indexer.index(report);
        assertEquals(1, client.count(c -> c.index(indexer.index())).count());

        // the mapping types metrics as numbers, so runs can be sorted and compared
        Map<String, Property> properties = client.indices().getMapping(m -> m.index(indexer.index()))
                .result().get(indexer.index()).mappings().properties();
        assertTrue(properties.get("created_at").isDate());
        assertTrue(properties.get("parameters").isFlattened());
        Property bert = properties.get("metrics").object().properties().get(SampleReports.BERT);
        assertTrue(bert.object().properties().get("ndcg@10").isDouble());
        assertTrue(bert.object().properties().get("test_rows").isLong());

        // searchable by a parameter value and sortable by a metric
        var hits = client.search(s -> s.index(indexer.index())
                        .query(q -> q.term(t -> t.field("parameters." + SampleReports.SPARSE + ".max_depth").value("12")))
                        .sort(o -> o.field(f -> f.field("metrics." + SampleReports.BERT + ".rmse"))),
                ObjectNode.class).hits();
        assertEquals(1, hits.total().value());
    }

    @Test
    void theTopLevelIsStrict() {
        indexer.ensureIndex();
        indexer.ensureIndex(); // idempotent
        assertThrows(ElasticsearchException.class, () -> client.index(i -> i.index(indexer.index()).id("stray")
                .document(Map.of("version", "stray", "unexpected", 1))));
    }
}
