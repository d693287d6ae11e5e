package recsys.online.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.core.ratings.UserHistory;
import recsys.online.testing.ElasticsearchHttp;
import recsys.online.testing.OfflineCli;
import recsys.online.testing.OfflineFixture;
import recsys.online.testing.ServiceHttp;

/**
 * The promise, end to end: while {@code recsys retrain} runs (in its own JVM, real Spark, real model), four
 * clients post ratings through the service, to new users and to users the retrain rebuilds; afterwards every rating
 * that got a 200 is in the rebuilt {@code users} index and in {@code /features}. Each client owns its users, so the
 * last rating it sent of a (user, movie) is the one expected.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetrainDuringWritesTest implements TestPropertyProvider {

    private static final String KEY = "retrain-writes-key";
    private static final int CLIENTS = 4;
    private static final int MOVIES = 80;

    private OfflineFixture.Loaded fixture;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        fixture = OfflineFixture.separate("retrain-it-");
        Map<String, String> properties = new HashMap<>(fixture.serviceProperties());
        properties.put("recsys.api-key", KEY);
        properties.put("recsys.model-poll-interval", "500ms");
        return properties;
    }

    @Test
    void everyRatingAcknowledgedDuringARetrainIsInTheRebuiltIndexAndInFeatures() throws Exception {
        ServiceHttp service = new ServiceHttp(server.getURI());
        Instant started = Instant.now();
        String retrainOutput;
        ElasticsearchHttp es = new ElasticsearchHttp(fixture.elasticsearchUrl(), new IndexNames(fixture.indexPrefix()));
        String usersBefore = usersIndex(es);
        Map<String, Double> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Integer>> sent = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            sent.add(clients.submit(() -> write(service, client, stop, acknowledged)));
        }
        try {
            // --force: the version serves whatever its figures, so the service's switch to it can be checked
            retrainOutput = fixture.cli().run("retrain", OfflineCli.CLI_MAIN, "retrain", "--force",
                    "--data", fixture.workDirectory().resolve("data").toString(),
                    "--storage", fixture.storage().toString(), "--master", "local[2]", "--parallelism", "2");
            Thread.sleep(1_000); // and a little after it ended
        } finally {
            stop.set(true);
            clients.shutdown();
        }
        int requests = 0;
        for (Future<Integer> client : sent) {
            requests += client.get();
        }

        assertNotEquals(usersBefore, usersIndex(es), "the retrain rebuilt the users index");
        assertTrue(acknowledged.size() >= 40, "enough writes raced the run: " + acknowledged.size());
        Map<String, UserHistory> histories = new HashMap<>();
        for (Map.Entry<String, Double> rating : acknowledged.entrySet()) {
            String[] key = rating.getKey().split("\\|");
            UserHistory history = histories.computeIfAbsent(key[0], user -> UserHistory.fromSource(
                    es.source(IndexSchema.USERS, user).orElseThrow(() -> new AssertionError("user " + user
                            + " is missing"))));
            int at = history.movieIds().indexOf(key[1]);
            assertTrue(at >= 0, "user " + key[0] + " lost movie " + key[1]);
            assertEquals(rating.getValue(), history.ratings().get(at), 1e-6, rating.getKey());
        }
        for (String user : histories.keySet()) {
            JsonNode features = service.get("/features?user_id=" + URLEncoder.encode(user, StandardCharsets.UTF_8),
                    Map.of()).json();
            List<String> listed = ElasticsearchHttp.strings(features.get("features").get(0).get("histories"));
            acknowledged.keySet().stream().filter(key -> key.startsWith(user + "|"))
                    .forEach(key -> assertTrue(listed.contains(key.split("\\|")[1]), key + " not in /features"));
        }
        System.out.printf("[retrain-during-writes] %d requests, %d (user, movie) ratings acknowledged and found%n",
                requests, acknowledged.size());

        // the service loads the promoted version by itself and says how fresh its data is
        String current = Files.readString(fixture.storage().resolve("models").resolve("CURRENT")).trim();
        assertTrue(retrainOutput.contains("model version " + current + " promoted: forced"), retrainOutput);
        JsonNode model = null;
        for (long deadline = System.nanoTime() + 30_000_000_000L; System.nanoTime() < deadline; Thread.sleep(250)) {
            model = service.get("/health", Map.of("X-Api-Key", KEY)).json().path("details").path("model")
                    .path("details");
            if (current.equals(model.path("version").asText())) {
                break;
            }
        }
        assertEquals(current, model.path("version").asText(), model.toString());
        assertTrue(Instant.parse(model.path("trained_at").asText()).isAfter(started), model.toString());
        assertTrue(Instant.parse(model.path("events_until").asText()).isAfter(started), model.toString());
        String status = fixture.cli().run("status", OfflineCli.CLI_MAIN, "status", "--storage",
                fixture.storage().toString());
        assertTrue(status.contains("serving model version: " + current) && status.contains(" promoted "), status);

        // a second retrain while one holds the lock (here: a lock with a fresh heartbeat) is refused with exit code 3
        long now = System.currentTimeMillis();
        es.send("PUT", "/" + es.alias(IndexSchema.RUNS) + "/_create/retrain-lock?refresh=true", "{\"run_id\": "
                + "\"retrain-lock\", \"kind\": \"lock\", \"command\": \"retrain-elsewhere\", \"host\": \"other-host\", "
                + "\"started_at\": " + now + ", \"heartbeat_at\": " + now + "}");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> fixture.cli().run(
                "retrain-refused", OfflineCli.CLI_MAIN, "retrain", "--storage", fixture.storage().toString(),
                "--master", "local[2]", "--parallelism", "2"));
        assertTrue(refused.getMessage().contains("exited with " + 3) && refused.getMessage().contains(
                "retrain-elsewhere") && refused.getMessage().contains("other-host"), refused.getMessage());
        assertEquals(current, Files.readString(fixture.storage().resolve("models").resolve("CURRENT")).trim());
    }

    /** Posts ratings until stopped: to its own new users and to its own share of the fixture's users. */
    private int write(ServiceHttp service, int client, AtomicBoolean stop, Map<String, Double> acknowledged)
            throws InterruptedException {
        Random random = new Random(client);
        int requests = 0;
        for (int n = 0; !stop.get(); n++) {
            String user = n % 2 == 0 ? "w" + client + "-" + (n % 7) : Integer.toString(1 + client + CLIENTS * (n % 7));
            String movie = Integer.toString(1 + random.nextInt(MOVIES));
            double rating = 0.5 * (1 + random.nextInt(10));
            ServiceHttp.Answer answer = service.post("/update_ratings", "{\"" + user + "\": {\"movie_id\": \""
                    + movie + "\", \"rating\": " + rating + "}}", Map.of("X-Api-Key", KEY));
            requests++;
            if (answer.status() == 200) {
                acknowledged.put(user + "|" + movie, rating);
            }
            Thread.sleep(20);
        }
        return requests;
    }

    private static String usersIndex(ElasticsearchHttp es) {
        return ElasticsearchHttp.json(es.send("GET", "/" + es.alias(IndexSchema.USERS) + "/_alias", null))
                .fieldNames().next();
    }
}
