package recsys.online.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.HttpStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import recsys.online.config.RecommendationConfiguration;
import recsys.online.elasticsearch.RequestDeadline;
import recsys.online.error.ApiException;

class RankingGateTest {

    private static RankingGate gate(int size) {
        return new RankingGate(new RecommendationConfiguration(10, 100, 20, 300, 200, 50, 1000,
                Duration.ofSeconds(60), 1000, 3, size));
    }

    @Test
    void atMostItsSizeOfRankingsRunAtOnce() throws Exception {
        RankingGate gate = gate(2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                done.add(threads.submit(() -> gate.run(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    sleep(30);
                    return running.decrementAndGet();
                })));
            }
            for (Future<Integer> ranking : done) {
                ranking.get(10, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(2, most.get(), "8 rankings at once through a gate of 2");
    }

    @Test
    void aRankingStillWaitingAtItsDeadlineIs503() throws Exception {
        RankingGate gate = gate(1);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService holder = Executors.newSingleThreadExecutor();
        try {
            holder.submit(() -> gate.run(() -> {
                holding.countDown();
                await(release);
                return null;
            }));
            assertTrue(holding.await(10, TimeUnit.SECONDS));
            long start = System.nanoTime();
            ApiException busy;
            try (PropagatedContext.Scope ignored = PropagatedContext.getOrEmpty()
                    .plus(RequestDeadline.after(Duration.ofMillis(100))).propagate()) {
                busy = assertThrows(ApiException.class, () -> gate.run(() -> "never"));
            }
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(HttpStatus.SERVICE_UNAVAILABLE, busy.status());
            assertTrue(waitedMillis >= 90 && waitedMillis < 2_000, "waited " + waitedMillis + " ms");
            release.countDown();
            assertEquals("now", gate.run(() -> "now"), "the permit comes back once the ranking ends");
        } finally {
            release.countDown();
            holder.shutdownNow();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
