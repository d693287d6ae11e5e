package recsys.online.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load the benchmark commands apply: {@code clients} threads, each sending its next request as soon as the
 * previous one answered (a closed loop, like a pool of application threads), for a fixed time; every latency
 * recorded, failures counted by kind and printed after each phase.
 */
final class ClosedLoopLoad {

    /** One request, built before the clock starts. */
    @FunctionalInterface
    interface Request {
        /** Sends it; whether it succeeded. */
        boolean send() throws IOException, InterruptedException;
    }

    /** The next request of a client, drawn with the client's own seeded random. */
    @FunctionalInterface
    interface Requests {
        Request next(Random random);
    }

    private final int clients;
    private final long seed;
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    ClosedLoopLoad(int clients, long seed) {
        this.clients = clients;
        this.seed = seed;
    }

    LatencyRecorder run(String name, int seconds, Requests requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<LatencyRecorder>> parts = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Random random = new Random(seed * 31 + c + name.hashCode());
            parts.add(pool.submit(() -> {
                LatencyRecorder recorder = new LatencyRecorder();
                while (System.nanoTime() < end) {
                    Request request = requests.next(random);
                    long start = System.nanoTime();
                    boolean ok;
                    try {
                        ok = request.send();
                    } catch (IOException e) {
                        ok = fail(e.getClass().getSimpleName());
                    }
                    recorder.record(System.nanoTime() - start, ok);
                }
                return recorder;
            }));
        }
        List<LatencyRecorder> recorders = new ArrayList<>();
        for (Future<LatencyRecorder> part : parts) {
            recorders.add(part.get());
        }
        pool.shutdown();
        LatencyRecorder all = LatencyRecorder.merge(recorders);
        System.out.println(name + ": " + all.summary(seconds));
        if (!failures.isEmpty()) {
            System.out.println("  failures: " + failures);
            failures.clear();
        }
        return all;
    }

    /** Counts a failure of this kind; always false, to read as the failed check. */
    boolean fail(String kind) {
        failures.computeIfAbsent(kind, k -> new LongAdder()).increment();
        return false;
    }

    /** {@code --name value} pairs. */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
