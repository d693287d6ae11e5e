package recsys.offline.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import recsys.core.events.EventFields;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.core.index.MovieDocuments;
import recsys.core.ratings.UserHistory;
import recsys.offline.index.ElasticsearchClients;
import recsys.offline.index.IndexLifecycle;
import recsys.offline.testing.TestIndices;
import recsys.offline.testing.TestSpark;

/** The replay of online events onto live indices, against the real Elasticsearch (no Spark). */
class EventReplayTest {

    private final IndexNames names = new IndexNames("er-" + UUID.randomUUID().toString().substring(0, 8) + "-");
    private ElasticsearchClient client;
    private EventReplay replay;

    @BeforeEach
    void indices(@TempDir Path temp) {
        client = ElasticsearchClients.create(TestSpark.settings(temp, names).elasticsearch());
        IndexLifecycle lifecycle = new IndexLifecycle(client, names, 0);
        Map<IndexSchema, String> created = new EnumMap<>(IndexSchema.class);
        for (IndexSchema schema : List.of(IndexSchema.MOVIES, IndexSchema.USERS, IndexSchema.MOVIE_VECTORS)) {
            String index = lifecycle.create(schema, "r1");
            lifecycle.seal(index);
            created.put(schema, index);
        }
        lifecycle.publish(created);
        replay = new EventReplay(client, names);
    }

    @AfterEach
    void clean() throws IOException {
        TestIndices.deleteAll(client, names);
        client._transport().close();
    }

    @Test
    void eachMovieAndRatingEndsAtItsLatestEventKeepingTheStatisticsAndAgainChangesNothing() throws IOException {
        Map<String, Object> stored = new LinkedHashMap<>(MovieDocuments.whenNew("1",
                MovieDocuments.described("Old (1990)", 1990, List.of("Drama"), List.of())));
        stored.put("rating_count", 7);
        client.index(i -> i.index(names.alias(IndexSchema.MOVIES)).id("1").document(stored).refresh(Refresh.True));
        long cut = System.currentTimeMillis();
        append(List.of(
                EventFields.movie("k1", "1", "First (1991)", 1991, List.of("Comedy"), List.of("a"), vector(1), cut + 1),
                EventFields.movie("k2", "1", "Second (1992)", 1992, List.of("Horror"), List.of(), vector(2), cut + 2),
                EventFields.movie("k3", "n1", "New (2026)", null, List.of("Drama"), List.of("b"), vector(3), cut + 3),
                EventFields.rating("k4", "u", "1", 2.0, 100, cut + 4),
                EventFields.rating("k5", "u", "1", 4.5, 90, cut + 5),
                EventFields.rating("k5", "u", "n1", 3.0, 90, cut + 5),
                // received before the cut: the snapshot has it, so it is not replayed
                EventFields.rating("k0", "v", "1", 1.0, 50, cut - 1)));

        EventReplay.Counts counts = replay.replay(cut);

        assertEquals(new EventReplay.Counts(6, 1, 2), counts);
        ObjectNode one = source(IndexSchema.MOVIES, "1");
        assertEquals("Second (1992)", one.get("title").asText());
        assertEquals(1992, one.get("year").asInt());
        assertEquals("[\"Horror\"]", one.get("genres").toString());
        assertEquals("[]", one.get("tags").toString());
        assertEquals(7, one.get("rating_count").asInt(), "the statistics ingest computed stay");
        assertEquals(floats(vector(2)), floats(source(IndexSchema.MOVIE_VECTORS, "1").get("movie_vector")));
        ObjectNode fresh = source(IndexSchema.MOVIES, "n1");
        assertEquals("New (2026)", fresh.get("title").asText());
        assertEquals(0, fresh.get("rating_count").asInt());
        assertEquals(floats(vector(3)), floats(source(IndexSchema.MOVIE_VECTORS, "n1").get("movie_vector")));
        UserHistory u = UserHistory.fromSource(source(IndexSchema.USERS, "u"));
        assertEquals(4.5, u.ratings().get(u.movieIds().indexOf("1")), "the latest by arrival wins");
        assertEquals(3.0, u.ratings().get(u.movieIds().indexOf("n1")));
        assertFalse(client.exists(e -> e.index(names.alias(IndexSchema.USERS)).id("v")).value());

        ObjectNode before = source(IndexSchema.MOVIES, "1");
        assertEquals(0, replay.replay(cut).usersChanged());
        assertEquals(before, source(IndexSchema.MOVIES, "1"));
        assertEquals(u, UserHistory.fromSource(source(IndexSchema.USERS, "u")));
    }

    /**
     * A writer posts a movie again and again as the service does (event first, then an unconditional write),
     * while replays run; a replay must never leave the movie at an event older than the last write.
     */
    @Test
    void aMoviePostedWhileReplaysRunEndsAtItsLastPost() throws Exception {
        long cut = System.currentTimeMillis() - 1;
        int posts = 150;
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 1; i <= posts; i++) {
                    int post = i;
                    String title = "Title " + post;
                    append(List.of(EventFields.movie(String.format("k%04d", i), "m", title, 2000, List.of("Drama"),
                            List.of(), vector(post), System.currentTimeMillis())));
                    Map<String, Object> described = MovieDocuments.described(title, 2000, List.of("Drama"),
                            List.of());
                    Map<String, Object> whenNew = MovieDocuments.whenNew("m", described);
                    Map<String, Object> vectorDocument = MovieDocuments.vector("m", vector(post));
                    // as the service's MovieWriteStore writes a movie
                    assertFalse(client.bulk(b -> b.requireAlias(true)
                            .operations(op -> op.update(u -> u.index(names.alias(IndexSchema.MOVIES)).id("m")
                                    .retryOnConflict(3).action(a -> a.doc(described).upsert(whenNew))))
                            .operations(op -> op.index(x -> x.index(names.alias(IndexSchema.MOVIE_VECTORS)).id("m")
                                    .document(vectorDocument)))).errors());
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        int replays = 0;
        while (!writer.isDone()) {
            replay.replay(cut);
            replays++;
        }
        writer.get();

        assertTrue(replays > 1, "the replays ran while the writer wrote: " + replays);
        assertEquals("Title " + posts, source(IndexSchema.MOVIES, "m").get("title").asText(), replays + " replays");
    }

    private void append(List<Map<String, Object>> events) throws IOException {
        String alias = names.alias(IndexSchema.EVENTS);
        if (!client.indices().existsAlias(a -> a.name(alias)).value()) {
            client.indices().create(c -> c.index(names.physical(IndexSchema.EVENTS, IndexSchema.KEPT_INDEX_SUFFIX))
                    .withJson(new StringReader(IndexSchema.EVENTS.indexBodyJson())).aliases(alias, a -> a));
        }
        BulkRequest.Builder bulk = new BulkRequest.Builder().index(alias);
        for (Map<String, Object> event : events) {
            bulk.operations(op -> op.index(i -> i.id((String) event.get(EventFields.EVENT_ID)).document(event)));
        }
        assertFalse(client.bulk(bulk.build()).errors());
    }

    private ObjectNode source(IndexSchema schema, String id) throws IOException {
        var found = client.get(g -> g.index(names.alias(schema)).id(id), ObjectNode.class);
        assertTrue(found.found(), schema + " " + id);
        return found.source();
    }

    private static List<Float> floats(JsonNode node) {
        List<Float> values = new ArrayList<>();
        node.forEach(value -> values.add((float) value.asDouble()));
        return values;
    }

    private static List<Float> floats(float[] vector) {
        List<Float> values = new ArrayList<>();
        for (float value : vector) {
            values.add(value);
        }
        return values;
    }

    private static float[] vector(int seed) {
        java.util.Random random = new java.util.Random(seed);
        float[] vector = new float[384];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = random.nextFloat() - 0.5f;
        }
        return vector;
    }
}
