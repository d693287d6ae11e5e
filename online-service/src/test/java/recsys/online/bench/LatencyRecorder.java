package recsys.online.bench;

import java.util.Arrays;
import java.util.Locale;

/** Latencies of one run, in nanoseconds, and the summary the benchmark prints. Not thread-safe: one per thread. */
final class LatencyRecorder {

    private long[] values = new long[1 << 16];
    private int size;
    private long errors;

    void record(long nanos, boolean ok) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
        if (!ok) {
            errors++;
        }
    }

    static LatencyRecorder merge(Iterable<LatencyRecorder> parts) {
        LatencyRecorder all = new LatencyRecorder();
        for (LatencyRecorder part : parts) {
            for (int i = 0; i < part.size; i++) {
                all.record(part.values[i], true);
            }
            all.errors += part.errors;
        }
        return all;
    }

    long count() {
        return size;
    }

    long errors() {
        return errors;
    }

    /** The q-quantile in milliseconds (nearest rank). */
    double percentileMillis(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, rank))] / 1e6;
    }

    String summary(double seconds) {
        return String.format(Locale.ROOT, "%,d requests in %.1f s = %.1f req/s; p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, "
                        + "max %.2f ms; errors %d", size, seconds, size / seconds, percentileMillis(0.50),
                percentileMillis(0.95), percentileMillis(0.99), percentileMillis(1.0), errors);
    }
}
