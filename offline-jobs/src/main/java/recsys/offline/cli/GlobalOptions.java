package recsys.offline.cli;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Option;
import recsys.offline.config.RecsysSettings;
import recsys.offline.config.SettingsResolver;
import recsys.offline.config.SettingsResolver.Key;
import recsys.offline.spark.SparkSessions;

/**
 * Options every subcommand takes. Each overrides its environment variable, which overrides the settings file
 * ({@code conf/recsys.properties} by default). Credentials are deliberately not flags, so they stay out of shell
 * histories and process lists: set them in the environment or the settings file.
 */
final class GlobalOptions {

    @Option(names = "--es", paramLabel = "URL",
            description = "Elasticsearch URL (env RECSYS_ES_URL; default http://127.0.0.1:9200).")
    String elasticsearchUrl;

    @Option(names = "--storage", paramLabel = "URI",
            description = "Storage root for Parquet data and models: a local path or a Hadoop file-system URI "
                    + "(env RECSYS_STORAGE; default var/storage).")
    String storage;

    @Option(names = "--index-prefix", paramLabel = "PREFIX",
            description = "Prefix of every Elasticsearch index and alias this run reads and writes, so that several "
                    + "deployments (or a notebook's scratch run) share one cluster (env RECSYS_ES_INDEX_PREFIX; "
                    + "default none).")
    String indexPrefix;

    @Option(names = "--master", paramLabel = "SPARK_MASTER",
            description = "Spark master (env RECSYS_SPARK_MASTER; default local[*], or what spark-submit chose).")
    String master;

    @Option(names = "--parallelism", paramLabel = "N",
            description = "Shuffle partitions and default parallelism (env RECSYS_SPARK_PARALLELISM; default 4).")
    Integer parallelism;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Settings file (env RECSYS_CONF; default conf/recsys.properties under RECSYS_HOME or the "
                    + "working directory, if present).")
    Path config;

    RecsysSettings settings() {
        Map<Key, String> flags = new EnumMap<>(Key.class);
        put(flags, Key.ES_URL, elasticsearchUrl);
        put(flags, Key.STORAGE, storage);
        put(flags, Key.ES_INDEX_PREFIX, indexPrefix);
        put(flags, Key.SPARK_MASTER, master);
        put(flags, Key.SPARK_PARALLELISM, parallelism == null ? null : parallelism.toString());
        return SettingsResolver.fromEnvironment(flags, config, SparkSessions.masterChosenBySubmit());
    }

    private static void put(Map<Key, String> flags, Key key, String value) {
        if (value != null) {
            flags.put(key, value);
        }
    }
}
