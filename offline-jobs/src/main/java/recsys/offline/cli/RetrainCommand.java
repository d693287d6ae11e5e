package recsys.offline.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import recsys.core.evaluation.PromotionGate;
import recsys.offline.embedding.EmbedReport;
import recsys.offline.evaluation.EvaluateJob;
import recsys.offline.ingest.IngestJob;
import recsys.offline.retrain.OnlineEvents;
import recsys.offline.retrain.RetrainJob;
import recsys.offline.retrain.RunLog;
import recsys.offline.training.TrainReport;

@Command(name = "retrain", mixinStandardHelpOptions = true,
        description = "The command a scheduler runs: the base data (a MovieLens folder, or the latest run's) plus every rating and movie the service "
                + "accepted (the events index), ingested, embedded, trained and evaluated; the new model version "
                + "serves only if none of its validation and test figures is worse than the serving version's "
                + "beyond the tolerance (--force overrides). Writes made during the run are replayed onto the new "
                + "indices. One run at a time (a lock in the runs index); 'recsys status' shows the runs. "
                + "Exit code 0 when the run completed (promoted or not), 1 when it failed, 3 when another run "
                + "holds the lock.")
final class RetrainCommand implements Callable<Integer> {

    static final int LOCKED = 3;

    @Mixin
    GlobalOptions global;

    @Mixin
    TrainCommand.SplitOptions splitOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR",
            description = "The base MovieLens folder the online events are merged into. Default: the data of the "
                    + "latest ingest run (which already holds the events it merged; merging them again changes "
                    + "nothing).")
    String data;

    @Option(names = "--force", description = "Serve the new version whatever the gate says.")
    boolean force;

    @Option(names = "--tolerance", paramLabel = "FRACTION", defaultValue = "" + PromotionGate.DEFAULT_TOLERANCE,
            description = "How much worse, relatively, a figure of the new version may be. Default: ${DEFAULT-VALUE}.")
    double tolerance;

    @Option(names = "--stale-lock-after", paramLabel = "SECONDS", defaultValue = "600",
            description = "A lock whose holder sent no heartbeat for this long is taken over. Default: "
                    + "${DEFAULT-VALUE}.")
    long staleLockSeconds;

    @Override
    public Integer call() {
        try (JobContext context = new JobContext("recsys-retrain", global.settings(), System.out)) {
            RetrainJob.Result result = retrain(context, data, splitOptions, spec, force, new PromotionGate(tolerance),
                    Duration.ofSeconds(staleLockSeconds));
            context.out.printf("retrain %s: model version %s %s%n", result.runId(), result.version(),
                    result.verdict());
            return 0;
        } catch (RunLog.LockedException e) {
            return locked(spec, e);
        }
    }

    /** A command refused because another run holds the retrain lock: the holder on stderr, and exit code 3. */
    static int locked(CommandSpec spec, RunLog.LockedException e) {
        spec.commandLine().getErr().println("error: " + e.getMessage());
        return LOCKED;
    }

    static RetrainJob.Result retrain(JobContext context, String data, TrainCommand.SplitOptions split,
                                     CommandSpec spec, boolean force, PromotionGate gate, Duration staleLock) {
        RunLog runs = new RunLog(context.elasticsearch, context.settings.elasticsearch().indexNames(), context.clock,
                staleLock);
        RetrainJob job = new RetrainJob(context.spark, context.elasticsearch, context.indices, context.storage, runs,
                gate, Duration.ofSeconds(Math.max(1, staleLock.toSeconds() / 10)), context.clock, context.out);
        return job.run(new RetrainJob.Stages() {
            @Override
            public IngestJob.Staged ingest(OnlineEvents events) {
                return IngestCommand.stage(context, data, events);
            }

            @Override
            public EmbedReport embed(String ingestRun, Optional<String> reuseFrom) {
                return EmbedCommand.stage(context, ingestRun, reuseFrom);
            }

            @Override
            public TrainReport train(String ingestRun) {
                return TrainCommand.train(context, split.strategy(spec), split.seed, ingestRun);
            }

            @Override
            public EvaluateJob.Result evaluate(String version) {
                return EvaluateCommand.evaluate(context, version);
            }

            @Override
            public void lists(String version, String usersIndex) {
                ListsCommand.lists(context, ListsCommand.DEFAULT_LIST_SIZE, version, usersIndex);
            }
        }, force);
    }
}
