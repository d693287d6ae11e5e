package recsys.online.movieupdate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** {@link RecentMovies} with plain fakes for the refresh and the clock: no Elasticsearch, no Micronaut. */
class RecentMoviesTest {

    private static final Duration LONG = Duration.ofHours(1);
    private static final Duration RETRY = Duration.ofMillis(5);
    private static final Duration NOW = Duration.ZERO;

    private static RecentMovies.Entry movie(String id) {
        return new RecentMovies.Entry(id, new float[] {1f, 0f}, List.of("Drama"));
    }

    /** A refresh that waits for a permit per call, and counts the calls it finished. */
    private static final class GatedRefresh implements RecentMovies.Refresh {
        final Semaphore permits = new Semaphore(0);
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();

        @Override
        public void run() {
            started.incrementAndGet();
            permits.acquireUninterruptibly();
            finished.incrementAndGet();
        }
    }

    @Test
    void aMovieStaysUntilARefreshThatStartedAfterItsWriteHasSucceeded() throws Exception {
        GatedRefresh refresh = new GatedRefresh();
        RecentMovies recent = new RecentMovies(refresh, 100, LONG, NOW, RETRY, System::nanoTime);

        recent.record(List.of(movie("a")));
        await(() -> refresh.started.get() == 1, "the first refresh starts");
        recent.record(List.of(movie("b")));   // written while the first refresh runs: it may not cover b
        assertEquals(Set.of("a", "b"), recent.movies().keySet());

        refresh.permits.release();             // the first refresh returns
        await(() -> refresh.started.get() == 2, "a second refresh starts for b");
        assertEquals(Set.of("b"), recent.movies().keySet(), "a goes, b waits for the second refresh");

        refresh.permits.release();
        await(() -> recent.movies().isEmpty(), "b goes after the second refresh");
        Thread.sleep(50);
        assertEquals(2, refresh.started.get(), "no refresh without something to publish");
        recent.close();
    }

    @Test
    void writesDuringARefreshAreCoalescedIntoOneMore() throws Exception {
        GatedRefresh refresh = new GatedRefresh();
        RecentMovies recent = new RecentMovies(refresh, 100, LONG, NOW, RETRY, System::nanoTime);

        recent.record(List.of(movie("a")));
        await(() -> refresh.started.get() == 1, "the first refresh starts");
        for (int i = 0; i < 20; i++) {
            recent.record(List.of(movie("during-" + i)));
        }
        refresh.permits.release(2);
        await(() -> recent.movies().isEmpty(), "everything published");
        assertEquals(2, refresh.finished.get(), "twenty writes during the first refresh need one more, not twenty");
        recent.close();
    }

    @Test
    void writesWithinTheDelayShareOneRefresh() throws Exception {
        AtomicInteger refreshes = new AtomicInteger();
        RecentMovies recent = new RecentMovies(refreshes::incrementAndGet, 100, LONG, Duration.ofMillis(200), RETRY,
                System::nanoTime);

        for (int i = 0; i < 20; i++) {
            recent.record(List.of(movie("m" + i)));
        }
        assertEquals(0, refreshes.get(), "no refresh before the delay");
        assertEquals(20, recent.movies().size(), "the movies are merged meanwhile");
        await(() -> recent.movies().isEmpty(), "published after the delay");
        assertEquals(1, refreshes.get());
        recent.close();
    }

    @Test
    void aFailedRefreshKeepsTheMoviesAndIsRetried() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        AtomicInteger attempts = new AtomicInteger();
        RecentMovies recent = new RecentMovies(() -> {
            attempts.incrementAndGet();
            if (down.get()) {
                throw new IllegalStateException("Elasticsearch is down");
            }
        }, 100, LONG, NOW, RETRY, System::nanoTime);

        recent.record(List.of(movie("a"), movie("b")));
        await(() -> attempts.get() >= 3, "retried");
        assertEquals(Set.of("a", "b"), recent.movies().keySet(), "failed refreshes let nothing go");

        down.set(false);
        await(() -> recent.movies().isEmpty(), "the first successful retry lets them go");
        int after = attempts.get();
        Thread.sleep(50);
        assertEquals(after, attempts.get(), "no retries once caught up");
        recent.close();
    }

    @Test
    void moviesExpireEvenWhenNoRefreshSucceeds() throws Exception {
        AtomicLong now = new AtomicLong(0);
        RecentMovies recent = new RecentMovies(() -> {
            throw new IllegalStateException("Elasticsearch is down");
        }, 100, Duration.ofSeconds(60), NOW, RETRY, now::get);

        recent.record(List.of(movie("old")));
        now.set(Duration.ofSeconds(30).toNanos());
        recent.record(List.of(movie("newer")));
        Thread.sleep(50);
        assertEquals(Set.of("old", "newer"), recent.movies().keySet());

        now.set(Duration.ofSeconds(61).toNanos());
        await(() -> recent.movies().keySet().equals(Set.of("newer")), "old expires at a retry, newer stays");
        now.set(Duration.ofSeconds(91).toNanos());
        await(() -> recent.movies().isEmpty(), "newer expires too");
        recent.close();
    }

    @Test
    void theOldestGoBeyondTheBound() throws Exception {
        GatedRefresh refresh = new GatedRefresh();
        RecentMovies recent = new RecentMovies(refresh, 10, LONG, NOW, RETRY, System::nanoTime);

        for (int i = 0; i < 25; i++) {
            recent.record(List.of(movie("m" + i)));
        }
        recent.record(List.of(movie("m12")));  // a rewrite counts as the newest

        Set<String> expected = ConcurrentHashMap.newKeySet();
        for (int i = 16; i < 25; i++) {
            expected.add("m" + i);
        }
        expected.add("m12");
        assertEquals(expected, recent.movies().keySet());
        refresh.permits.release(10);
        recent.close();
    }

    @Test
    void theLatestWriteOfAMovieIsTheOneKept() {
        GatedRefresh refresh = new GatedRefresh();
        RecentMovies recent = new RecentMovies(refresh, 10, LONG, NOW, RETRY, System::nanoTime);

        recent.record(List.of(new RecentMovies.Entry("a", new float[] {1f, 0f}, List.of("Drama"))));
        recent.record(List.of(new RecentMovies.Entry("a", new float[] {0f, 1f}, List.of("Comedy"))));

        assertEquals(List.of("Comedy"), recent.movies().get("a").genres());
        assertEquals(1f, recent.movies().get("a").vector()[1]);
        refresh.permits.release(10);
        recent.close();
    }

    /**
     * Writers record while the fake refresh runs: at most one refresh is ever in flight, and at any moment every
     * movie whose record returned is either still held or was written before a refresh that has finished (what a
     * search sees). The fake "index" is the set of movies written; a refresh publishes what was written when it
     * started, as Elasticsearch's does.
     */
    @Test
    void concurrentWritersNeverLeaveAMovieInvisible() throws Exception {
        Set<String> written = ConcurrentHashMap.newKeySet();
        Set<String> searchable = ConcurrentHashMap.newKeySet();
        Set<String> recorded = ConcurrentHashMap.newKeySet();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        AtomicInteger refreshes = new AtomicInteger();
        RecentMovies recent = new RecentMovies(() -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Set<String> publishing = Set.copyOf(written);
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (refreshes.incrementAndGet() % 7 == 0) {
                inFlight.decrementAndGet();
                throw new IllegalStateException("every seventh refresh fails");
            }
            searchable.addAll(publishing);
            inFlight.decrementAndGet();
        }, 1_000_000, LONG, NOW, Duration.ofMillis(1), System::nanoTime);

        int writers = 4;
        int perWriter = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            tasks.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < perWriter; i++) {
                    String id = writer + "-" + i;
                    written.add(id);                  // the bulk write returned
                    recent.record(List.of(movie(id)));
                    recorded.add(id);
                }
                return null;
            }));
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger violations = new AtomicInteger();
        Future<?> reader = pool.submit(() -> {
            go.await();
            while (writing.get()) {
                List<String> ids = List.copyOf(recorded);
                Map<String, RecentMovies.Entry> held = recent.movies();
                Set<String> seen = Set.copyOf(searchable);
                for (String id : ids) {
                    if (!held.containsKey(id) && !seen.contains(id)) {
                        violations.incrementAndGet();
                    }
                }
            }
            return null;
        });
        go.countDown();
        for (Future<?> task : tasks) {
            task.get(60, TimeUnit.SECONDS);
        }
        writing.set(false);
        reader.get(60, TimeUnit.SECONDS);
        pool.shutdown();

        await(() -> recent.movies().isEmpty(), "every movie published in the end");
        assertEquals(0, violations.get(), "a movie was neither held nor searchable");
        assertEquals(1, mostInFlight.get(), "refreshes never overlap");
        assertEquals(writers * perWriter, searchable.size());
        assertTrue(refreshes.get() < writers * perWriter, "refreshes are coalesced: " + refreshes.get());
        recent.close();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(1);
        }
    }
}
