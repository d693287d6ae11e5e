package recsys.offline.cli;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import recsys.offline.config.RecsysSettings;
import recsys.offline.index.ElasticsearchClients;
import recsys.offline.models.ModelPublisher;
import recsys.offline.retrain.RunLog;
import recsys.offline.storage.RunIds;
import recsys.offline.storage.StorageLayout;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Serve an older model version: moves models/CURRENT to the version that served before the "
                + "serving one (the newest older one in models/SERVED that is still published), or to --to VERSION. "
                + "It holds the retrain lock meanwhile, so it never races a retrain's move of CURRENT (exit code 3 "
                + "when a retrain holds it), and records itself in the runs index. The aliases stay: they hold data "
                + "(movies, users, vectors of the same embedding model), which every version reads alike. The "
                + "services reload the version within their model refresh interval; a user's stored list of another "
                + "version is served once more and recomputed in the background, and 'recsys lists' recomputes every "
                + "user's at once. Starts no Spark.")
final class RollbackCommand implements Callable<Integer> {

    /** Outcome of a rollback's document in the runs index. */
    static final String ROLLED_BACK = "rolled_back";

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Option(names = "--to", paramLabel = "VERSION", description = "The version to serve (see 'recsys status').")
    String to;

    @Option(names = "--stale-lock-after", paramLabel = "SECONDS", defaultValue = "600",
            description = "A retrain lock with no heartbeat for this long is taken over. Default: ${DEFAULT-VALUE}.")
    long staleLockSeconds;

    @Override
    public Integer call() throws IOException {
        RecsysSettings settings = global.settings();
        ModelPublisher publisher = new ModelPublisher(new StorageLayout(settings.storage(), new Configuration()));
        String current = publisher.currentVersion().orElseThrow(() -> new ParameterException(spec.commandLine(),
                "no model version is serving under " + settings.storage()));
        String target = to != null ? to : publisher.previouslyServed(current).orElseThrow(() ->
                new ParameterException(spec.commandLine(), "no published version older than the serving one ("
                        + current + ") has served; served: " + publisher.servedVersions() + ", published: "
                        + publisher.versions()));

        Clock clock = Clock.systemUTC();
        ElasticsearchClient client = ElasticsearchClients.create(settings.elasticsearch());
        try {
            RunLog runs = new RunLog(client, settings.elasticsearch().indexNames(), clock,
                    Duration.ofSeconds(staleLockSeconds));
            String runId = "rollback-" + RunIds.next(clock);
            try {
                runs.lock(runId, RunLog.host());
            } catch (RunLog.LockedException e) {
                return RetrainCommand.locked(spec, e);
            }
            try {
                Map<String, Object> status = runs.newStatus(runId, "rollback" + (to != null ? " --to " + to : ""));
                publisher.makeCurrent(target);
                status.put("stage", "done");
                status.put("outcome", ROLLED_BACK);
                status.put("model_version", target);
                status.put("gate", "rolled back from " + current);
                status.put("ended_at", clock.millis());
                runs.status(status);
            } finally {
                runs.unlock(runId);
            }
        } finally {
            client._transport().close();
        }
        System.out.println("rollback: model version " + target + " now serving (was " + current + ")");
        return 0;
    }
}
