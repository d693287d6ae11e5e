package recsys.online.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.testing.LocalElasticsearch;

/**
 * {@code movies}, {@code users} and {@code movie_vectors} indices under an index prefix of their own, created from
 * core's mappings (the one definition ingest uses too) and reached through aliases as the offline jobs publish them,
 * empty or holding a copy of the shared fixture's documents ({@link #copyOf}). For tests that write a lot or write
 * garbage (fuzzing, outage), so they never touch the shared fixture's data; {@link #close} deletes exactly the
 * indices it created.
 */
public final class ScratchIndices implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Elasticsearch's default limit of one page of hits ({@code index.max_result_window}). */
    private static final int MAX_COPIED = 10_000;
    private static final List<IndexSchema> SCHEMAS = List.of(IndexSchema.MOVIES, IndexSchema.USERS,
            IndexSchema.MOVIE_VECTORS);

    private final String url;
    private final IndexNames names;
    private final ElasticsearchHttp http;

    private ScratchIndices(String url, IndexNames names) {
        this.url = url;
        this.names = names;
        this.http = new ElasticsearchHttp(url, names);
    }

    /** Creates the three indices and their aliases under a new prefix {@code <purpose>-<random>-}. */
    public static ScratchIndices create(String purpose) {
        String prefix = purpose + "-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT) + "-";
        ScratchIndices scratch = new ScratchIndices(LocalElasticsearch.ensureRunning(), new IndexNames(prefix));
        for (IndexSchema schema : SCHEMAS) {
            String physical = scratch.physical(schema);
            scratch.http.send("PUT", "/" + physical, schema.indexBodyJson());
            scratch.http.send("POST", "/_aliases", "{\"actions\": [{\"add\": {\"index\": \"" + physical
                    + "\", \"alias\": \"" + scratch.names.alias(schema) + "\"}}]}");
        }
        return scratch;
    }

    /**
     * The three indices under a new prefix {@code <purpose>-<random>-} holding a copy of the shared fixture's
     * documents, for tests that write garbage into loaded data: the service sees the fixture's catalogue, users and
     * vectors, and the shared fixture never sees the writes. Copied by a search and a bulk request per index: the
     * test distribution of Elasticsearch has no reindex module, and the fixture fits in one page of hits.
     */
    public static ScratchIndices copyOf(String purpose, OfflineFixture.Loaded fixture) {
        ScratchIndices scratch = create(purpose);
        IndexNames source = new IndexNames(fixture.indexPrefix());
        try {
            for (IndexSchema schema : SCHEMAS) {
                JsonNode hits = JSON.readTree(scratch.http.send("POST", "/" + source.alias(schema)
                        + "/_search?size=" + MAX_COPIED, "{\"track_total_hits\": true}")).path("hits");
                if (hits.path("total").path("value").asLong() > hits.path("hits").size()) {
                    throw new IllegalStateException(source.alias(schema) + " holds more than " + MAX_COPIED
                            + " documents, more than one page of hits");
                }
                StringBuilder bulk = new StringBuilder();
                for (JsonNode hit : hits.path("hits")) {
                    bulk.append("{\"index\": {\"_index\": \"").append(scratch.physical(schema)).append("\", \"_id\": ")
                            .append(hit.get("_id")).append("}}\n").append(hit.get("_source")).append('\n');
                }
                if (!bulk.isEmpty()) {
                    JsonNode response = JSON.readTree(scratch.http.send("POST", "/_bulk?refresh=true", bulk.toString()));
                    if (response.path("errors").asBoolean()) {
                        throw new IllegalStateException("copying " + source.alias(schema) + " failed: " + response);
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return scratch;
    }

    public String url() {
        return url;
    }

    public IndexNames names() {
        return names;
    }

    /** Micronaut properties pointing the service at these indices (and at an empty storage root: no model). */
    public Map<String, String> serviceProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("recsys.es.url", url);
        properties.put("recsys.es.index-prefix", names.prefix());
        properties.put("recsys.storage", System.getProperty("java.io.tmpdir") + "/" + names.prefix() + "storage");
        return properties;
    }

    /** Reads and searches these indices. */
    public ElasticsearchHttp http() {
        return http;
    }

    private String physical(IndexSchema schema) {
        return names.physical(schema, "scratch");
    }

    @Override
    public void close() {
        for (IndexSchema schema : SCHEMAS) {
            try {
                http.send("DELETE", "/" + physical(schema), null);
            } catch (RuntimeException e) {
                System.err.println("[scratch-indices] could not delete " + physical(schema) + ": " + e.getMessage());
            }
        }
    }
}
