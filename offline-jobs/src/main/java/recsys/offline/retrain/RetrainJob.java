package recsys.offline.retrain;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.SparkSession;
import recsys.core.evaluation.PromotionGate;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.offline.embedding.EmbedReport;
import recsys.offline.evaluation.EvaluateJob;
import recsys.offline.index.IndexLifecycle;
import recsys.offline.ingest.IngestJob;
import recsys.offline.models.ModelPublisher;
import recsys.offline.storage.RunIds;
import recsys.offline.storage.StorageLayout;
import recsys.offline.training.TrainReport;

/**
 * {@code recsys retrain}: the one command a scheduler runs. Under the retrain lock it cuts a snapshot of the online
 * events, ingests the base data with them merged in, embeds (reusing the vectors of unchanged movies), trains a
 * version without serving it, evaluates it, and lets the {@link PromotionGate} decide whether it serves (then the
 * users' lists are ranked with it). None of that is visible until the end, where the run publishes everything at
 * once: the events received after the snapshot are replayed onto the new indices ({@link EventReplay}), the three
 * aliases swap in one request, LATEST and (if promoted) CURRENT move, and the events are replayed once more through
 * the aliases, so a write acknowledged during the run survives it.
 *
 * <p>Every stage is recorded in the run's status document ({@link RunLog}). A failure before the swap discards
 * the run's indices and data, so aliases, LATEST, CURRENT and the stored lists are as they were; it records the
 * stage and message, releases the lock and is rethrown, so the command exits non-zero.
 */
public final class RetrainJob {

    /**
     * The pipeline's stages as the command line runs them (a test replaces one to make it fail). None of them
     * publishes: the indices they build and the version they train are published by the job at the run's end.
     */
    public interface Stages {
        /** Ingests the base data with {@code events} merged, into indices not yet behind their aliases. */
        IngestJob.Staged ingest(OnlineEvents events);

        /**
         * Embeds the movies of {@code ingestRun} into an index not yet behind its alias.
         *
         * @param reuseFrom the run before, whose vectors of unchanged movies are reused
         */
        EmbedReport embed(String ingestRun, Optional<String> reuseFrom);

        /** Trains on {@code ingestRun} and publishes a version without moving CURRENT. */
        TrainReport train(String ingestRun);

        EvaluateJob.Result evaluate(String version);

        /** Stores every user's list ranked with {@code version} in {@code usersIndex}. */
        void lists(String version, String usersIndex);
    }

    /** How a run ended. */
    public record Result(String runId, String version, boolean promoted, String verdict,
                         Map<String, Object> counts) {
    }

    /** Outcomes of a run's status document. */
    public static final String RUNNING = "running";
    public static final String PROMOTED = "promoted";
    public static final String NOT_PROMOTED = "not_promoted";
    public static final String FAILED = "failed";

    /**
     * How long before the snapshot's cut the replays start. The service stamps an event before its bulk write lands,
     * and with its own clock, so an event stamped before the cut can reach the index after the snapshot read it (a
     * write in flight, or a service clock behind the driver's); the snapshot misses it, and a replay from the cut
     * would too. Replaying events the snapshot holds changes nothing (the latest event by arrival wins either way),
     * so the overlap costs a few more events read.
     */
    public static final Duration REPLAY_OVERLAP = Duration.ofMinutes(10);

    private final SparkSession spark;
    private final ElasticsearchClient client;
    private final IndexLifecycle indices;
    private final IndexNames names;
    private final StorageLayout storage;
    private final RunLog runs;
    private final PromotionGate gate;
    private final Duration heartbeat;
    private final Clock clock;
    private final PrintStream out;

    public RetrainJob(SparkSession spark, ElasticsearchClient client, IndexLifecycle indices, StorageLayout storage,
                      RunLog runs, PromotionGate gate, Duration heartbeat, Clock clock, PrintStream out) {
        this.spark = spark;
        this.client = client;
        this.indices = indices;
        this.names = indices.names();
        this.storage = storage;
        this.runs = runs;
        this.gate = gate;
        this.heartbeat = heartbeat;
        this.clock = clock;
        this.out = out;
    }

    /** @param force promote whatever the gate says */
    public Result run(Stages stages, boolean force) {
        String runId = "retrain-" + RunIds.next(clock);
        runs.lock(runId, RunLog.host());
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "retrain-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        AtomicReference<RunLog.LockedException> lockLost = new AtomicReference<>();
        beats.scheduleAtFixedRate(() -> {
            try {
                runs.heartbeat(runId);
            } catch (RunLog.LockedException e) {
                lockLost.compareAndSet(null, e);
                out.println("retrain: " + e.getMessage());
            } catch (RuntimeException e) {
                out.println("retrain: heartbeat failed: " + e.getMessage());
            }
        }, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);

        Map<String, Object> status = runs.newStatus(runId, "retrain" + (force ? " --force" : ""));
        Map<String, Object> counts = new LinkedHashMap<>();
        status.put("outcome", RUNNING);
        status.put("counts", counts);
        EventReplay replay = new EventReplay(client, names);
        ModelPublisher publisher = new ModelPublisher(storage);
        Map<IndexSchema, String> staged = new EnumMap<>(IndexSchema.class);
        String stagedRun = null;
        String version = null;
        boolean published = false;
        Throwable failed = null;
        try {
            stage(status, "snapshot");
            long cut = clock.millis();
            OnlineEvents events = OnlineEvents.read(spark, client, names, cut);
            status.put("events_until", cut);
            counts.put("rating_events", events.ratingEvents());
            counts.put("movie_events", events.movieEvents());
            out.printf("retrain %s: %,d rating and %,d movie events received up to the snapshot%n", runId,
                    events.ratingEvents(), events.movieEvents());

            stage(status, "ingest");
            Optional<String> previousRun = storage.latestRun();
            IngestJob.Staged ingest = stages.ingest(events);
            String run = ingest.report().runId();
            staged.putAll(ingest.indices());
            stagedRun = run;
            counts.put("movies", ingest.report().movies());
            counts.put("users", ingest.report().users());
            counts.put("ratings", ingest.report().ratings());

            stage(status, "embed");
            EmbedReport embed = stages.embed(run, previousRun);
            staged.put(IndexSchema.MOVIE_VECTORS, embed.index());
            counts.put("movies_embedded", embed.embedded());
            counts.put("vectors_reused", embed.reused());

            stage(status, "train");
            TrainReport train = stages.train(run);
            version = train.version();
            status.put("model_version", version);

            stage(status, "evaluate");
            stages.evaluate(version);

            stage(status, "gate");
            Optional<String> serving = publisher.currentVersion();
            PromotionGate.Quality candidate = VersionQuality.of(storage, version).orElseThrow(() ->
                    new IllegalStateException("model version " + train.version() + " has no evaluation report"));
            PromotionGate.Verdict verdict = serving.isPresent() && force
                    ? new PromotionGate.Verdict(true, List.of("forced (--force)"))
                    : gate.judge(candidate, serving.flatMap(v -> VersionQuality.of(storage, v)));
            storage.writeText(gateFile(storage, version), verdict.describe() + "\n");
            appendToReport(version, verdict);
            status.put("promoted", verdict.promote());
            status.put("gate", verdict.describe());
            out.println("retrain: version " + version + " " + verdict.describe());
            if (verdict.promote()) {
                stage(status, "lists");
                stages.lists(version, staged.get(IndexSchema.USERS));
            }

            // everything of the run at once: the writes made meanwhile, the three aliases in one request, LATEST,
            // then CURRENT, then the writes made during the swap
            stage(status, "publish");
            // still ours, checked and refreshed now: a run whose heartbeats stalled past the stale time may have been
            // taken over, and two runs publishing would race on the aliases and CURRENT
            Optional.ofNullable(lockLost.get()).ifPresent(lost -> {
                throw lost;
            });
            runs.heartbeat(runId);
            long replayFrom = cut - REPLAY_OVERLAP.toMillis();
            counted(counts, "replayed_before_swap", replay.replayInto(replayFrom, staged));
            indices.publish(staged).print("retrain " + runId, out);
            published = true;
            storage.markLatest(run);
            if (verdict.promote()) {
                publisher.makeCurrent(version);
            }
            counted(counts, "replayed_after_swap", replay.replay(replayFrom));

            status.put("stage", "done");
            status.put("outcome", verdict.promote() ? PROMOTED : NOT_PROMOTED);
            status.put("ended_at", clock.millis());
            runs.status(status);
            return new Result(runId, version, verdict.promote(), verdict.describe(), counts);
        } catch (Throwable failure) {
            if (version != null && !published) {
                // never served (so never in models/SERVED, which a rollback reads): its report folder says why
                storage.writeText(gateFile(storage, version), "not promoted: the run failed in stage "
                        + status.get("stage") + "\n");
            }
            status.put("outcome", FAILED);
            status.put("error", String.valueOf(failure));
            status.put("ended_at", clock.millis());
            try {
                runs.status(status);
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
            failed = failure;
            throw failure;
        } finally {
            // finally, not only catch: a failed Spark job surfaces as a SparkException Scala throws undeclared
            if (!published) {
                indices.discard(staged.values());
                if (stagedRun != null) {
                    storage.deleteQuietly(storage.runDir(stagedRun));
                }
            }
            stopHeartbeats(beats);
            try {
                runs.unlock(runId);
            } catch (RuntimeException e) {
                // the run's own failure is what its caller must see; a lock left behind goes stale and is taken over
                if (failed == null) {
                    throw e;
                }
                failed.addSuppressed(e);
            }
        }
    }

    /**
     * Lets a heartbeat in flight finish rather than interrupting it: an interrupted request to Elasticsearch can fail
     * the next one on the same client, here the unlock that follows.
     */
    private void stopHeartbeats(ScheduledExecutorService beats) {
        beats.shutdown();
        try {
            if (!beats.awaitTermination(30, TimeUnit.SECONDS)) {
                beats.shutdownNow();
            }
        } catch (InterruptedException e) {
            beats.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** The report a reader opens says whether its version was served and why, beside the figures it judged. */
    private void appendToReport(String version, PromotionGate.Verdict verdict) {
        String report = storage.reportDir(version) + "/report.md";
        StringBuilder section = new StringBuilder(storage.readText(report))
                .append("\n## Promotion gate\n\n")
                .append(verdict.promote() ? "Promoted to CURRENT." : "**Not promoted**: CURRENT stays where it was.")
                .append(" Each figure against the serving version's, with a relative tolerance of ")
                .append(String.format(java.util.Locale.ROOT, "%.1f %%", gate.tolerance() * 100)).append(":\n\n");
        verdict.reasons().forEach(reason -> section.append("- ").append(reason).append('\n'));
        storage.writeText(report, section.toString());
    }

    private static String gateFile(StorageLayout storage, String version) {
        return storage.reportDir(version) + "/gate.txt";
    }

    private void stage(Map<String, Object> status, String stage) {
        status.put("stage", stage);
        runs.status(status);
        out.println("retrain: " + stage);
    }

    private static void counted(Map<String, Object> counts, String key, EventReplay.Counts replayed) {
        counts.put(key + "_events", replayed.events());
        counts.put(key + "_users", replayed.usersChanged());
        counts.put(key + "_movies", replayed.moviesWritten());
    }
}
