package recsys.online.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import recsys.core.index.IndexNames;

/**
 * Copies every index under one prefix to another, with its aliases renamed the same way, by Elasticsearch's clone
 * API: the segments are hard-linked, so a copy of the online fixture costs well under a second where a pipeline run
 * costs minutes. Cloning needs a write-blocked source, so a writable source is blocked for the moment of the clone
 * and unblocked afterwards; nothing may write to it meanwhile (the module's test classes run one at a time).
 */
final class PrefixClone {

    private final ElasticsearchHttp es;

    PrefixClone(String elasticsearchUrl) {
        // the prefix of the helper is unused: every call here names indices in full
        this.es = new ElasticsearchHttp(elasticsearchUrl, IndexNames.DEFAULT);
    }

    /**
     * Clones each index {@code from + rest} to {@code to + rest}, its aliases {@code from + a} becoming {@code to + a}
     * (write-index flags kept). The copies are write-blocked when {@code readOnly}, writable otherwise.
     */
    void copy(String from, String to, boolean readOnly) {
        JsonNode indices = ElasticsearchHttp.json(es.send("GET", "/" + from + "*/_alias", null));
        List<String> names = new ArrayList<>();
        indices.fieldNames().forEachRemaining(names::add);
        if (names.isEmpty()) {
            throw new IllegalStateException("no index to copy under " + from);
        }
        for (String source : names) {
            boolean wasBlocked = writeBlocked(source);
            if (!wasBlocked) {
                // waits for writes in flight, so the clone's segments hold every acknowledged document
                es.send("PUT", "/" + source + "/_block/write", null);
            }
            // cheap when there is nothing to commit, and a source blocked by someone else may hold uncommitted writes
            es.send("POST", "/" + source + "/_flush", null);
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.putObject("settings").put("index.blocks.write", readOnly);
            ObjectNode aliases = body.putObject("aliases");
            for (Iterator<Map.Entry<String, JsonNode>> it = indices.path(source).path("aliases").fields();
                 it.hasNext(); ) {
                Map.Entry<String, JsonNode> alias = it.next();
                ObjectNode copied = aliases.putObject(renamed(alias.getKey(), from, to));
                if (alias.getValue().has("is_write_index")) {
                    copied.set("is_write_index", alias.getValue().get("is_write_index"));
                }
            }
            es.send("POST", "/" + source + "/_clone/" + renamed(source, from, to), body.toString());
            if (!wasBlocked) {
                es.send("PUT", "/" + source + "/_settings", "{\"index.blocks.write\": false}");
            }
        }
    }

    private boolean writeBlocked(String index) {
        JsonNode settings = ElasticsearchHttp.json(es.send("GET",
                "/" + index + "/_settings/index.blocks.write?flat_settings=true", null));
        return settings.path(index).path("settings").path("index.blocks.write").asBoolean(false);
    }

    private static String renamed(String name, String from, String to) {
        if (!name.startsWith(from)) {
            throw new IllegalStateException(name + " is not under the prefix " + from);
        }
        return to + name.substring(from.length());
    }
}
