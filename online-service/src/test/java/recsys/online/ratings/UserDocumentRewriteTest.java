package recsys.online.ratings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import recsys.core.index.IndexSchema;
import recsys.online.testing.ScratchIndices;
import recsys.online.testing.ServiceHttp;

/**
 * A field derived from a user's ratings by someone else (the read path's precomputed recommendations, say) must not
 * survive a change of those ratings: the writer stores the whole document it computed, so fields it does not know
 * are dropped. Checked on scratch indices whose users mapping gains one extra field, as a later version may add.
 */
class UserDocumentRewriteTest {

    private static final String KEY = "rewrite-key";

    @Test
    void fieldsTheWriterDoesNotKnowAreDroppedWhenTheRatingsChange() {
        try (ScratchIndices scratch = ScratchIndices.create("rewrite-it")) {
            String users = scratch.http().alias(IndexSchema.USERS);
            scratch.http().send("PUT", "/" + users + "/_mapping",
                    "{\"properties\": {\"derived_list\": {\"type\": \"keyword\"}}}");
            scratch.http().send("PUT", "/" + users + "/_doc/84000001?refresh=true", "{\"user_id\": \"84000001\", "
                    + "\"movie_ids\": [\"1\"], \"ratings\": [3.0], \"timestamps\": [1000], \"rating_count\": 1, "
                    + "\"rating_mean\": 3.0, \"derived_list\": [\"1\", \"2\"]}");
            Map<String, Object> properties = new HashMap<>(scratch.serviceProperties());
            properties.put("micronaut.server.port", -1);
            properties.put("recsys.api-key", KEY);
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
                assertEquals(200, new ServiceHttp(server.getURI()).post("/update_ratings",
                        "{\"84000001\": {\"movie_id\": \"2\", \"rating\": 5}}", Map.of("X-Api-Key", KEY)).status());
            }
            JsonNode stored = scratch.http().source(IndexSchema.USERS, "84000001").orElseThrow();
            assertFalse(stored.has("derived_list"), stored.toString());
            assertEquals(2, stored.get("rating_count").asInt());
            assertEquals(4.0, stored.get("rating_mean").asDouble(), 1e-6);
            assertTrue(stored.get("movie_ids").toString().contains("\"2\""), stored.toString());
        }
    }
}
