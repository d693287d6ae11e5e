package recsys.online.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;
import recsys.online.error.ApiException;

/** The one check of a rejected request in the parser tests: a 400 naming the field, with the reason in words. */
public final class BadRequests {

    private BadRequests() {
    }

    public static void assertBadRequest(Executable parse, String field, String reason) {
        ApiException e = assertThrows(ApiException.class, parse);
        assertEquals(400, e.status().getCode());
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
