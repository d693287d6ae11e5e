package recsys.offline.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import recsys.offline.config.ElasticsearchSettings;
import recsys.offline.config.RecsysSettings;

/**
 * Builds the one SparkSession of a CLI run. Under {@code spark-submit} the master and deploy settings come from
 * the submit command; run with {@code java -jar} the session is embedded ({@code local[*]} by default).
 */
public final class SparkSessions {

    private SparkSessions() {
    }

    /** Whether spark-submit (or a caller's SparkConf) already chose a master. */
    public static boolean masterChosenBySubmit() {
        return new SparkConf().contains("spark.master");
    }

    public static SparkSession create(String appName, RecsysSettings settings) {
        SparkConf conf = new SparkConf().setAppName(appName);
        if (settings.sparkMaster() != null) {
            conf.setMaster(settings.sparkMaster());
        }
        boolean local = conf.get("spark.master", "local[*]").startsWith("local");
        if (local) {
            // an embedded run serves nobody but this process: keep it on loopback and without a web UI
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        conf.setIfMissing("spark.sql.shuffle.partitions", Integer.toString(settings.parallelism()));
        conf.setIfMissing("spark.default.parallelism", Integer.toString(settings.parallelism()));
        conf.setIfMissing("spark.sql.session.timeZone", "UTC");
        // Spark NLP's ONNX sessions default to 6 intra-op threads, which is 3x slower on a 2-core machine than
        // one thread per task; Spark's own task slots already use every core.
        conf.setIfMissing("spark.jsl.settings.onnx.intraOpNumThreads", "1");
        elasticsearchConf(settings.elasticsearch()).forEach(conf::setIfMissing);
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    /** elasticsearch-spark settings for the cluster, as {@code spark.es.*} keys the connector picks up. */
    static java.util.Map<String, String> elasticsearchConf(ElasticsearchSettings es) {
        java.util.Map<String, String> conf = new java.util.LinkedHashMap<>();
        conf.put("spark.es.nodes", es.url().getHost());
        conf.put("spark.es.port", Integer.toString(es.port()));
        // talk only to the address we were given: behind a proxy, in the cloud, or on loopback, the
        // addresses the nodes publish may not be reachable from the executors
        conf.put("spark.es.nodes.wan.only", "true");
        conf.put("spark.es.net.ssl", Boolean.toString(es.tls()));
        if (!es.pathPrefix().isEmpty()) {
            conf.put("spark.es.nodes.path.prefix", es.pathPrefix());
        }
        if (es.username() != null) {
            conf.put("spark.es.net.http.auth.user", es.username());
            conf.put("spark.es.net.http.auth.pass", es.password() == null ? "" : es.password());
        }
        if (es.apiKey() != null) {
            conf.put("spark.es.net.http.header.Authorization", "ApiKey " + es.apiKey());
        }
        return conf;
    }
}
