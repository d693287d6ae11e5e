package recsys.offline.spark;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** Wall-clock seconds of each named step of a job, printed as each ends and kept for the job's report. */
public final class StepTimer {

    private final String job;
    private final PrintStream out;
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private long stepStarted = System.nanoTime();

    public StepTimer(String job, PrintStream out) {
        this.job = job;
        this.out = out;
    }

    /** Ends the current step under {@code name} and starts the next one. */
    public void lap(String name) {
        long now = System.nanoTime();
        double elapsed = (now - stepStarted) / 1e9;
        seconds.merge(name, elapsed, Double::sum);
        out.printf("[%s] %s: %.1f s%n", job, name, elapsed);
        stepStarted = now;
    }

    public Map<String, Double> seconds() {
        return Map.copyOf(seconds);
    }
}
