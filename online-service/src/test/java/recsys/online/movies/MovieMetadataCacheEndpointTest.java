package recsys.online.movies;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.core.index.IndexSchema;
import recsys.online.testing.ElasticsearchHttp;
import recsys.online.testing.ScratchIndices;
import recsys.online.testing.ServiceHttp;
import recsys.online.testing.ServiceHttp.Answer;

/**
 * The kept movie metadata against the real Elasticsearch and the real service: this instance's own
 * {@code /update_movie} is seen by its next read, another writer's change once the watcher's poll has read its
 * event, a new {@code movies} index once the poll sees the alias move, and a movie that did not exist as soon as it
 * does. The scheduled poll is set to an hour so that the test decides when a poll runs ({@link MovieChangeWatcher#poll}).
 * Reads go through {@code GET /movies/{id}}, which reads metadata the way every list does.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MovieMetadataCacheEndpointTest implements TestPropertyProvider {

    private static final String KEY = "metadata-cache-key";
    private static final Map<String, String> API_KEY = Map.of("X-Api-Key", KEY);

    private ScratchIndices scratch;
    private ElasticsearchHttp es;
    private ServiceHttp service;

    @Inject
    EmbeddedServer server;
    @Inject
    MovieChangeWatcher watcher;

    @Override
    public Map<String, String> getProperties() {
        scratch = ScratchIndices.create("metadata-it");
        es = scratch.http();
        Map<String, String> properties = new HashMap<>(scratch.serviceProperties());
        properties.put("recsys.api-key", KEY);
        properties.put("recsys.movie-metadata.poll-interval", "1h");
        properties.put("recsys.movie-metadata.change-window", "2h");
        return properties;
    }

    @BeforeAll
    void start() {
        service = new ServiceHttp(server.getURI());
        es.send("PUT", "/" + events(), "{\"aliases\": {\"" + es.alias(IndexSchema.EVENTS)
                + "\": {\"is_write_index\": true}}, " + IndexSchema.EVENTS.indexBodyJson().trim().substring(1));
        writeMovie("1", "Toy Story (1995)");
        watcher.poll();
    }

    @AfterAll
    void deleteIndices() {
        es.send("DELETE", "/" + events() + "," + republished() + "?ignore_unavailable=true", null);
        scratch.close();
    }

    private String events() {
        return scratch.names().physical(IndexSchema.EVENTS, IndexSchema.KEPT_INDEX_SUFFIX);
    }

    private String republished() {
        return scratch.names().physical(IndexSchema.MOVIES, "republished");
    }

    @Test
    void thisInstancesOwnUpdateIsSeenByItsNextRead() {
        assertEquals(200, service.post("/update_movie", "{\"7100001\": {\"title\": \"First Cut (2001)\"}}", API_KEY)
                .status());
        assertEquals("First Cut (2001)", title("7100001"));
        Answer renamed = service.post("/update_movie", "{\"7100001\": {\"title\": \"Director's Cut (2001)\"}}",
                API_KEY);
        assertEquals(200, renamed.status(), renamed.text());
        assertEquals("Director's Cut (2001)", title("7100001"), "no poll in between");
    }

    @Test
    void anotherWritersChangeIsSeenOnceThePollHasReadItsEvent() {
        writeMovie("7100002", "Before (2002)");
        assertEquals("Before (2002)", title("7100002"));

        writeMovie("7100002", "After (2002)");
        assertEquals("Before (2002)", title("7100002"), "kept: the index is not read again without an event");
        appendMovieEvent("7100002", System.currentTimeMillis());
        assertEquals("Before (2002)", title("7100002"), "nor before the poll");
        watcher.poll();
        assertEquals("After (2002)", title("7100002"));
    }

    @Test
    void aNewMoviesIndexIsSeenOnceThePollSeesTheAliasMove() {
        writeMovie("7100003", "Old Index (2003)");
        assertEquals("Old Index (2003)", title("7100003"));
        String alias = es.alias(IndexSchema.MOVIES);
        String fresh = republished();
        es.send("PUT", "/" + fresh, IndexSchema.MOVIES.indexBodyJson());
        es.send("PUT", "/" + fresh + "/_doc/7100003?refresh=true", "{\"movie_id\": \"7100003\", "
                + "\"title\": \"New Index (2003)\", \"genres\": [\"Drama\"]}");
        es.send("POST", "/_aliases", "{\"actions\": [{\"remove\": {\"index\": \"*\", \"alias\": \"" + alias + "\"}}, "
                + "{\"add\": {\"index\": \"" + fresh + "\", \"alias\": \"" + alias + "\"}}]}");

        assertEquals("Old Index (2003)", title("7100003"), "no event: kept until the poll");
        watcher.poll();
        assertEquals("New Index (2003)", title("7100003"));
    }

    @Test
    void aMovieThatDidNotExistIsFoundAsSoonAsItDoes() {
        assertEquals(404, service.get("/movies/7100004", Map.of()).status());
        writeMovie("7100004", "Late Arrival (2004)");
        assertEquals("Late Arrival (2004)", title("7100004"), "no poll in between");
    }

    private String title(String movieId) {
        Answer answer = service.get("/movies/" + movieId, Map.of());
        assertEquals(200, answer.status(), answer.text());
        return answer.json().get("title").asText();
    }

    /** A write by another writer: straight into the index, as another instance or a retrain's replay does. */
    private void writeMovie(String movieId, String title) {
        es.send("PUT", "/" + es.alias(IndexSchema.MOVIES) + "/_doc/" + movieId + "?refresh=true",
                "{\"movie_id\": \"" + movieId + "\", \"title\": \"" + title + "\", \"genres\": [\"Drama\"]}");
    }

    private void appendMovieEvent(String movieId, long receivedAt) {
        es.send("PUT", "/" + es.alias(IndexSchema.EVENTS) + "/_doc/other-instance%7Cm%7C" + movieId + "?refresh=true",
                "{\"event_id\": \"other-instance|m|" + movieId + "\", \"type\": \"movie\", \"received_at\": "
                        + receivedAt + ", \"request_key\": \"other-instance\", \"movie_id\": \"" + movieId + "\"}");
    }
}
