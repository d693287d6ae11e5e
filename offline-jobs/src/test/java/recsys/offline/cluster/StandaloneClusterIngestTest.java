package recsys.offline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.offline.index.ElasticsearchClients;
import recsys.offline.index.IndexLifecycle;
import recsys.offline.index.IndexWriter;
import recsys.offline.ingest.IngestJob;
import recsys.offline.ingest.IngestReport;
import recsys.offline.storage.StorageLayout;
import recsys.offline.testing.MovieLensFixture;
import recsys.offline.testing.TestIndices;
import recsys.offline.testing.TestSpark;
import recsys.testing.LocalElasticsearch;

/**
 * The ingest job on a real Spark standalone cluster gives the same index contents as in local mode: proof that
 * nothing in it depends on running inside one JVM.
 *
 * <p>A Master and a Worker run on 127.0.0.1 as JVMs of their own, started from the spark-core classes. The driver
 * is the {@code recsys ingest} command in another JVM (one JVM holds one SparkContext, and this one's is the
 * shared {@code local[2]} session), with master {@code spark://127.0.0.1:PORT}. The project's classes reach the
 * executors only as an application jar the test builds and ships with {@code spark.jars}: the executors' class
 * path holds third-party jars and nothing else, so a task that needed the driver's class folders would fail.
 * Then the same files go through the same job in local mode, and both runs' documents are compared whole.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StandaloneClusterIngestTest {

    private static final String APP_NAME = "recsys-ingest";
    private static final String APP_JAR = "recsys-offline-app.jar";

    private final MovieLensFixture fixture = new MovieLensFixture(7, 40, 25, 12);
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final IndexNames clusterNames = new IndexNames("it-cluster-" + run + "-");
    private final IndexNames localNames = new IndexNames("it-local-" + run + "-");

    @TempDir
    Path temp;

    private String elasticsearchUrl;
    private ElasticsearchClient client;

    @BeforeAll
    void connect() {
        elasticsearchUrl = LocalElasticsearch.ensureRunning();
        client = ElasticsearchClients.create(TestSpark.settings(Path.of("target"), localNames).elasticsearch());
    }

    @AfterAll
    void cleanUp() throws IOException {
        if (client == null) {
            return;
        }
        try {
            for (IndexNames names : List.of(clusterNames, localNames)) {
                TestIndices.deleteAll(client, names);
            }
        } finally {
            client._transport().close();
        }
    }

    @Test
    void theJobOnAStandaloneClusterWritesTheSameDocumentsAsInLocalMode() throws Exception {
        Path data = fixture.writeMlLatest(temp.resolve("data"));
        TestClasspath classpath = TestClasspath.current();
        List<Path> thirdParty = classpath.thirdPartyJars();
        Path appJar = classpath.writeApplicationJar(temp.resolve("app").resolve(APP_JAR));

        long started = System.nanoTime();
        try (StandaloneCluster cluster = StandaloneCluster.start(temp.resolve("cluster"), thirdParty, 2, "1g",
                Duration.ofSeconds(90))) {
            long clusterUp = System.nanoTime();
            ChildJvm driver = submit(cluster, data, appJar, thirdParty);
            try (driver) {
                int exit = driver.await(240, TimeUnit.SECONDS);
                System.out.println(driver.tail(40));
                assertEquals(0, exit, "recsys ingest on " + cluster.masterUrl() + " failed (-1: timed out)\n"
                        + driver.tail(80) + "\n" + cluster.worker().tail(30));
            }
            System.out.printf("standalone cluster: up in %.1f s, ingest in %.1f s%n",
                    (clusterUp - started) / 1e9, (System.nanoTime() - clusterUp) / 1e9);
            assertTheClusterRanTheJob(cluster, classpath);
        }

        IngestReport local = ingestLocally(data);
        assertEquals(fixture.movies.size(), local.movies());

        for (IndexSchema schema : List.of(IndexSchema.MOVIES, IndexSchema.USERS)) {
            long expected = schema == IndexSchema.MOVIES ? fixture.movies.size() : fixture.expectedUsers();
            assertEquals(expected, count(localNames.alias(schema)), "local " + schema);
            assertEquals(expected, count(clusterNames.alias(schema)), "cluster " + schema);
            assertSameDocuments(schema, documents(localNames.alias(schema), schema), documents(clusterNames.alias(schema), schema));
        }
    }

    /** {@code recsys ingest} as its own JVM, the way a launcher starts a client-mode driver. */
    private ChildJvm submit(StandaloneCluster cluster, Path data, Path appJar, List<Path> thirdParty) throws IOException {
        Path driverDir = Files.createDirectories(temp.resolve("driver"));
        List<Path> driverClassPath = new ArrayList<>();
        driverClassPath.add(appJar);
        driverClassPath.addAll(thirdParty);
        return ChildJvm.builder("driver")
                .classPath(TestClasspath.join(driverClassPath))
                .jvmOption("-Xmx768m")
                // spark-submit's --jars and --conf: SparkConf reads spark.* system properties
                .jvmOption("-Dspark.jars=" + appJar)
                .jvmOption("-Dspark.executor.extraClassPath=" + TestClasspath.join(thirdParty))
                .jvmOption("-Dspark.executor.memory=1g")
                .jvmOption("-Dspark.ui.enabled=false")
                .env("SPARK_LOCAL_IP", "127.0.0.1")
                .env("RECSYS_ES_INDEX_PREFIX", clusterNames.prefix())
                // a working folder without conf/recsys.properties: flags and defaults only
                .workingDirectory(driverDir)
                .log(driverDir.resolve("driver.log"))
                .main("recsys.offline.cli.RecsysCli", "ingest",
                        "--data", data.toString(),
                        "--es", elasticsearchUrl,
                        "--storage", temp.resolve("storage-cluster").toString(),
                        "--master", cluster.masterUrl(),
                        "--parallelism", "2")
                .start();
    }

    /**
     * The Master recorded the application as finished, and the Worker ran its executor: launched with a class
     * path free of project classes, it fetched the application jar from the driver.
     */
    private void assertTheClusterRanTheJob(StandaloneCluster cluster, TestClasspath classpath) throws IOException {
        JsonNode state = cluster.awaitState("the application to complete",
                s -> completedApps(s).anyMatch(app -> APP_NAME.equals(app.path("name").asText())),
                Duration.ofSeconds(30));
        JsonNode app = completedApps(state).filter(a -> APP_NAME.equals(a.path("name").asText())).findFirst().orElseThrow();
        assertEquals("FINISHED", app.path("state").asText(), app.toString());
        String appId = app.path("id").asText();

        Path appDir = cluster.workDir().resolve(appId);
        assertTrue(Files.isDirectory(appDir), "the worker has no folder for " + appId + " in " + cluster.workDir());
        List<Path> executorDirs;
        try (Stream<Path> list = Files.list(appDir)) {
            executorDirs = list.filter(Files::isDirectory).toList();
        }
        assertFalse(executorDirs.isEmpty(), "no executor ran for " + appId);
        for (Path executorDir : executorDirs) {
            String stderr = Files.readString(executorDir.resolve("stderr"), StandardCharsets.UTF_8);
            String executorClassPath = executorClassPath(stderr);
            assertNotNull(executorClassPath, "no executor command in " + executorDir.resolve("stderr"));
            for (String entry : executorClassPath.split(File.pathSeparator)) {
                for (Path project : classpath.projectEntries()) {
                    assertFalse(entry.startsWith(project.toString()), "executor class path holds project classes: " + entry);
                }
                assertFalse(entry.endsWith(APP_JAR), "executor class path holds the application jar: " + entry);
            }
            assertTrue(Files.isRegularFile(executorDir.resolve(APP_JAR)),
                    "executor " + executorDir + " did not fetch " + APP_JAR + "\n" + tail(stderr, 40));
        }
    }

    private static Stream<JsonNode> completedApps(JsonNode state) {
        return StreamSupport.stream(state.path("completedapps").spliterator(), false);
    }

    /** The Worker writes each executor's command at the top of its stderr: {@code "java" "-cp" "..." ...}. */
    private static String executorClassPath(String stderr) {
        Matcher m = Pattern.compile("Spark Executor Command: .*?\"-cp\" \"([^\"]*)\"").matcher(stderr);
        return m.find() ? m.group(1) : null;
    }

    private IngestReport ingestLocally(Path data) {
        SparkSession spark = TestSpark.session();
        IndexLifecycle lifecycle = new IndexLifecycle(client, localNames, 0);
        StorageLayout storage = new StorageLayout(temp.resolve("storage-local").toUri(),
                spark.sparkContext().hadoopConfiguration());
        return new IngestJob(spark, storage, lifecycle, new IndexWriter(lifecycle), Clock.systemUTC(), System.out)
                .run(data.toUri().toString());
    }

    private long count(String alias) throws IOException {
        return client.count(c -> c.index(alias)).count();
    }

    /** Every document of the index behind {@code alias}, by id, in id order. */
    private Map<String, ObjectNode> documents(String alias, IndexSchema schema) throws IOException {
        SearchResponse<ObjectNode> response = client.search(s -> s.index(alias).size(1000)
                .query(q -> q.matchAll(m -> m))
                .sort(o -> o.field(f -> f.field(schema.idField()).order(SortOrder.Asc))), ObjectNode.class);
        Map<String, ObjectNode> documents = new LinkedHashMap<>();
        for (Hit<ObjectNode> hit : response.hits().hits()) {
            documents.put(hit.id(), hit.source());
        }
        return documents;
    }

    private static void assertSameDocuments(IndexSchema schema, Map<String, ObjectNode> local, Map<String, ObjectNode> cluster) {
        assertEquals(local.keySet(), cluster.keySet(), schema + " ids");
        for (Map.Entry<String, ObjectNode> entry : local.entrySet()) {
            ObjectNode other = cluster.get(entry.getKey());
            assertTrue(Objects.equals(entry.getValue(), other),
                    schema + " " + entry.getKey() + " differs:\nlocal   " + entry.getValue() + "\ncluster " + other);
        }
        assertEquals(local, cluster);
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
