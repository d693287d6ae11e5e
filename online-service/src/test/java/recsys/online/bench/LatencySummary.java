package recsys.online.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** How the single-client benchmarks report: latency percentiles of a set of timings, and the load average. */
final class LatencySummary {

    private LatencySummary() {
    }

    /** Prints p50, p95, p99, max and mean of {@code nanos} (nearest-rank percentiles), in milliseconds. */
    static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%s: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms, mean %.1f ms (n=%d)%n",
                what, percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                sorted[sorted.length - 1] / 1e6, Arrays.stream(sorted).average().orElse(0) / 1e6, sorted.length);
    }

    /** Nearest-rank percentile, in milliseconds. */
    static double percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    /** The machine's load average line, or "unknown" where /proc/loadavg cannot be read. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
