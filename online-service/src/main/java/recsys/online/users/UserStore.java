package recsys.online.users;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.GetResponse;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.core.index.UserFields;
import recsys.online.elasticsearch.ElasticsearchCalls;

/**
 * Reads user documents and writes their derived precomputed list; nothing else of a user is written here. The source
 * fields (the ratings) are written whole by {@link recsys.online.ratings.UserHistoryStore}; why the {@code users}
 * index has two stores, and how their writes stay apart, is explained there and in {@link UserFields}.
 */
@Singleton
public class UserStore {

    /** A user document with the sequence number and primary term it was read at, for a conditional write. */
    public record VersionedUser(UserDocument document, long seqNo, long primaryTerm) {
    }

    private final ElasticsearchClient client;
    private final String alias;

    public UserStore(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.alias = names.alias(IndexSchema.USERS);
    }

    /**
     * The whole user document. (Not a filtered {@code _source}: filtering makes Elasticsearch parse and rewrite a
     * heavy user's document on every read, which costs more than sending it whole.)
     */
    public Optional<VersionedUser> find(String userId) {
        GetResponse<UserDocument> response = ElasticsearchCalls.call("read user " + userId,
                () -> client.get(g -> g.index(alias).id(userId), UserDocument.class));
        if (!response.found() || response.source() == null) {
            return Optional.empty();
        }
        return Optional.of(new VersionedUser(response.source(), response.seqNo(), response.primaryTerm()));
    }

    /**
     * Stores a precomputed list in the user's document, only if the document has not changed since it was read
     * (the list was computed from those ratings).
     *
     * @return false when the document changed or disappeared in between; the list is then simply not stored
     */
    public boolean saveRecommendations(VersionedUser user, StoredRecommendations recommendations) {
        String id = user.document().userId();
        try {
            ElasticsearchCalls.call("store the recommendations of user " + id, () -> client.update(u -> u
                    .index(alias).id(id)
                    .ifSeqNo(user.seqNo()).ifPrimaryTerm(user.primaryTerm())
                    .doc(Map.of(UserFields.RECOMMENDATIONS, recommendations)), UserDocument.class));
            return true;
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof ElasticsearchException es && (es.status() == 409 || es.status() == 404)) {
                return false;
            }
            throw e;
        }
    }
}
