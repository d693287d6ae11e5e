package recsys.online.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Checks a response is the service's JSON error: {@code {"error": {"status", "field"?, "message"}}}. */
public final class ErrorAssertions {

    private ErrorAssertions() {
    }

    /** @param field the field the error must name, or null when it must name none */
    public static JsonNode assertError(JsonHttp.Response response, int status, String field) {
        assertEquals(status, response.status(), response.body());
        assertNotNull(response.json(), "not JSON: " + response.body());
        assertEquals(List.of("error"), fieldNames(response.json()), response.body());
        JsonNode error = response.json().get("error");
        assertEquals(status, error.get("status").asInt(), response.body());
        assertFalse(error.get("message").asText().isBlank(), response.body());
        assertFalse(response.body().contains("\tat "), "a stack trace leaked: " + response.body());
        if (field == null) {
            assertTrue(error.get("field") == null, response.body());
        } else {
            assertEquals(field, error.get("field").asText(), response.body());
        }
        return error;
    }

    public static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
