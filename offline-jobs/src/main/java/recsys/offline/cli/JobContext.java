package recsys.offline.cli;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import org.apache.spark.sql.SparkSession;
import recsys.offline.config.RecsysSettings;
import recsys.offline.index.ElasticsearchClients;
import recsys.offline.index.IndexLifecycle;
import recsys.offline.index.IndexWriter;
import recsys.offline.spark.ConsoleProgress;
import recsys.offline.spark.SparkSessions;
import recsys.offline.storage.StorageLayout;

/** The long-lived parts one CLI run shares between its jobs, closed together at the end. */
final class JobContext implements AutoCloseable {

    final RecsysSettings settings;
    final SparkSession spark;
    final ElasticsearchClient elasticsearch;
    final IndexLifecycle indices;
    final IndexWriter writer;
    final StorageLayout storage;
    final ConsoleProgress progress;
    final PrintStream out;
    final Clock clock = Clock.systemUTC();

    JobContext(String appName, RecsysSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        out.println("settings: elasticsearch " + settings.elasticsearch().displayUrl() + ", storage "
                + settings.storage() + ", spark " + (settings.sparkMaster() == null ? "(from spark-submit)" : settings.sparkMaster()));
        long started = System.nanoTime();
        this.spark = SparkSessions.create(appName, settings);
        out.printf("spark: %s started in %.1f s%n", spark.sparkContext().master(), (System.nanoTime() - started) / 1e9);
        this.progress = new ConsoleProgress(out, Duration.ofSeconds(5));
        spark.sparkContext().addSparkListener(progress);
        this.elasticsearch = ElasticsearchClients.create(settings.elasticsearch());
        this.indices = new IndexLifecycle(elasticsearch, settings.elasticsearch().indexNames(), settings.elasticsearch().replicas());
        this.writer = new IndexWriter(indices);
        this.storage = new StorageLayout(settings.storage(), spark.sparkContext().hadoopConfiguration());
    }

    @Override
    public void close() {
        progress.close();
        try {
            elasticsearch._transport().close();
        } catch (IOException e) {
            out.println("warning: closing the Elasticsearch client failed: " + e.getMessage());
        }
        spark.stop();
    }
}
