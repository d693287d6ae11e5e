package recsys.offline.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.indices.update_aliases.Action;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import static recsys.offline.index.ElasticsearchCalls.call;

/**
 * Versioned indices behind aliases. A run creates fresh physical indices ({@code movies-<run id>}), fills them,
 * and {@link #publish publishes} them by moving every alias in one {@code _aliases} request, so readers see
 * either the old version or the new one, never a mix. The version the aliases left stays for rollback; older
 * ones are deleted. A run that fails {@link #discard discards} what it created and changes nothing visible.
 */
public final class IndexLifecycle {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final int replicas;

    public IndexLifecycle(ElasticsearchClient client, IndexNames names, int replicas) {
        this.client = client;
        this.names = names;
        this.replicas = replicas;
    }

    public IndexNames names() {
        return names;
    }

    /**
     * Creates the physical index of {@code schema} for {@code runId} with refreshes off, which is what a bulk
     * load wants; {@link #seal} turns them back on.
     */
    public String create(IndexSchema schema, String runId) {
        String name = names.physical(schema, runId);
        String body = bodyWithSettings(schema.indexBodyJson(), Map.of(
                "number_of_replicas", replicas, "refresh_interval", "-1"));
        call(() -> client.indices().create(c -> c.index(name).withJson(new StringReader(body))),
                "create index " + name);
        return name;
    }

    /** Makes a loaded index searchable: restores refreshes, refreshes once and returns the document count. */
    public long seal(String index) {
        call(() -> client.indices().putSettings(p -> p.index(index).settings(s -> s.refreshInterval(t -> t.time("1s")))),
                "restore refresh interval of " + index);
        call(() -> client.indices().refresh(r -> r.index(index)), "refresh " + index);
        return call(() -> client.count(c -> c.index(index)).count(), "count " + index);
    }

    /** Where each alias points now (empty when it does not exist yet). */
    public Set<String> aliasTargets(IndexSchema schema) {
        String alias = names.alias(schema);
        try {
            return new TreeSet<>(client.indices().getAlias(g -> g.name(alias)).result().keySet());
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return Set.of();
            }
            throw new IndexLifecycleException("cannot read alias " + alias + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read alias " + alias, e);
        }
    }

    /**
     * Points each schema's alias at its new index in one atomic request, then deletes versions older than the
     * one just replaced.
     *
     * @return the indices that were deleted
     */
    public List<String> publish(Map<IndexSchema, String> newIndices) {
        List<Action> actions = new ArrayList<>();
        Map<IndexSchema, Set<String>> previous = new java.util.EnumMap<>(IndexSchema.class);
        newIndices.forEach((schema, index) -> {
            Set<String> current = aliasTargets(schema);
            previous.put(schema, current);
            for (String old : current) {
                actions.add(Action.of(a -> a.remove(r -> r.index(old).alias(names.alias(schema)))));
            }
            actions.add(Action.of(a -> a.add(ad -> ad.index(index).alias(names.alias(schema)))));
        });
        call(() -> client.indices().updateAliases(u -> u.actions(actions)), "swap aliases " + newIndices.keySet());

        List<String> deleted = new ArrayList<>();
        newIndices.forEach((schema, index) -> {
            for (String candidate : physicalIndices(schema)) {
                if (!candidate.equals(index) && !previous.get(schema).contains(candidate)) {
                    delete(candidate);
                    deleted.add(candidate);
                }
            }
        });
        return deleted;
    }

    /** Deletes indices a failed run created; it never touches what an alias points at. */
    public void discard(Collection<String> indices) {
        for (String index : indices) {
            try {
                client.indices().delete(d -> d.index(index).ignoreUnavailable(true));
            } catch (IOException | ElasticsearchException e) {
                // best effort: the run is already failing with a better error, and an orphan index is harmless
                // because no alias points at it; the next successful publish deletes it
            }
        }
    }

    /** Physical indices of a schema, oldest first (run ids sort by time). */
    public List<String> physicalIndices(IndexSchema schema) {
        Set<String> names = call(
                () -> client.indices().get(g -> g.index(this.names.physicalPattern(schema)).ignoreUnavailable(true))
                        .result().keySet(),
                "list indices of " + this.names.alias(schema));
        return names.stream().filter(name -> this.names.owns(schema, name)).sorted().toList();
    }

    private void delete(String index) {
        call(() -> client.indices().delete(d -> d.index(index)), "delete old index " + index);
    }

    /** {@code indexBody} with {@code settings} set (replacing values of the same name). */
    public static String bodyWithSettings(String indexBody, Map<String, Object> settings) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(indexBody);
            ObjectNode indexSettings = body.with("settings");
            settings.forEach((key, value) -> indexSettings.set(key, JSON.valueToTree(value)));
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException("index definition is not valid JSON", e);
        }
    }
}
