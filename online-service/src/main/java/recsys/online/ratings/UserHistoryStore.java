package recsys.online.ratings;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.get.GetResult;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.core.ratings.UserHistory;
import recsys.online.elasticsearch.ElasticsearchCalls;

/**
 * Reads users' histories with the version they were read at, and writes whole user documents on the condition
 * that nobody wrote them in between: {@code if_seq_no}/{@code if_primary_term} for a user that exists,
 * {@code op_type=create} for one that did not. One multi-get and one bulk request per round, whatever the batch
 * size. Writes go through the alias only ({@code require_alias}), so a missing alias can never auto-create a
 * dynamically mapped index of that name.
 *
 * <p>No refresh: the read path reads a user by id, and a get is real-time in Elasticsearch.
 *
 * <p>The {@code users} index has a second store in this service, {@link recsys.online.users.UserStore}, on purpose:
 * this one owns the source fields (it writes whole documents, {@link UserHistory#toDocument}, which also drops the
 * derived ones), that one reads documents for ranking and writes only the derived list by partial update. They agree
 * through the one schema, {@link recsys.core.index.UserFields} (which lists every writer), and through the
 * documents' versions: each write is conditional on the version its writer read, so neither can overwrite the
 * other's newer write. One class for both would hold two jobs with different read shapes (a lenient tree here, for a
 * read-modify-write; typed records there) and different write rules.
 */
@Singleton
public class UserHistoryStore {

    /** A user's stored history and the version it was read at; {@code seqNo} null when the user does not exist. */
    public record Stored(String userId, UserHistory history, @Nullable Long seqNo, @Nullable Long primaryTerm) {

        public boolean exists() {
            return seqNo != null;
        }
    }

    /** A whole document to write for {@code base}'s user, conditional on {@code base}'s version. */
    public record Write(Stored base, Map<String, Object> document) {
    }

    /** How one conditional write ended. */
    public enum Outcome { CREATED, UPDATED, CONFLICT }

    private final ElasticsearchClient client;
    private final String alias;

    public UserHistoryStore(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.alias = names.alias(IndexSchema.USERS);
    }

    /** Every user asked for, existing or not. */
    public Map<String, Stored> read(Collection<String> userIds) {
        MgetResponse<ObjectNode> response = ElasticsearchCalls.call("read users",
                () -> client.mget(m -> m.index(alias).ids(List.copyOf(userIds)), ObjectNode.class));
        Map<String, Stored> stored = new HashMap<>();
        for (MultiGetResponseItem<ObjectNode> item : response.docs()) {
            if (item.isFailure()) {
                throw ElasticsearchCalls.classify("read user " + item.failure().id(), 0, item.failure().error());
            }
            GetResult<ObjectNode> result = item.result();
            if (result.found() && result.source() != null) {
                stored.put(result.id(), new Stored(result.id(), UserHistory.fromSource(result.source()),
                        result.seqNo(), result.primaryTerm()));
            } else {
                stored.put(result.id(), new Stored(result.id(), UserHistory.empty(), null, null));
            }
        }
        return stored;
    }

    /** Sends every write in one bulk request; a write that lost a race comes back as {@link Outcome#CONFLICT}. */
    public Map<String, Outcome> write(List<Write> writes) {
        BulkRequest.Builder bulk = new BulkRequest.Builder().index(alias).requireAlias(true).refresh(Refresh.False);
        for (Write write : writes) {
            Stored base = write.base();
            if (base.exists()) {
                bulk.operations(op -> op.index(i -> i.id(base.userId()).document(write.document())
                        .ifSeqNo(base.seqNo()).ifPrimaryTerm(base.primaryTerm())));
            } else {
                bulk.operations(op -> op.create(c -> c.id(base.userId()).document(write.document())));
            }
        }
        BulkResponse response = ElasticsearchCalls.call("write users", () -> client.bulk(bulk.build()));
        Map<String, Outcome> outcomes = new HashMap<>();
        List<BulkResponseItem> items = new ArrayList<>(response.items());
        for (BulkResponseItem item : items) {
            if (item.status() == 409) {
                outcomes.put(item.id(), Outcome.CONFLICT);
            } else if (item.error() != null) {
                throw ElasticsearchCalls.classify("write user " + item.id(), item.status(), item.error());
            } else {
                outcomes.put(item.id(), item.status() == 201 ? Outcome.CREATED : Outcome.UPDATED);
            }
        }
        return outcomes;
    }
}
