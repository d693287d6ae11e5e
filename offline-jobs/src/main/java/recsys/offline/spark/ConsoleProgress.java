package recsys.offline.spark;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Prints the progress of running Spark stages every few seconds: tasks done, rows processed, rate and an
 * estimate of the time left. A stage that finishes within one interval is never printed, so short runs stay quiet.
 *
 * <p>Rows are the largest of records read, shuffle records read and records written by the finished tasks: each
 * stage does one of these, and no single Spark metric counts "rows" for all of them.
 */
public final class ConsoleProgress extends SparkListener implements AutoCloseable {

    private final PrintStream out;
    private final ScheduledExecutorService ticker;
    private final Map<Integer, StageProgress> running = new ConcurrentHashMap<>();
    private final double intervalSeconds;
    private volatile String step = "spark";

    public ConsoleProgress(PrintStream out, Duration interval) {
        this.out = out;
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "recsys-progress");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        this.intervalSeconds = millis / 1e3;
        ticker.scheduleAtFixedRate(this::print, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Names the pipeline step the following stages belong to, for the progress lines. */
    public void step(String name) {
        this.step = name;
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted event) {
        running.put(event.stageInfo().stageId(),
                new StageProgress(step, event.stageInfo().name(), event.stageInfo().numTasks(), System.nanoTime()));
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd event) {
        StageProgress stage = running.get(event.stageId());
        TaskMetrics metrics = event.taskMetrics();
        if (stage == null || metrics == null) {
            return;
        }
        long rows = Math.max(metrics.inputMetrics().recordsRead(),
                Math.max(metrics.shuffleReadMetrics().recordsRead(), metrics.outputMetrics().recordsWritten()));
        stage.tasksDone.incrementAndGet();
        stage.rows.addAndGet(rows);
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted event) {
        running.remove(event.stageInfo().stageId());
    }

    private void print() {
        long now = System.nanoTime();
        running.forEach((id, stage) -> {
            double seconds = Math.max(1e-3, (now - stage.startNanos) / 1e9);
            if (seconds < intervalSeconds) {
                return; // started since the last tick: wait until it has run for a whole interval
            }
            int done = stage.tasksDone.get();
            long rows = stage.rows.get();
            String eta = done == 0 ? "?" : String.format("%.0fs", seconds * (stage.tasks - done) / done);
            out.printf("[%s] stage %d (%s): %d/%d tasks, %,d rows, %,.0f rows/s, %.0fs elapsed, ~%s left%n",
                    stage.step, id, shortName(stage.name), done, stage.tasks, rows, rows / seconds, seconds, eta);
        });
    }

    private static String shortName(String stageName) {
        int at = stageName.indexOf(" at ");
        return at > 0 ? stageName.substring(0, at) : stageName;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }

    private static final class StageProgress {
        final String step;
        final String name;
        final int tasks;
        final long startNanos;
        final AtomicInteger tasksDone = new AtomicInteger();
        final AtomicLong rows = new AtomicLong();

        StageProgress(String step, String name, int tasks, long startNanos) {
            this.step = step;
            this.name = name;
            this.tasks = tasks;
            this.startNanos = startNanos;
        }
    }
}
