package recsys.online.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.testing.LocalElasticsearch;

/**
 * Empty {@code movies}, {@code users} and {@code movie_vectors} indices under an index prefix of their own, created
 * from core's mappings (the one definition ingest uses too) and reached through aliases as the offline jobs publish
 * them. For tests that write a lot or write garbage (fuzzing, outage), so they never touch the shared fixture's
 * data; {@link #close} deletes exactly the indices it created.
 */
public final class ScratchIndices implements AutoCloseable {

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
