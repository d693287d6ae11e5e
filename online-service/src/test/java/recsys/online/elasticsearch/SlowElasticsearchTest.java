package recsys.online.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.executor.ExecutorConfiguration;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.online.config.ElasticsearchConfiguration;
import recsys.online.recommend.TopNRanking;
import recsys.online.testing.ElasticsearchHttp;
import recsys.online.testing.FixtureData;
import recsys.online.testing.OfflineFixture;
import recsys.online.testing.ServiceHttp;
import recsys.online.testing.ServiceHttp.Answer;
import recsys.online.testing.StallingProxy;

/**
 * Elasticsearch hangs (through a {@link StallingProxy} that accepts calls and never answers them, so the shared
 * server keeps running): every endpoint answers 503 in the error shape within the request deadline, {@code /health}
 * says DOWN within its own timeout, a request whose first call passed and whose second hangs still ends by the one
 * deadline they share, and a write cut before it reached Elasticsearch wrote nothing. The service runs with the
 * default deadlines (read from its configuration); the client's socket timeout, five times the deadline, is what
 * would end the calls without them.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowElasticsearchTest implements TestPropertyProvider {

    private static final String KEY = "slow-es-key";
    private static final Map<String, String> AUTH = Map.of("X-Api-Key", KEY);
    /**
     * What a request may take beyond its deadline: the HTTP round trip, the error response, and scheduling on a
     * loaded 2-core machine. Well under the socket timeout's margin, and under the delay the middle-stall test puts
     * before the first call, so a deadline that did not shrink across calls would fail.
     */
    private static final Duration SLACK = Duration.ofMillis(750);
    /** How long the service may take to get calls through again once the proxy forwards them. */
    private static final Duration RECOVERY = Duration.ofSeconds(20);

    @Inject
    EmbeddedServer server;
    @Inject
    ApplicationContext context;
    @Inject
    ElasticsearchConfiguration configuration;

    /** Ids of this run's writes (digits, as the write endpoints require), new on every run of a reused fixture. */
    private final String run = String.format("%08d", System.currentTimeMillis() % 100_000_000);
    private final String cutUser = "851" + run;
    private final String retriedUser = "852" + run;
    private final String cutMovie = "853" + run;

    private StallingProxy proxy;
    private ServiceHttp http;
    private ElasticsearchHttp es;

    @Override
    public Map<String, String> getProperties() {
        OfflineFixture.Loaded fixture = OfflineFixture.get();
        proxy = new StallingProxy(fixture.elasticsearchUrl());
        // metadata read on every request, as with the cache off: a page whose movies were kept in memory needs no
        // Elasticsearch at all and answers 200 through a hang, which is not what these tests are about
        return fixture.serviceProperties(Map.of("recsys.es.url", proxy.url(), "recsys.api-key", KEY,
                "recsys.movie-metadata.max-movies", "0"));
    }

    @BeforeAll
    void connect() {
        http = new ServiceHttp(server.getURI());
        OfflineFixture.Loaded fixture = OfflineFixture.get();
        es = new ElasticsearchHttp(fixture.elasticsearchUrl(), new IndexNames(fixture.indexPrefix()));
        assertTrue(configuration.socketTimeout().compareTo(configuration.requestDeadline().plus(SLACK)) > 0,
                "the test must tell the deadline from the socket timeout");
    }

    /**
     * Elasticsearch answers again, and the next test starts once the service reaches it again: after dozens of
     * stalled calls were dropped at once (the queued-requests test), its client took up to about 6 s before calls
     * went through again (seen in 4 of 6 runs here, and in CI, whatever the proxy did). That recovery is bounded
     * here rather than left to fail whichever test came next.
     */
    @AfterEach
    void answerAgain() {
        proxy.forwardAll();
        answersWithin(RECOVERY, "features", () -> http.get("/features?user_id=" + FixtureData.HEAVY_USER, Map.of()));
    }

    /**
     * Sends {@code request} until it answers 200, for at most {@code limit}; the time it took and the failed answers
     * are printed, and any answer but 200 or 503 fails. One success was not always enough after a drop: in CI, the
     * next test's first read of another endpoint still waited past its deadline once, with the proxy forwarding
     * every call (cause not found; only after a drop, never in the service's own tests against Elasticsearch), so
     * each read a test relies on is awaited on its own.
     */
    private void answersWithin(Duration limit, String name, Supplier<Answer> request) {
        long start = System.nanoTime();
        int failed = 0;
        while (true) {
            Answer answer = request.get();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (answer.status() == 200) {
                System.out.printf("[slow-es] %s answered 200 after %d ms (%d failed answers before)%n", name,
                        took.toMillis(), failed);
                return;
            }
            assertEquals(503, answer.status(), name + ": only Elasticsearch's absence may fail it: " + answer.text());
            failed++;
            assertTrue(took.compareTo(limit) < 0, name + ": the service did not reach Elasticsearch again within "
                    + limit + ": " + answer.text());
        }
    }

    @AfterAll
    void closeProxy() {
        proxy.close();
    }

    @Test
    void everyEndpointAnswers503WithinTheDeadlineWhileElasticsearchHangs() {
        Map<String, Supplier<Answer>> requests = Map.of(
                "recommendations", () -> http.get("/recommendations?user_id=" + FixtureData.HEAVY_USER, Map.of()),
                "features", () -> http.get("/features?user_id=" + FixtureData.HEAVY_USER, Map.of()),
                // titles come from Elasticsearch (without them, a catalogue movie's list is served from memory)
                "similar", () -> http.get("/movies/1/similar?returnMetadata=true", Map.of()),
                "update_ratings", () -> http.post("/update_ratings",
                        "{\"" + cutUser + "\": {\"movie_id\": \"1\", \"rating\": 4}}", AUTH),
                "update_movie", () -> http.post("/update_movie",
                        "{\"" + cutMovie + "\": {\"title\": \"Hung Up (2001)\", \"genres\": \"Drama\"}}", AUTH));
        for (String read : List.of("recommendations", "features", "similar")) {
            answersWithin(RECOVERY, read, requests.get(read));
        }

        proxy.stallAll();
        requests.forEach((name, request) -> assertUnavailableWithin(configuration.requestDeadline(), name, request));

        assertTrue(es.source(IndexSchema.USERS, cutUser).isEmpty(), "a cut rating write wrote nothing");
        assertTrue(es.source(IndexSchema.MOVIES, cutMovie).isEmpty(), "a cut movie write wrote nothing");
        proxy.forwardAll();
        answersWithin(RECOVERY, "recommendations once Elasticsearch answers again",
                () -> http.get("/recommendations?user_id=" + FixtureData.HEAVY_USER, Map.of()));
    }

    @Test
    void healthSaysDownWithinItsTimeout() {
        assertEquals(200, http.get("/health", AUTH).status());

        proxy.stallAll();
        long start = System.nanoTime();
        Answer health = http.get("/health", AUTH);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("[slow-es] health: %d after %d ms (timeout %d ms)%n", health.status(), took.toMillis(),
                configuration.healthTimeout().toMillis());

        assertEquals(503, health.status(), health.text());
        assertEquals("DOWN", health.json().path("status").asText(), health.text());
        assertEquals("DOWN", health.json().at("/details/elasticsearch/status").asText(), health.text());
        assertTrue(took.compareTo(configuration.healthTimeout().plus(SLACK)) <= 0, "/health took " + took);
    }

    /**
     * The user read passes after three quarters of the deadline and the next call hangs: the request still ends by
     * the deadline, so the hung call had only the quarter left.
     */
    @Test
    void aHangAfterTheFirstCallEndsByTheSameDeadline() {
        Duration deadline = configuration.requestDeadline();
        Duration firstCall = deadline.multipliedBy(3).dividedBy(4);
        String userRead = "GET /" + es.alias(IndexSchema.USERS) + "/_doc/";
        String user = "/recommendations?user_id=" + FixtureData.FIVE_RATINGS_USER + "&returnMetadata=true";
        answersWithin(RECOVERY, "recommendations", () -> http.get(user, Map.of()));

        proxy.forwardOnly(call -> call.startsWith(userRead), firstCall);
        int forwardedBefore = proxy.forwarded();
        int heldBefore = proxy.held();
        Duration took = assertUnavailableWithin(deadline, "recommendations", () -> http.get(user, Map.of()));

        assertTrue(proxy.forwarded() > forwardedBefore, "the user was read");
        assertTrue(proxy.held() > heldBefore, "a later call hung");
        assertTrue(took.compareTo(firstCall) >= 0, "the user read took its delay: " + took);
    }

    /**
     * The users are read, then the write hangs: 503 by the deadline, nothing written, and sending the same request
     * again once Elasticsearch answers writes it.
     */
    @Test
    void aRatingsWriteCutByTheDeadlineWritesNothingAndCanBeSentAgain() {
        Duration deadline = configuration.requestDeadline();
        String ratings = "{\"" + retriedUser + "\": {\"movie_id\": [\"1\", \"2\"], \"ratings\": [4, 2.5]}}";
        // a short delay on the read: on a loaded machine a long one plus the read itself could use the whole
        // deadline, and the request would end before the write it is meant to cut
        proxy.forwardOnly(call -> call.contains("/_mget"), deadline.dividedBy(10));
        int heldBefore = proxy.held();

        assertUnavailableWithin(deadline, "update_ratings", () -> http.post("/update_ratings", ratings, AUTH));
        assertTrue(proxy.held() > heldBefore, "the write hung");
        assertTrue(es.source(IndexSchema.USERS, retriedUser).isEmpty(), "nothing was written");

        proxy.forwardAll();
        Answer again = http.post("/update_ratings", ratings, AUTH);
        assertEquals(200, again.status(), again.text());
        assertEquals(List.of("1", "2"), ElasticsearchHttp.strings(es.source(IndexSchema.USERS, retriedUser)
                .orElseThrow().get("movie_ids")));
    }

    /**
     * Twice as many hung requests at once as the blocking executor has threads: the second half waits for a thread
     * until the first half's deadline, then fails at its first call, since its own deadline (started on arrival) has
     * passed too. So no request waits for a second deadline, as it would if its deadline started with its thread.
     */
    @Test
    void requestsQueuedForAThreadEndByTheirDeadlineToo() throws Exception {
        int threads = context.getBean(ExecutorConfiguration.class, Qualifiers.byName(TaskExecutors.IO))
                .getNumberOfThreads();
        String features = "/features?user_id=" + FixtureData.HEAVY_USER;
        Duration deadline = configuration.requestDeadline();
        ExecutorService clients = Executors.newFixedThreadPool(2 * threads);
        try {
            // once answered, so that the client's connections are open and the hung requests arrive together
            for (Answer answer : all(clients, 2 * threads, () -> http.get(features, Map.of()))) {
                assertEquals(200, answer.status(), answer.text());
            }
            proxy.stallAll();
            List<Duration> took = all(clients, 2 * threads, () -> assertUnavailableWithin(deadline.multipliedBy(2),
                    "queued features", () -> http.get(features, Map.of())));
            assertTrue(took.stream().allMatch(t -> t.compareTo(deadline.multipliedBy(2)) < 0), took.toString());
        } finally {
            clients.shutdownNow();
        }
    }

    /** Runs {@code count} copies of {@code task} at once on {@code pool}; their results. */
    private static <T> List<T> all(ExecutorService pool, int count, Callable<T> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> running = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            running.add(pool.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> result : running) {
            results.add(result.get());
        }
        return results;
    }

    /**
     * Micronaut's io pool, which the controllers run on (as {@code blocking}, on Java 17 the same pool), and the side
     * searches' have the configured bounds.
     */
    @Test
    void theBlockingExecutorsAreBounded() {
        Map<String, String> configurations = Map.of(TaskExecutors.IO, TaskExecutors.IO, TaskExecutors.BLOCKING,
                TaskExecutors.IO, TopNRanking.SEARCH_EXECUTOR, TopNRanking.SEARCH_EXECUTOR);
        configurations.keySet().forEach(name -> context.getBean(ExecutorService.class, Qualifiers.byName(name)));
        String metrics = http.get("/prometheus", Map.of()).text();
        configurations.forEach((name, configuration) -> {
            int configured = context.getBean(ExecutorConfiguration.class, Qualifiers.byName(configuration))
                    .getNumberOfThreads();
            assertTrue(configured < Integer.MAX_VALUE, name);
            String line = metrics.lines().filter(l -> l.startsWith("executor_pool_max_threads{")
                    && l.contains("name=\"" + name + "\"")).findFirst()
                    .orElseThrow(() -> new AssertionError("no executor_pool_max_threads of " + name));
            assertEquals(configured, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), 0.0, line);
        });
    }

    private static Duration assertUnavailableWithin(Duration deadline, String name, Supplier<Answer> request) {
        long start = System.nanoTime();
        Answer answer = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("[slow-es] %s: %d after %d ms (deadline %d ms)%n", name, answer.status(), took.toMillis(),
                deadline.toMillis());
        assertEquals(503, answer.status(), name + ": " + answer.text());
        assertTrue(answer.contentType().startsWith("application/json"), name + ": " + answer.contentType());
        assertEquals(503, answer.error().path("status").asInt(), name + ": " + answer.text());
        assertTrue(answer.error().path("message").asText().contains("deadline"), name + ": " + answer.text());
        assertTrue(took.compareTo(deadline.plus(SLACK)) <= 0, name + " took " + took + " (deadline " + deadline
                + ")");
        return took;
    }
}
