package recsys.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    @Test
    void sourceAndDerivedFieldsAreExactlyTheMappedOnes() {
        // the mapping's properties, one per line as `"name": { "type": ...`; no JSON parser in core
        Matcher property = Pattern.compile("\"(\\w+)\":\\s*\\{\\s*\"type\"")
                .matcher(IndexSchema.USERS.indexBodyJson());
        Set<String> mapped = new TreeSet<>();
        while (property.find()) {
            mapped.add(property.group(1));
        }
        Set<String> schema = new TreeSet<>(UserFields.SOURCE);
        schema.addAll(UserFields.DERIVED);
        assertEquals(schema, mapped);
        assertEquals(UserFields.SOURCE.size(), Set.copyOf(UserFields.SOURCE).size());
        assertTrue(Collections.disjoint(UserFields.SOURCE, UserFields.DERIVED));
        assertEquals(UserFields.USER_ID, IndexSchema.USERS.idField());
    }
}
