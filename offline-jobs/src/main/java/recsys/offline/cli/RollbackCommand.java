package recsys.offline.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import recsys.offline.config.RecsysSettings;
import recsys.offline.models.ModelPublisher;
import recsys.offline.retrain.RetrainJob;
import recsys.offline.storage.StorageLayout;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Serve an older model version: moves models/CURRENT to the newest published version older "
                + "than the serving one that a retrain's gate did not reject, or to --to VERSION. The services reload it within their model refresh "
                + "interval. A user's stored list of another version is served once more and recomputed in the "
                + "background; 'recsys lists' recomputes every user's at once. Starts no Spark.")
final class RollbackCommand implements Callable<Integer> {

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Option(names = "--to", paramLabel = "VERSION", description = "The version to serve (see 'recsys status').")
    String to;

    @Override
    public Integer call() {
        RecsysSettings settings = global.settings();
        ModelPublisher publisher = new ModelPublisher(new StorageLayout(settings.storage(), new Configuration()));

        String current = publisher.currentVersion().orElseThrow(() -> new ParameterException(spec.commandLine(),
                "no model version is serving under " + settings.storage()));
        StorageLayout storage = new StorageLayout(settings.storage(), new Configuration());
        String target = to != null ? to : previous(storage, publisher.versions(), current);
        publisher.makeCurrent(target);
        System.out.println("rollback: model version " + target + " now serving (was " + current + ")");
        return 0;
    }

    /** The newest version older than {@code current} that a retrain's gate did not reject. */
    private String previous(StorageLayout storage, List<String> versions, String current) {
        String previous = null;
        for (String version : versions) {
            if (version.compareTo(current) < 0 && !RetrainJob.rejected(storage, version)) {
                previous = version;
            }
        }
        if (previous == null) {
            throw new ParameterException(spec.commandLine(), "no published version the gate did not reject is older than the serving one ("
                    + current + "); published: " + versions);
        }
        return previous;
    }
}
