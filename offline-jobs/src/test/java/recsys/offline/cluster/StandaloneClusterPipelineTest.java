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
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.core.index.UserFields;
import recsys.offline.index.ElasticsearchClients;
import recsys.offline.testing.MovieLensFixture;
import recsys.offline.testing.TestIndices;
import recsys.offline.testing.TestSpark;
import recsys.testing.LocalElasticsearch;

/**
 * Every job of the pipeline (ingest, embed, train, evaluate and the stored lists: {@code recsys all}) on a real Spark
 * standalone cluster gives what it gives in local mode: proof that nothing in them depends on running inside one JVM.
 *
 * <p>A Master and a Worker run on 127.0.0.1 as JVMs of their own, started from the spark-core classes. The driver
 * is the {@code recsys all} command in another JVM, with master {@code spark://127.0.0.1:PORT}. The project's
 * classes reach the executors only as an application jar the test builds and ships with {@code spark.jars}: the
 * executors' class path holds third-party jars and nothing else, so a task that needed the driver's class folders
 * would fail. The sentence model reaches them the way it does on any cluster: the driver unpacks it from its jar and
 * Spark NLP ships the file to each executor ({@code SparkContext.addFile}). Then the same files go through the same
 * command with {@code --master local[2]}, and the two runs are compared: the indices' documents and the vectors
 * exactly, and the models' choices and figures. Both runs have two partitions (one executor with two cores against
 * two local threads), the count the tree models' bootstrap samples depend on (docs/benchmarks.md), so their figures
 * agree up to the order in which Spark merges the partitions' sums.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StandaloneClusterPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP_NAME = "recsys-all";
    private static final String APP_JAR = "recsys-offline-app.jar";
    /** Sums merged in another order: the only difference two runs over the same partitions may show. */
    private static final double TOLERANCE = 1e-9;

    private final MovieLensFixture fixture = new MovieLensFixture(11, 80, 30, 30);
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
    void everyJobOnAStandaloneClusterGivesWhatItGivesInLocalMode() throws Exception {
        Path data = fixture.writeMlLatest(temp.resolve("data"));
        TestClasspath classpath = TestClasspath.current();
        List<Path> thirdParty = classpath.thirdPartyJars();
        Path appJar = classpath.writeApplicationJar(temp.resolve("app").resolve(APP_JAR));
        Path clusterStorage = temp.resolve("storage-cluster");
        Path localStorage = temp.resolve("storage-local");

        long started = System.nanoTime();
        try (StandaloneCluster cluster = StandaloneCluster.start(temp.resolve("cluster"), thirdParty, 2, "1g",
                Duration.ofSeconds(90))) {
            long clusterUp = System.nanoTime();
            runAll("cluster", cluster.masterUrl(), clusterNames, clusterStorage, data, appJar, thirdParty);
            System.out.printf("standalone cluster: up in %.1f s, recsys all in %.1f s%n",
                    (clusterUp - started) / 1e9, (System.nanoTime() - clusterUp) / 1e9);
            assertTheClusterRanTheJob(cluster, classpath);
        }
        long localStarted = System.nanoTime();
        runAll("local", "local[2]", localNames, localStorage, data, appJar, thirdParty);
        System.out.printf("local[2]: recsys all in %.1f s%n", (System.nanoTime() - localStarted) / 1e9);

        // ingest and embed: the same documents, vectors to the bit
        assertEquals(fixture.movies.size(), count(clusterNames.alias(IndexSchema.MOVIES)));
        assertEquals(fixture.expectedUsers(), count(clusterNames.alias(IndexSchema.USERS)));
        assertEquals(fixture.movies.size(), count(clusterNames.alias(IndexSchema.MOVIE_VECTORS)));
        for (IndexSchema schema : List.of(IndexSchema.MOVIES, IndexSchema.USERS, IndexSchema.MOVIE_VECTORS)) {
            assertSameDocuments(schema, documents(localNames.alias(schema), schema),
                    documents(clusterNames.alias(schema), schema));
        }

        // train and evaluate: the same choices, the same figures
        JsonNode localManifest = manifest(localStorage);
        JsonNode clusterManifest = manifest(clusterStorage);
        assertEquals(localManifest.get("servingModel"), clusterManifest.get("servingModel"));
        assertEquals(localManifest.get("rankingBlend"), clusterManifest.get("rankingBlend"));
        assertEquals(localManifest.get("featureSchema"), clusterManifest.get("featureSchema"));
        assertClose("manifest metrics", localManifest.get("metrics"), clusterManifest.get("metrics"));
        ObjectNode localParameters = localManifest.get("parameters").deepCopy();
        ObjectNode clusterParameters = clusterManifest.get("parameters").deepCopy();
        // the ingest run each trained on: a name made of the time it ran
        localParameters.remove("data.run");
        clusterParameters.remove("data.run");
        assertClose("manifest parameters", localParameters, clusterParameters);

        JsonNode localReport = report(localStorage);
        JsonNode clusterReport = report(clusterStorage);
        assertEquals(localReport.get("serving_model"), clusterReport.get("serving_model"));
        for (String section : List.of("split", "seed", "models", "baselines", "ranking_baselines", "curves",
                "ranked_users", "scored_rows", "serving_sample", "similar_movies")) {
            assertClose("report " + section, localReport.get(section), clusterReport.get(section));
        }
    }

    /** {@code recsys all} as its own JVM, the way a launcher starts a client-mode driver. */
    private void runAll(String name, String master, IndexNames names, Path storage, Path data, Path appJar,
                        List<Path> thirdParty) throws IOException, InterruptedException {
        Path driverDir = Files.createDirectories(temp.resolve("driver-" + name));
        List<Path> driverClassPath = new ArrayList<>();
        driverClassPath.add(appJar);
        driverClassPath.addAll(thirdParty);
        ChildJvm.Builder driver = ChildJvm.builder("driver-" + name)
                .classPath(TestClasspath.join(driverClassPath))
                .jvmOption("-Xmx1g")
                .jvmOption("-Djava.awt.headless=true")
                .jvmOption("-Djava.io.tmpdir=" + Files.createDirectories(driverDir.resolve("tmp")))
                .jvmOption("-DDJL_CACHE_DIR=" + djlCache())
                .jvmOption("-Dspark.ui.enabled=false")
                .env("SPARK_LOCAL_IP", "127.0.0.1")
                .env("RECSYS_ES_INDEX_PREFIX", names.prefix())
                // a working folder without conf/recsys.properties: flags and defaults only
                .workingDirectory(driverDir)
                .log(driverDir.resolve("driver.log"))
                .main("recsys.offline.cli.RecsysCli", "all",
                        "--data", data.toString(),
                        "--es", elasticsearchUrl,
                        "--storage", storage.toString(),
                        "--master", master,
                        "--parallelism", "2");
        if (!master.startsWith("local")) {
            // spark-submit's --jars and --conf: SparkConf reads spark.* system properties
            driver.jvmOption("-Dspark.jars=" + appJar)
                    .jvmOption("-Dspark.executor.extraClassPath=" + TestClasspath.join(thirdParty))
                    .jvmOption("-Dspark.executor.memory=1g")
                    .jvmOption("-Dspark.executorEnv.DJL_CACHE_DIR=" + djlCache());
        }
        try (ChildJvm jvm = driver.start()) {
            int exit = jvm.await(15, TimeUnit.MINUTES);
            System.out.println(jvm.tail(30));
            assertEquals(0, exit, "recsys all on " + master + " failed (-1: timed out)\n" + jvm.tail(80));
        }
    }

    /** Where DJL unpacks its native tokenizer: the build's folder, as for the tests themselves, not the home folder. */
    private static String djlCache() {
        return Path.of("target", "djl-cache").toAbsolutePath().toString();
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

    private static JsonNode manifest(Path storage) throws IOException {
        return JSON.readTree(storage.resolve("models").resolve(currentVersion(storage)).resolve("manifest.json").toFile());
    }

    private static JsonNode report(Path storage) throws IOException {
        return JSON.readTree(storage.resolve("reports").resolve(currentVersion(storage)).resolve("report.json").toFile());
    }

    private static String currentVersion(Path storage) throws IOException {
        return Files.readString(storage.resolve("models").resolve("CURRENT"), StandardCharsets.UTF_8).trim();
    }

    private long count(String alias) throws IOException {
        return client.count(c -> c.index(alias)).count();
    }

    /**
     * Every document of the index behind {@code alias}, by id, in id order; a user's stored list without the fields
     * that name its run (the model version, the time it was computed).
     */
    private Map<String, ObjectNode> documents(String alias, IndexSchema schema) throws IOException {
        SearchResponse<ObjectNode> response = client.search(s -> s.index(alias).size(1000)
                .query(q -> q.matchAll(m -> m))
                .sort(o -> o.field(f -> f.field(schema.idField()).order(SortOrder.Asc))), ObjectNode.class);
        Map<String, ObjectNode> documents = new LinkedHashMap<>();
        for (Hit<ObjectNode> hit : response.hits().hits()) {
            ObjectNode source = hit.source();
            if (source.get(UserFields.RECOMMENDATIONS) instanceof ObjectNode list) {
                list.remove(UserFields.StoredList.MODEL_VERSION);
                list.remove(UserFields.StoredList.COMPUTED_AT);
            }
            documents.put(hit.id(), source);
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
    }

    /**
     * The same tree of fields, numbers (and numbers written as strings, as the manifest's parameters are) equal
     * within {@link #TOLERANCE} relative to their size, everything else exactly.
     */
    private static void assertClose(String where, JsonNode local, JsonNode cluster) {
        assertNotNull(local, where + ": missing locally");
        assertNotNull(cluster, where + ": missing on the cluster");
        if (local.isObject()) {
            List<String> localFields = fieldNames(local);
            assertEquals(localFields, fieldNames(cluster), where + " fields");
            for (String field : localFields) {
                assertClose(where + "." + field, local.get(field), cluster.get(field));
            }
        } else if (local.isArray()) {
            assertEquals(local.size(), cluster.size(), where + " length");
            for (int i = 0; i < local.size(); i++) {
                assertClose(where + "[" + i + "]", local.get(i), cluster.get(i));
            }
        } else if (number(local) != null && number(cluster) != null) {
            double a = number(local);
            double b = number(cluster);
            assertTrue(a == b || Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a)),
                    where + ": local " + a + ", cluster " + b);
        } else {
            assertEquals(local, cluster, where);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static Double number(JsonNode node) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isTextual()) {
            try {
                return Double.parseDouble(node.asText());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
