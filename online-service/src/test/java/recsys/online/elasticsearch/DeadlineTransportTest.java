package recsys.online.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.online.testing.StallingProxy;
import recsys.testing.LocalElasticsearch;

/**
 * The service's client over {@link DeadlineTransport}, against the real local Elasticsearch behind a
 * {@link StallingProxy}: a call ends at its deadline however long the cluster hangs, the calls under one deadline
 * share it, a call past it is never sent, calls outside any deadline are left alone, and the two ways a deadline moves
 * later (the service's own computing left out, a new attempt after a lost race) do what they say.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadlineTransportTest {

    /** Short, so the test is quick; long enough for a real answer from loopback. */
    private static final Duration BUDGET = Duration.ofMillis(400);
    /** What a call may overrun its deadline by: cancelling, and scheduling on a loaded machine. */
    private static final Duration SLACK = Duration.ofMillis(300);

    private StallingProxy proxy;
    private RestClient rest;
    private ElasticsearchClient client;

    @BeforeAll
    void connect() {
        proxy = new StallingProxy(LocalElasticsearch.ensureRunning());
        rest = RestClient.builder(HttpHost.create(proxy.url())).build();
        client = new ElasticsearchClient(new DeadlineTransport(rest, new JacksonJsonpMapper()));
        // the first call loads both HTTP stacks' classes and opens the connections: not what the budgets are for
        health();
    }

    @AfterEach
    void answerAgain() {
        proxy.forwardAll();
    }

    @AfterAll
    void close() throws IOException {
        rest.close();
        proxy.close();
    }

    @Test
    void aCallOutsideAnyDeadlineIsLeftAlone() {
        int forwarded = proxy.forwarded();
        assertTrue(RequestDeadline.current().isEmpty());
        assertTrue(health().numberOfNodes() >= 1);
        assertEquals(forwarded + 1, proxy.forwarded());
    }

    @Test
    void anAnswerWithinTheDeadlineIsReturned() {
        HealthResponse health = RequestDeadline.within(BUDGET.multipliedBy(5), this::health);
        assertTrue(health.numberOfNodes() >= 1, "a real answer: " + health);
    }

    @Test
    void aHungCallEndsAtTheDeadline() {
        proxy.stallAll();
        long start = System.nanoTime();
        UncheckedIOException failure = assertThrows(UncheckedIOException.class,
                () -> RequestDeadline.within(BUDGET, this::health));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(failure.getCause() instanceof DeadlinePassedException, failure.toString());
        assertEquals(BUDGET, ((DeadlinePassedException) failure.getCause()).budget());
        assertTrue(took.compareTo(BUDGET) >= 0 && took.compareTo(BUDGET.plus(SLACK)) <= 0, "took " + took);
    }

    @Test
    void theCallsUnderOneDeadlineShareIt() {
        // each call is answered after 3/4 of the budget: the first fits, the second had only 1/4 left
        proxy.forwardOnly(call -> true, BUDGET.multipliedBy(3).dividedBy(4));
        long start = System.nanoTime();
        UncheckedIOException failure = assertThrows(UncheckedIOException.class, () -> RequestDeadline.within(BUDGET,
                () -> {
                    health();
                    return health();
                }));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(failure.getCause() instanceof DeadlinePassedException, failure.toString());
        assertTrue(took.compareTo(BUDGET.plus(SLACK)) <= 0, "took " + took);
    }

    @Test
    void aCallPastTheDeadlineIsNotSent() {
        int forwarded = proxy.forwarded();
        int held = proxy.held();
        UncheckedIOException failure = assertThrows(UncheckedIOException.class,
                () -> RequestDeadline.within(Duration.ofNanos(1), () -> {
                    pause(Duration.ofMillis(5));
                    return health();
                }));

        assertTrue(failure.getCause() instanceof DeadlinePassedException, failure.toString());
        assertEquals(forwarded, proxy.forwarded());
        assertEquals(held, proxy.held());
    }

    @Test
    void theServicesOwnComputingCanBeLeftOutOfTheDeadline() {
        HealthResponse health = RequestDeadline.within(BUDGET, () -> {
            RequestDeadline.excluding(() -> pause(BUDGET.multipliedBy(2)));
            return health();
        });
        assertTrue(health.numberOfNodes() >= 1, "answered although the budget's time had gone by: " + health);
    }

    @Test
    void aNewAttemptAfterALostRaceHasTheWholeBudgetAgain() {
        HealthResponse health = RequestDeadline.within(BUDGET, () -> {
            pause(BUDGET.multipliedBy(2));
            RequestDeadline.restartCurrent();
            return health();
        });
        assertTrue(health.numberOfNodes() >= 1, "answered although the first budget had gone by: " + health);
    }

    @Test
    void anInnerDeadlineNeverExtendsAnOuterOne() {
        RequestDeadline.within(BUDGET, () -> RequestDeadline.within(BUDGET.multipliedBy(10), () -> {
            long remaining = RequestDeadline.current().orElseThrow().remainingNanos();
            assertTrue(remaining <= BUDGET.toNanos(), "remaining " + remaining);
            return remaining;
        }));
    }

    private HealthResponse health() {
        try {
            return client.cluster().health();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Duration pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return duration;
    }
}
