package recsys.online.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import recsys.online.error.ApiException;

/**
 * Reads a request body into a Jackson tree. The write endpoints take their bodies as raw bytes and parse them here,
 * not through {@code @Body} records, because the bodies are keyed by id (the keys are data, not field names) and
 * accept several shapes for one field (a string or a list, {@code rating} or {@code ratings}); a tree lets the
 * parsers check each value's type themselves and name the exact field at fault ({@code 12.ratings[3]}), which a
 * binding failure cannot.
 *
 * <p>Strict on purpose: a key repeated in one object is rejected (two ratings for user {@code "1"} in one body are
 * a client bug, and which one wins would depend on the parser), and so is anything after the top-level value.
 */
@Singleton
public final class JsonBodyReader {

    /** The field name errors about the body as a whole carry. */
    public static final String BODY = "body";

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** The body as a JSON object; a 400 naming {@code body} when it is empty, malformed or not an object. */
    public ObjectNode readObject(@Nullable byte[] body, String expected) {
        JsonNode tree = readTree(body, expected);
        if (!tree.isObject()) {
            throw ApiException.badRequest(BODY, "must be a JSON object, " + expected + "; was " + Json.typeOf(tree));
        }
        return (ObjectNode) tree;
    }

    /** The body as any JSON value; a 400 naming {@code body} when it is empty or malformed. */
    public JsonNode readTree(@Nullable byte[] body, String expected) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest(BODY, "is empty; expected " + expected);
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(BODY, "is not valid JSON: " + describe(e));
        } catch (IOException e) {
            throw ApiException.badRequest(BODY, "cannot be read: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode()) {
            throw ApiException.badRequest(BODY, "is empty; expected " + expected);
        }
        return tree;
    }

    /**
     * The entries of a body keyed by id, in the order given: a JSON object with at least one and at most
     * {@code limit} keys ({@code recsys.batch-limit}).
     *
     * @param items what the keys are, for messages ("users")
     */
    public List<Map.Entry<String, JsonNode>> readKeyedBatch(@Nullable byte[] body, String items, int limit,
                                                            String expected) {
        ObjectNode batch = readObject(body, expected);
        if (batch.isEmpty()) {
            throw ApiException.badRequest(BODY, "has no " + items + "; expected " + expected);
        }
        if (batch.size() > limit) {
            throw ApiException.badRequest(BODY, "has " + batch.size() + " " + items + "; at most " + limit
                    + " per request (recsys.batch-limit)");
        }
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(batch.size());
        batch.fields().forEachRemaining(entries::add);
        return entries;
    }

    /** Jackson's reason and where, without the excerpt of the body it would otherwise quote. */
    private static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String reason = e.getOriginalMessage();
        reason = reason == null ? "unreadable" : reason.lines().findFirst().orElse(reason);
        if (reason.length() > 200) {
            reason = reason.substring(0, 200) + "...";
        }
        return at == null ? reason : reason + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
}
