package recsys.online.events;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import jakarta.inject.Singleton;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import recsys.core.events.EventFields;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.online.elasticsearch.ElasticsearchCalls;
import recsys.online.error.ElasticsearchUnavailableException;

/**
 * Appends accepted writes to the {@code events} index ({@link EventFields}) in one bulk request, before the
 * request that made them answers 200. A document's id comes from the request's key, so a retried request
 * rewrites the same documents; there is no refresh, because only a retrain reads the log, and it refreshes first.
 *
 * <p>The index is created on first use, not at start-up: the service starts without Elasticsearch. Writes name
 * the alias with {@code require_alias}, so a deleted alias is recreated here with the real mapping rather than
 * auto-created by Elasticsearch with a guessed one.
 */
@Singleton
public class EventLog {

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final String alias;
    private volatile boolean ensured;

    public EventLog(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.names = names;
        this.alias = names.alias(IndexSchema.EVENTS);
    }

    /** Appends every document (each with its {@link EventFields#EVENT_ID}); any failure fails the request. */
    public void append(List<Map<String, Object>> documents) {
        if (documents.isEmpty()) {
            return;
        }
        if (!ensured) {
            ensureIndex();
        }
        if (!send(documents)) {
            // the alias went away since it was checked (an operator deleted the index): recreate it, once
            ensured = false;
            ensureIndex();
            if (!send(documents)) {
                throw new ElasticsearchUnavailableException("the events alias " + alias + " went missing twice", null);
            }
        }
    }

    /** False when the alias is missing; an item's other failure is thrown. */
    private boolean send(List<Map<String, Object>> documents) {
        BulkRequest.Builder bulk = new BulkRequest.Builder().index(alias).requireAlias(true).refresh(Refresh.False);
        for (Map<String, Object> document : documents) {
            String id = (String) document.get(EventFields.EVENT_ID);
            bulk.operations(op -> op.index(i -> i.id(id).document(document)));
        }
        BulkResponse response = ElasticsearchCalls.call("append events", () -> client.bulk(bulk.build()));
        if (response.errors()) {
            for (BulkResponseItem item : response.items()) {
                if (item.error() != null) {
                    if ("index_not_found_exception".equals(item.error().type())) {
                        return false;
                    }
                    throw ElasticsearchCalls.classify("append event " + item.id(), item.status(), item.error());
                }
            }
        }
        return true;
    }

    private synchronized void ensureIndex() {
        if (ensured) {
            return;
        }
        boolean exists = ElasticsearchCalls.call("check the events alias",
                () -> client.indices().existsAlias(a -> a.name(alias)).value());
        if (!exists) {
            String index = names.physical(IndexSchema.EVENTS, IndexSchema.KEPT_INDEX_SUFFIX);
            ElasticsearchCalls.call("create the events index", () -> {
                try {
                    return client.indices().create(c -> c.index(index)
                            .withJson(new StringReader(IndexSchema.EVENTS.indexBodyJson()))
                            .aliases(alias, a -> a.isWriteIndex(true)));
                } catch (ElasticsearchException e) {
                    if ("resource_already_exists_exception".equals(e.error().type())) {
                        return null; // another instance, or a retrain, created it first
                    }
                    throw e;
                }
            });
        }
        ensured = true;
    }
}
