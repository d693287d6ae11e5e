package recsys.offline.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import recsys.core.index.IndexNames;

/**
 * Resolves each setting from, in order of precedence: a command-line flag, an environment variable, the
 * settings file ({@code conf/recsys.properties}, documented there), and a built-in default. The keys and
 * variable names are listed in {@link Key}.
 */
public final class SettingsResolver {

    /** One setting: its key in the settings file, its environment variable, its default. */
    public enum Key {
        ES_URL("recsys.es.url", "RECSYS_ES_URL", "http://127.0.0.1:9200"),
        ES_USERNAME("recsys.es.username", "RECSYS_ES_USERNAME", ""),
        ES_PASSWORD("recsys.es.password", "RECSYS_ES_PASSWORD", ""),
        ES_API_KEY("recsys.es.api-key", "RECSYS_ES_API_KEY", ""),
        ES_REPLICAS("recsys.es.replicas", "RECSYS_ES_REPLICAS", "0"),
        ES_INDEX_PREFIX("recsys.es.index-prefix", "RECSYS_ES_INDEX_PREFIX", ""),
        STORAGE("recsys.storage", "RECSYS_STORAGE", "var/storage"),
        SPARK_MASTER("recsys.spark.master", "RECSYS_SPARK_MASTER", "local[*]"),
        SPARK_PARALLELISM("recsys.spark.parallelism", "RECSYS_SPARK_PARALLELISM", "4"),
        EMBEDDING_BATCH_SIZE("recsys.embedding.batch-size", "RECSYS_EMBEDDING_BATCH_SIZE", "32"),
        TRAINING_MAX_TREE_ROWS("recsys.training.max-tree-rows", "RECSYS_TRAINING_MAX_TREE_ROWS", "1000000");

        final String property;
        final String environmentVariable;
        final String defaultValue;

        Key(String property, String environmentVariable, String defaultValue) {
            this.property = property;
            this.environmentVariable = environmentVariable;
            this.defaultValue = defaultValue;
        }

        public String property() {
            return property;
        }

        public String environmentVariable() {
            return environmentVariable;
        }
    }

    private final Map<Key, String> flags;
    private final Function<String, String> environment;
    private final Properties file;
    private final Path home;

    /**
     * @param home the installation folder: a relative storage path from the settings file or the default is
     *             relative to it (so {@code var/storage} is the repo's own folder wherever the command runs),
     *             while a relative path typed as a flag or variable is relative to the working directory
     */
    public SettingsResolver(Map<Key, String> flags, Function<String, String> environment, Properties file, Path home) {
        this.flags = Map.copyOf(flags);
        this.environment = environment;
        this.file = file;
        this.home = home;
    }

    /**
     * The settings of a command or notebook run: {@code flags} first, then the process's environment, then the
     * settings file, then the defaults (a master chosen by spark-submit beats the file and the default). The file is {@code config} if given, else {@code $RECSYS_CONF}, else
     * {@code conf/recsys.properties} under {@code $RECSYS_HOME} (or the working directory), which may be absent.
     */
    public static RecsysSettings fromEnvironment(Map<Key, String> flags, Path config,
                                                 boolean sparkMasterFromSubmit) {
        String home = System.getenv("RECSYS_HOME");
        Path homeDir = home == null || home.isBlank() ? Path.of("").toAbsolutePath() : Path.of(home);
        String fromEnvironment = System.getenv("RECSYS_CONF");
        boolean named = config != null || (fromEnvironment != null && !fromEnvironment.isBlank());
        Path file = config != null ? config
                : named ? Path.of(fromEnvironment) : homeDir.resolve("conf").resolve("recsys.properties");
        return new SettingsResolver(flags, System::getenv, readSettingsFile(file, named), homeDir)
                .resolve(sparkMasterFromSubmit);
    }

    /** Reads the settings file if it exists; a missing default file is fine, a missing named file is an error. */
    public static Properties readSettingsFile(Path file, boolean mustExist) {
        Properties properties = new Properties();
        if (!Files.exists(file)) {
            if (mustExist) {
                throw new IllegalArgumentException("settings file not found: " + file.toAbsolutePath());
            }
            return properties;
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read settings file " + file, e);
        }
    }

    public String value(Key key) {
        String typed = typedValue(key);
        return typed != null ? typed : file.getProperty(key.property, key.defaultValue).trim();
    }

    /** The value from a flag or the environment, or null when it comes from the file or the default. */
    private String typedValue(Key key) {
        String flag = flags.get(key);
        if (flag != null) {
            return flag;
        }
        String env = environment.apply(key.environmentVariable);
        return env != null && !env.isEmpty() ? env : null;
    }

    private URI storage() {
        String typed = typedValue(Key.STORAGE);
        if (typed != null) {
            return StorageUris.toUri(typed);
        }
        String configured = value(Key.STORAGE);
        boolean relativePath = !StorageUris.hasScheme(configured) && !Path.of(configured).isAbsolute();
        return StorageUris.toUri(relativePath ? home.resolve(configured).toString() : configured);
    }

    public RecsysSettings resolve(boolean sparkMasterFromSubmit) {
        ElasticsearchSettings elasticsearch = new ElasticsearchSettings(
                URI.create(value(Key.ES_URL)),
                value(Key.ES_USERNAME),
                value(Key.ES_PASSWORD),
                value(Key.ES_API_KEY),
                intValue(Key.ES_REPLICAS),
                new IndexNames(value(Key.ES_INDEX_PREFIX)));
        // spark-submit's --master wins over our default, but an explicit --master flag still wins over both
        String master = flags.containsKey(Key.SPARK_MASTER) || !sparkMasterFromSubmit ? value(Key.SPARK_MASTER) : null;
        return new RecsysSettings(
                elasticsearch,
                storage(),
                master,
                intValue(Key.SPARK_PARALLELISM),
                intValue(Key.EMBEDDING_BATCH_SIZE),
                intValue(Key.TRAINING_MAX_TREE_ROWS));
    }

    private int intValue(Key key) {
        String raw = value(key);
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    key.property + " (" + key.environmentVariable + ") must be a whole number, was '" + raw + "'");
        }
    }
}
