package recsys.offline.notebooks;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.spark.sql.SparkSession;
import recsys.offline.config.RecsysSettings;
import recsys.offline.config.SettingsResolver;
import recsys.offline.config.SettingsResolver.Key;
import recsys.offline.index.ElasticsearchClients;
import recsys.offline.spark.SparkSessions;
import recsys.offline.storage.StorageLayout;

/**
 * What a notebook needs from the project, set up the way the {@code recsys} command sets it up: the settings
 * (environment, then {@code conf/recsys.properties} under {@code $RECSYS_HOME}, then the defaults), one Spark
 * session, the storage layout and an Elasticsearch client. {@code bin/notebooks} starts the kernel with
 * {@code RECSYS_HOME} set to the repository.
 */
public final class NotebookSession implements AutoCloseable {

    /**
     * Janino, which compiles Spark's generated code, formats its own debug messages when java.util.logging says
     * FINEST is on, and those fail on Spark's code ("String index out of range: 0"), so every query falls back to
     * the slow interpreted path. The Java kernel turns the root logger to FINEST. java.util.logging keeps loggers
     * only weakly, so this reference keeps the level set here alive.
     */
    private static final Logger JANINO_LOGGER = Logger.getLogger("org.codehaus");

    private final RecsysSettings settings;
    private final SparkSession spark;
    private final StorageLayout storage;
    private final ElasticsearchClient elasticsearch;

    private NotebookSession(RecsysSettings settings, SparkSession spark) {
        this.settings = settings;
        this.spark = spark;
        this.storage = new StorageLayout(settings.storage(), spark.sparkContext().hadoopConfiguration());
        this.elasticsearch = ElasticsearchClients.create(settings.elasticsearch());
    }

    /** Starts Spark on {@code master} (e.g. {@code local[2]}) with the resolved settings. */
    public static NotebookSession start(String appName, String master) {
        prepareKernel();
        Map<Key, String> flags = new EnumMap<>(Key.class);
        flags.put(Key.SPARK_MASTER, master);
        RecsysSettings settings = SettingsResolver.fromEnvironment(flags, null, false);
        return new NotebookSession(settings, SparkSessions.create(appName, settings));
    }

    /**
     * Makes the kernel's JVM fit for Spark (see {@link #JANINO_LOGGER}); {@link #start} calls it, and a notebook
     * that runs {@code RecsysCli} before starting a session must call it first.
     */
    public static void prepareKernel() {
        JANINO_LOGGER.setLevel(Level.INFO);
    }

    public RecsysSettings settings() {
        return settings;
    }

    public SparkSession spark() {
        return spark;
    }

    public StorageLayout storage() {
        return storage;
    }

    public ElasticsearchClient elasticsearch() {
        return elasticsearch;
    }

    /** The repository (or installation) folder: {@code $RECSYS_HOME}, else the working directory's parent. */
    public static Path home() {
        String home = System.getenv("RECSYS_HOME");
        return home == null || home.isBlank() ? Path.of("..").toAbsolutePath().normalize() : Path.of(home);
    }

    @Override
    public void close() {
        try {
            elasticsearch._transport().close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the Elasticsearch client failed", e);
        } finally {
            spark.stop();
        }
    }
}
