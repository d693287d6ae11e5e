package recsys.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IndexNamesTest {

    @Test
    void aliasesAndPhysicalNamesCarryThePrefix() {
        IndexNames names = new IndexNames("test-");
        assertEquals("test-movies", names.alias(IndexSchema.MOVIES));
        assertEquals("test-movie_vectors-20260101-000000-000-abcd",
                names.physical(IndexSchema.MOVIE_VECTORS, "20260101-000000-000-abcd"));
        assertEquals("movies", IndexNames.DEFAULT.alias(IndexSchema.MOVIES));
    }

    @Test
    void ownershipDoesNotCrossSchemasOrPrefixes() {
        IndexNames plain = IndexNames.DEFAULT;
        assertTrue(plain.owns(IndexSchema.MOVIES, "movies-20260101-000000-000-abcd"));
        assertFalse(plain.owns(IndexSchema.MOVIES, "movie_vectors-20260101-000000-000-abcd"));
        assertFalse(plain.owns(IndexSchema.USERS, "movies-20260101-000000-000-abcd"));
        assertFalse(plain.owns(IndexSchema.MOVIES, "movies-staging-movies-20260101-000000-000-abcd"));
    }

    @Test
    void rejectsPrefixesElasticsearchWouldRefuse() {
        assertThrows(IllegalArgumentException.class, () -> new IndexNames("Upper-"));
        assertThrows(IllegalArgumentException.class, () -> new IndexNames("-dash"));
        assertThrows(IllegalArgumentException.class, () -> new IndexNames("a b"));
    }

    @Test
    void everySchemaHasAStrictMappingWithItsIdField() {
        for (IndexSchema schema : IndexSchema.values()) {
            String body = schema.indexBodyJson();
            assertTrue(body.contains("\"dynamic\": \"strict\""), schema + " mapping is not strict");
            assertTrue(body.contains("\"" + schema.idField() + "\": { \"type\": \"keyword\" }"), schema + " lacks its id field");
        }
        assertTrue(IndexSchema.MOVIE_VECTORS.indexBodyJson().contains("\"dims\": 384"));
    }
}
