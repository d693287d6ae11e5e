package recsys.offline.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.indices.update_aliases.Action;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
     * What {@link #publish} did after the aliases moved: the old versions it deleted, and those it could not delete
     * (by index, with the reason). The latter are harmless: no alias points at them, and the next publish retries.
     */
    public record Publication(List<String> deleted, Map<String, String> notDeleted) {
        public Publication {
            deleted = List.copyOf(deleted);
            notDeleted = Map.copyOf(notDeleted);
        }

        /** Prints what was deleted and a warning for each version that was kept against the rule. */
        public void print(String job, PrintStream out) {
            if (!deleted.isEmpty()) {
                out.println(job + ": deleted old indices " + deleted);
            }
            notDeleted.forEach((index, reason) -> out.println("warning: " + job + ": could not delete old index "
                    + index + " (" + reason + "); no alias points at it and the next run deletes it"));
        }
    }

    /**
     * Points each schema's alias at its new index in one atomic request, then deletes versions older than the
     * one just replaced. When the swap fails nothing has changed and it throws; once it succeeded the new indices
     * are what readers see, so a failure to delete an old version no longer fails the call (it is reported in the
     * result): a caller that took it for a failed publish would discard the indices the aliases now point at.
     */
    public Publication publish(Map<IndexSchema, String> newIndices) {
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
        Map<String, String> notDeleted = new TreeMap<>();
        newIndices.forEach((schema, index) -> {
            List<String> candidates;
            try {
                candidates = physicalIndices(schema);
            } catch (IndexLifecycleException e) {
                notDeleted.put(names.physicalPattern(schema), e.getMessage());
                return;
            }
            for (String candidate : candidates) {
                if (!candidate.equals(index) && !previous.get(schema).contains(candidate)) {
                    try {
                        delete(candidate);
                        deleted.add(candidate);
                    } catch (IndexLifecycleException e) {
                        notDeleted.put(candidate, e.getMessage());
                    }
                }
            }
        });
        return new Publication(deleted, notDeleted);
    }

    /**
     * Deletes indices a failed run created, best effort. It never deletes an index an alias points at: after a
     * swap request whose answer was lost (a timeout), the new indices may be live although the call failed.
     */
    public void discard(Collection<String> indices) {
        for (String index : indices) {
            try {
                boolean aliased = client.indices().getAlias(g -> g.index(index).ignoreUnavailable(true)).result()
                        .values().stream().anyMatch(aliases -> !aliases.aliases().isEmpty());
                if (!aliased) {
                    client.indices().delete(d -> d.index(index).ignoreUnavailable(true));
                }
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
