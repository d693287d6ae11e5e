package recsys.offline.testing;

import java.net.URI;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import recsys.core.index.IndexNames;
import recsys.offline.config.ElasticsearchSettings;
import recsys.offline.config.RecsysSettings;
import recsys.offline.spark.SparkSessions;
import recsys.testing.LocalElasticsearch;

/**
 * One Spark {@code local[2]} session for the whole test JVM (starting Spark costs seconds, and a JVM holds one
 * SparkContext; Spark's own suites share a session the same way). Test classes use it and never stop it; it is
 * stopped when the JVM exits. Its elasticsearch-spark settings point at the local Elasticsearch, which
 * {@link #settings} starts when a test needs it.
 */
public final class TestSpark {

    private static final Object LOCK = new Object();
    private static SparkSession session;

    private TestSpark() {
    }

    /** Settings for jobs under test; starts the local Elasticsearch if it is not running. */
    public static RecsysSettings settings(Path storage, IndexNames names) {
        return settings(storage, names, URI.create(LocalElasticsearch.ensureRunning()));
    }

    private static RecsysSettings settings(Path storage, IndexNames names, URI elasticsearch) {
        return new RecsysSettings(new ElasticsearchSettings(elasticsearch, null, null, null, 0, names),
                storage.toUri(), "local[2]", 2, 32, 1_000_000);
    }

    public static SparkSession session() {
        synchronized (LOCK) {
            if (session == null || session.sparkContext().isStopped()) {
                System.setProperty("SPARK_LOCAL_IP", "127.0.0.1");
                // RECSYS_ES_PORT counts here too: a session on the default port would bulk-load another
                // developer's server (elasticsearch-spark creates the missing index there) while the test reads its own
                URI elasticsearch = URI.create(LocalElasticsearch.configuredUrl());
                session = SparkSessions.create("recsys-tests", settings(Path.of("target"), IndexNames.DEFAULT, elasticsearch));
                SparkSession created = session;
                Runtime.getRuntime().addShutdownHook(new Thread(created::stop));
            }
            return session;
        }
    }
}
