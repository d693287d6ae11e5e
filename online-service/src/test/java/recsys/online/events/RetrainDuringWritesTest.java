package recsys.online.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.core.model.ModelDescription;
import recsys.core.ratings.UserHistory;
import recsys.online.testing.ElasticsearchHttp;
import recsys.online.testing.OfflineCli;
import recsys.online.testing.OfflineFixture;
import recsys.online.testing.ServiceHttp;

/**
 * The promise, end to end, through the service and the CLI in their own JVMs (real Spark, real model):
 * <ul>
 *   <li>a movie and ratings written before a retrain are in its indices, its training data (the manifest's count
 *       grows by exactly the new pairs) and {@code /features};</li>
 *   <li>two retrains started at the same moment: one runs, the other exits 3 naming it;</li>
 *   <li>while the run goes on, four clients post ratings, to new users and to users the retrain rebuilds; afterwards
 *       every rating that got a 200 is in the rebuilt {@code users} index and in {@code /features}. Each client owns
 *       its users, so the last rating it sent of a (user, movie) is the one expected;</li>
 *   <li>{@code recsys rollback} is refused while a retrain holds the lock, then serves the version from before.</li>
 * </ul>
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetrainDuringWritesTest implements TestPropertyProvider {

    private static final String KEY = "retrain-writes-key";
    private static final int CLIENTS = 4;
    private static final int MOVIES = 80;
    private static final String ONLINE_USER = "online-before-the-run";
    private static final String ONLINE_MOVIE = "9001";

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
        ElasticsearchHttp es = new ElasticsearchHttp(fixture.elasticsearchUrl(), new IndexNames(fixture.indexPrefix()));
        String usersBefore = usersIndex(es);
        String servingBefore = current();

        // online writes before the run, through the service: a new movie, and new (user, movie) pairs only
        assertEquals(200, service.post("/update_movie", "{\"" + ONLINE_MOVIE + "\": {\"title\": \"Written Online "
                + "(2031)\", \"genres\": [\"Drama\"]}}", Map.of("X-Api-Key", KEY)).status());
        List<String> onlineMovies = List.of("1", "2", "3", "4", "5", ONLINE_MOVIE);
        for (String movie : onlineMovies) {
            assertEquals(200, service.post("/update_ratings", "{\"" + ONLINE_USER + "\": {\"movie_id\": \"" + movie
                    + "\", \"rating\": 4.5}}", Map.of("X-Api-Key", KEY)).status());
        }

        // two retrains started at the same moment, each in its own JVM: one runs, the other is refused
        ExecutorService runners = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> retrains = new ArrayList<>();
        for (String name : List.of("retrain-a", "retrain-b")) {
            // --force: the version serves whatever its figures, so the service's switch to it can be checked
            retrains.add(runners.submit(() -> {
                go.await();
                return fixture.cli().run(name, OfflineCli.CLI_MAIN, "retrain", "--force",
                        "--data", fixture.workDirectory().resolve("data").toString(),
                        "--storage", fixture.storage().toString(), "--master", "local[2]", "--parallelism", "2");
            }));
        }
        go.countDown();
        runners.shutdown();

        // the writers start once the run has cut its snapshot, so the training data holds exactly the writes above;
        // from then on every write races the run (ingest, embed, train, evaluate, lists, the swap)
        JsonNode run = snapshotTaken(es, started);
        Map<String, Double> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Integer>> sent = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            sent.add(clients.submit(() -> write(service, client, stop, acknowledged)));
        }
        String retrainOutput = null;
        List<String> refusals = new ArrayList<>();
        try {
            for (Future<String> retrain : retrains) {
                try {
                    retrainOutput = retrain.get();
                } catch (ExecutionException e) {
                    refusals.add(e.getCause().getMessage());
                }
            }
            Thread.sleep(1_000); // and a little after it ended
        } finally {
            stop.set(true);
            clients.shutdown();
        }
        int requests = 0;
        for (Future<Integer> client : sent) {
            requests += client.get();
        }
        assertNotNull(retrainOutput, "neither retrain ran: " + refusals);
        assertEquals(1, refusals.size(), "exactly one of the two is refused");
        String runId = run.path("run_id").asText();
        assertTrue(refusals.get(0).contains("exited with 3") && refusals.get(0).contains("another retrain is running")
                && refusals.get(0).contains(runId), refusals.get(0));
        assertTrue(retrainOutput.contains("retrain " + runId + ": "), retrainOutput);

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
            List<String> listed = featuresHistory(service, user);
            acknowledged.keySet().stream().filter(key -> key.startsWith(user + "|"))
                    .forEach(key -> assertTrue(listed.contains(key.split("\\|")[1]), key + " not in /features"));
        }
        System.out.printf("[retrain-during-writes] %d requests, %d (user, movie) ratings acknowledged and found%n",
                requests, acknowledged.size());

        // the writes made before the run: in the new indices, in /features, and in the training data, which grew
        // by exactly their new (user, movie) pairs
        String current = current();
        assertEquals(onlineMovies, featuresHistory(service, ONLINE_USER).stream().filter(onlineMovies::contains)
                .sorted().toList());
        assertEquals("Written Online (2031)", es.source(IndexSchema.MOVIES, ONLINE_MOVIE).orElseThrow()
                .path("title").asText());
        assertTrue(es.source(IndexSchema.MOVIE_VECTORS, ONLINE_MOVIE).isPresent(), "the online movie is embedded");
        assertEquals(dataRatings(servingBefore) + onlineMovies.size(), dataRatings(current),
                "version " + current + " trained on the file's ratings and the " + onlineMovies.size() + " new ones");

        // the service loads the promoted version by itself and says how fresh its data is
        assertTrue(retrainOutput.contains("model version " + current + " promoted: forced"), retrainOutput);
        JsonNode model = servedModel(service, current);
        assertTrue(Instant.parse(model.path("trained_at").asText()).isAfter(started), model.toString());
        assertTrue(Instant.parse(model.path("events_until").asText()).isAfter(started), model.toString());
        String status = fixture.cli().run("status", OfflineCli.CLI_MAIN, "status", "--storage",
                fixture.storage().toString());
        assertTrue(status.contains("serving model version: " + current) && status.contains(" promoted "), status);

        // a rollback waits for no retrain: while one holds the lock (a fresh heartbeat) it is refused with exit 3
        long now = System.currentTimeMillis();
        es.send("PUT", "/" + es.alias(IndexSchema.RUNS) + "/_create/retrain-lock?refresh=true", "{\"run_id\": "
                + "\"retrain-lock\", \"kind\": \"lock\", \"command\": \"retrain-elsewhere\", \"host\": \"other-host\", "
                + "\"started_at\": " + now + ", \"heartbeat_at\": " + now + "}");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> fixture.cli().run(
                "rollback-refused", OfflineCli.CLI_MAIN, "rollback", "--storage", fixture.storage().toString()));
        assertTrue(refused.getMessage().contains("exited with " + 3) && refused.getMessage().contains(
                "retrain-elsewhere") && refused.getMessage().contains("other-host"), refused.getMessage());
        assertEquals(current, current());
        es.send("DELETE", "/" + es.alias(IndexSchema.RUNS) + "/_doc/retrain-lock?refresh=true", null);

        // then it serves the version that served before the retrain; the aliases stay on the retrain's indices
        String aliasesBefore = aliases(es);
        String rolledBack = fixture.cli().run("rollback", OfflineCli.CLI_MAIN, "rollback", "--storage",
                fixture.storage().toString());
        assertTrue(rolledBack.contains("model version " + servingBefore + " now serving (was " + current + ")"),
                rolledBack);
        assertEquals(servingBefore, current());
        assertEquals(aliasesBefore, aliases(es));
        servedModel(service, servingBefore);
        assertEquals(onlineMovies, featuresHistory(service, ONLINE_USER).stream().filter(onlineMovies::contains)
                .sorted().toList(), "the data written online stays through a rollback");
        status = fixture.cli().run("status-after-rollback", OfflineCli.CLI_MAIN, "status", "--storage",
                fixture.storage().toString());
        assertTrue(status.contains("serving model version: " + servingBefore) && status.contains(" rolled_back "),
                status);
    }

    /** The run's status document once it has cut its snapshot (it then records {@code events_until}). */
    private static JsonNode snapshotTaken(ElasticsearchHttp es, Instant since) throws InterruptedException {
        String query = "{\"query\": {\"bool\": {\"filter\": [{\"term\": {\"kind\": \"run\"}}, "
                + "{\"exists\": {\"field\": \"events_until\"}}, {\"range\": {\"started_at\": {\"gte\": "
                + since.toEpochMilli() + "}}}]}}}";
        for (long deadline = System.nanoTime() + 300_000_000_000L; System.nanoTime() < deadline; Thread.sleep(200)) {
            JsonNode hits;
            try {
                hits = es.search(IndexSchema.RUNS, query).path("hits").path("hits");
            } catch (IllegalStateException e) {
                if (e.getMessage().contains("index_not_found_exception")
                        || e.getMessage().contains("no_shard_available_action_exception")) {
                    continue; // the run creates the runs index when it takes the lock; its shard starts just after
                }
                throw e;
            }
            if (hits.size() > 0) {
                return hits.get(0).path("_source");
            }
        }
        throw new AssertionError("no retrain cut its snapshot within 5 minutes");
    }

    /** The model the service reports in {@code /health}, once it is {@code version} (it polls CURRENT). */
    private static JsonNode servedModel(ServiceHttp service, String version) throws InterruptedException {
        JsonNode model = null;
        for (long deadline = System.nanoTime() + 30_000_000_000L; System.nanoTime() < deadline; Thread.sleep(250)) {
            model = service.get("/health", Map.of("X-Api-Key", KEY)).json().path("details").path("model")
                    .path("details");
            if (version.equals(model.path("version").asText())) {
                return model;
            }
        }
        throw new AssertionError("the service did not switch to " + version + ": " + model);
    }

    private static List<String> featuresHistory(ServiceHttp service, String user) {
        JsonNode features = service.get("/features?user_id=" + URLEncoder.encode(user, StandardCharsets.UTF_8),
                Map.of()).json();
        return ElasticsearchHttp.strings(features.get("features").get(0).get("histories"));
    }

    private String current() throws IOException {
        return Files.readString(fixture.storage().resolve("models").resolve("CURRENT")).trim();
    }

    /** The count of ratings a version trained on, from its manifest. */
    private long dataRatings(String version) throws IOException {
        JsonNode manifest = ElasticsearchHttp.json(Files.readString(fixture.storage().resolve("models")
                .resolve(version).resolve("manifest.json")));
        return Long.parseLong(manifest.path("parameters").path(ModelDescription.DATA_RATINGS).asText());
    }

    private static String aliases(ElasticsearchHttp es) {
        StringBuilder targets = new StringBuilder();
        for (IndexSchema schema : List.of(IndexSchema.MOVIES, IndexSchema.USERS, IndexSchema.MOVIE_VECTORS)) {
            targets.append(ElasticsearchHttp.json(es.send("GET", "/" + es.alias(schema) + "/_alias", null))
                    .fieldNames().next()).append(' ');
        }
        return targets.toString();
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
