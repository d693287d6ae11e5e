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
 * One Spark {@code local[2]} session for the whole test JVM (starting Spark costs seconds; Spark's own suites
 * share a session the same way), wired to the local Elasticsearch the suite starts when it is not running.
 */
public final class TestSpark {

    private static final Object LOCK = new Object();
    private static SparkSession session;

    private TestSpark() {
    }

    public static RecsysSettings settings(Path storage, IndexNames names) {
        return new RecsysSettings(
                new ElasticsearchSettings(URI.create(LocalElasticsearch.ensureRunning()), null, null, null, 0, names),
                storage.toUri(), "local[2]", 2, 32);
    }

    public static SparkSession session() {
        synchronized (LOCK) {
            if (session == null) {
                System.setProperty("SPARK_LOCAL_IP", "127.0.0.1");
                session = SparkSessions.create("recsys-tests", settings(Path.of("target"), IndexNames.DEFAULT));
                Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
            }
            return session;
        }
    }
}
