package recsys.offline.testing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import recsys.core.index.IndexNames;

/** Removes the indices a test created under its own prefix. */
public final class TestIndices {

    private TestIndices() {
    }

    /** Elasticsearch 8 refuses wildcard deletes (action.destructive_requires_name), so list, then delete by name. */
    public static void deleteAll(ElasticsearchClient client, IndexNames names) throws IOException {
        if (names.prefix().isEmpty()) {
            throw new IllegalArgumentException("refusing to delete every index of an unprefixed deployment");
        }
        List<String> ours = new ArrayList<>(client.indices().get(g -> g.index(names.prefix() + "*")).result().keySet());
        if (!ours.isEmpty()) {
            client.indices().delete(d -> d.index(ours));
        }
    }
}
