package recsys.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class UserFieldsTest {

    @Test
    void fingerprintIgnoresOrderAndNumberType() {
        String a = UserFields.ratingsFingerprint(List.of("1", "2", "10"), List.of(4.0, 3.5, 5.0));
        String b = UserFields.ratingsFingerprint(List.of("10", "1", "2"), List.of(5.0f, 4.0f, 3.5f));
        assertEquals(a, b);
        assertEquals(32, a.length());
    }

    @Test
    void fingerprintChangesWithARatingOrAMovie() {
        String base = UserFields.ratingsFingerprint(List.of("1", "2"), List.of(4.0, 3.5));
        assertNotEquals(base, UserFields.ratingsFingerprint(List.of("1", "2"), List.of(4.0, 4.0)));
        assertNotEquals(base, UserFields.ratingsFingerprint(List.of("1", "3"), List.of(4.0, 3.5)));
        assertNotEquals(base, UserFields.ratingsFingerprint(List.of("1"), List.of(4.0)));
    }

    @Test
    void mismatchedListsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> UserFields.ratingsFingerprint(List.of("1"), List.of()));
    }

    @Test
    void everyDerivedFieldIsInTheMapping() {
        String mapping = IndexSchema.USERS.indexBodyJson();
        for (String field : UserFields.DERIVED) {
            assertTrue(mapping.contains("\"" + field + "\""), field);
        }
    }
}
