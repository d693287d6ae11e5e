package recsys.offline.cli;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import recsys.offline.config.RecsysSettings;
import recsys.offline.index.ElasticsearchClients;
import recsys.offline.models.ModelPublisher;
import recsys.offline.retrain.RunLog;
import recsys.offline.storage.StorageLayout;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "The serving model version and the recent retrain runs (newest first): when each started and "
                + "ended, its last stage, its outcome (running, promoted, not_promoted, failed), the version it "
                + "trained and why it was or was not promoted, or its error. Starts no Spark.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    GlobalOptions global;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "10", description = "How many runs. Default: "
            + "${DEFAULT-VALUE}.")
    int count;

    @Override
    public Integer call() throws IOException {
        RecsysSettings settings = global.settings();
        PrintStream out = System.out;
        StorageLayout storage = new StorageLayout(settings.storage(), new Configuration());
        out.println("serving model version: " + new ModelPublisher(storage).currentVersion().orElse("(none)"));
        ElasticsearchClient client = ElasticsearchClients.create(settings.elasticsearch());
        try {
            RunLog runs = new RunLog(client, settings.elasticsearch().indexNames(), Clock.systemUTC(),
                    Duration.ofDays(1));
            List<ObjectNode> recent = runs.recent(count);
            if (recent.isEmpty()) {
                out.println("no retrain runs recorded");
            }
            for (ObjectNode run : recent) {
                out.println(describe(run));
            }
            return 0;
        } finally {
            client._transport().close();
        }
    }

    static String describe(JsonNode run) {
        long started = run.path("started_at").asLong();
        StringBuilder line = new StringBuilder(String.format("%s  %s  %-12s  stage %-8s", run.path("run_id").asText(),
                Instant.ofEpochMilli(started), run.path("outcome").asText(), run.path("stage").asText()));
        if (run.hasNonNull("ended_at")) {
            line.append(String.format("  %.0f s", (run.path("ended_at").asLong() - started) / 1000.0));
        }
        if (run.hasNonNull("model_version")) {
            line.append("  version ").append(run.path("model_version").asText());
        }
        if (run.hasNonNull("gate")) {
            line.append("\n    ").append(run.path("gate").asText());
        }
        if (run.hasNonNull("error")) {
            line.append("\n    error: ").append(run.path("error").asText());
        }
        return line.toString();
    }
}
