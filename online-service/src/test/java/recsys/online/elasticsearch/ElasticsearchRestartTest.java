package recsys.online.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpMethod;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.web.router.Router;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import recsys.online.testing.ScratchIndices;
import recsys.online.testing.ServiceHttp;
import recsys.online.testing.ServiceHttp.Answer;
import recsys.testing.ContinuousIntegration;
import recsys.testing.LocalElasticsearch;

/**
 * Stops the real local Elasticsearch under a running service and starts it again: while it is down, writes (and
 * reads, where the routes exist) answer 503 in the error shape and {@code /health} is DOWN; once it is back, the
 * same service answers normally without a restart.
 *
 * <p>The server is shared by everyone on this machine, so the window is kept short (a stop and a start, about
 * 15 s) and the start is in a {@code finally}. The test stops whichever local server answers: it reads the server's
 * {@code path.home} and runs {@code bin/elasticsearch-local} with that state folder ({@code RECSYS_ES_HOME}), so
 * the same data comes back. It cannot run on an external cluster ({@code RECSYS_ES_URL}) or a server the script
 * did not start: there it is skipped, naming the reason, and under {@code CI=true} it fails instead
 * ({@link ContinuousIntegration}), since CI starts the local server and a skip would hide a test that never ran.
 */
class ElasticsearchRestartTest {

    private static final String KEY = "outage-key";
    private static final Map<String, String> AUTH = Map.of("X-Api-Key", KEY);
    private static final String RATINGS = "{\"83000001\": {\"movie_id\": \"1\", \"rating\": 4}}";
    private static final String MOVIE = "{\"8300001\": {\"title\": \"Blackout (2001)\", \"genres\": \"Drama\"}}";
    /** Read routes to check during the outage, once they exist on this branch. */
    private static final List<String> READS = List.of("/features?user_id=1", "/recommendations?user_id=1");
    private static final Duration RECOVERY = Duration.ofSeconds(30);

    @Test
    void writesAnd503AndHealthDownWhileElasticsearchIsStoppedThenRecoversByItself() throws Exception {
        ContinuousIntegration.require(System.getenv(LocalElasticsearch.URL_ENV) == null, LocalElasticsearch.URL_ENV
                + " names an external cluster, which this test never stops; unset it to test an outage of the local one");
        try (ScratchIndices scratch = ScratchIndices.create("outage-it")) {
            Path state = localServerState(scratch);
            Map<String, Object> properties = new HashMap<>(scratch.serviceProperties());
            properties.put("micronaut.server.port", -1);
            properties.put("recsys.api-key", KEY);
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
                ServiceHttp http = new ServiceHttp(server.getURI());
                assertEquals(200, http.post("/update_ratings", RATINGS, AUTH).status());
                assertEquals(200, http.get("/health", Map.of()).status());
                Router router = server.getApplicationContext().getBean(Router.class);
                List<String> reads = READS.stream().filter(read -> router.find(HttpMethod.GET,
                        read.substring(0, read.indexOf('?')), null).findAny().isPresent()).toList();

                long stopped = System.nanoTime();
                try {
                    script("stop", state);
                    assertUnavailable(http.post("/update_ratings", RATINGS, AUTH));
                    assertUnavailable(http.post("/update_movie", MOVIE, AUTH));
                    reads.forEach(read -> assertUnavailable(http.get(read, Map.of())));
                    Answer health = http.get("/health", Map.of());
                    assertEquals(503, health.status(), health.text());
                    assertEquals("DOWN", health.json().path("status").asText(), health.text());
                } finally {
                    script("start", state);
                    System.out.printf("[outage-test] Elasticsearch was down for %.1f s%n",
                            (System.nanoTime() - stopped) / 1e9);
                }

                awaitHealthy(http);
                assertEquals(200, http.post("/update_ratings", RATINGS, AUTH).status());
                assertEquals(200, http.post("/update_movie", MOVIE, AUTH).status());
                for (String read : reads) {
                    awaitAnswered(http, read);
                }
            }
        }
    }

    private static void assertUnavailable(Answer answer) {
        assertEquals(503, answer.status(), answer.text());
        assertEquals("application/json", answer.contentType());
        assertEquals(503, answer.error().path("status").asInt());
        assertTrue(answer.error().path("message").asText().contains("Elasticsearch"), answer.text());
    }

    /**
     * A read answers without a 5xx within {@link #RECOVERY}: a cluster just restarted can take longer than the
     * request deadline (recsys.es.request-deadline) over its first searches on a loaded machine, and a 503 then is
     * the deadline doing its job; what must not happen is a service that never recovers.
     */
    private static void awaitAnswered(ServiceHttp http, String read) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        Answer answer = http.get(read, Map.of());
        while (answer.status() >= 500 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            answer = http.get(read, Map.of());
        }
        assertTrue(answer.status() < 500, read + " did not recover within " + RECOVERY + ": " + answer.text());
    }

    private static void awaitHealthy(ServiceHttp http) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (http.get("/health", Map.of()).status() != 200) {
            assertTrue(System.nanoTime() < deadline, "the service did not report UP within " + RECOVERY);
            Thread.sleep(200);
        }
    }

    /**
     * The state folder ({@code RECSYS_ES_HOME}) of the running local server: its {@code path.home} is
     * {@code <state>/dist/elasticsearch-<version>}. Requires the layout to be the script's.
     */
    private static Path localServerState(ScratchIndices scratch) throws IOException {
        JsonNode nodes = new ObjectMapper().readTree(scratch.http().send("GET", "/_nodes/_local/settings", null))
                .path("nodes");
        JsonNode settings = nodes.elements().next().path("settings");
        Path home = Path.of(settings.path("path").path("home").asText("/nonexistent"));
        Path state = home.getParent() == null || home.getParent().getParent() == null ? home
                : home.getParent().getParent();
        ContinuousIntegration.require(Files.isDirectory(state.resolve("run")) && Files.isDirectory(state.resolve("data")),
                "the Elasticsearch at " + scratch.url() + " was not started by bin/elasticsearch-local (its path.home is "
                        + home + "), so this test cannot stop and restart it");
        return state;
    }

    /** Runs {@code bin/elasticsearch-local <command>} on the given state folder; fails if it fails. */
    private static void script(String command, Path state) throws IOException, InterruptedException {
        Path root = LocalElasticsearch.repositoryRoot();
        Path log = Files.createTempFile("elasticsearch-local-" + command, ".log");
        ProcessBuilder builder = new ProcessBuilder(root.resolve("bin/elasticsearch-local").toString(), command)
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("RECSYS_ES_HOME", state.toString());
        Process process = builder.start();
        boolean finished = process.waitFor(3, TimeUnit.MINUTES);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        assertTrue(finished && process.exitValue() == 0, "bin/elasticsearch-local " + command + " failed:\n" + output);
    }
}
