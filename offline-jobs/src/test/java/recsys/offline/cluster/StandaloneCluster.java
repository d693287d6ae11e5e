package recsys.offline.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A real Spark standalone cluster on 127.0.0.1: one {@code Master} and one {@code Worker}, each its own JVM
 * started from the spark-core classes on the test class path.
 *
 * <p>The Worker launches executors the way an installed Spark does: with {@code SPARK_HOME} set it builds the
 * executor class path from the application's {@code spark.executor.extraClassPath}, {@code $SPARK_HOME/conf} and
 * {@code $SPARK_HOME/jars/*}. Here {@code SPARK_HOME} is a folder with an empty {@code jars}, so the executors get
 * exactly the class path the driver asks for, and nothing of the project unless it is shipped.
 */
final class StandaloneCluster implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    private final ChildJvm master;
    private final ChildJvm worker;
    private final int masterPort;
    private final int masterUiPort;
    private final Path workDir;

    private StandaloneCluster(ChildJvm master, ChildJvm worker, int masterPort, int masterUiPort, Path workDir) {
        this.master = master;
        this.worker = worker;
        this.masterPort = masterPort;
        this.masterUiPort = masterUiPort;
        this.workDir = workDir;
    }

    /**
     * Starts the Master, then a Worker with {@code cores} cores and {@code memory} (e.g. {@code 1g}) for
     * executors, and waits until the Master reports the Worker alive.
     */
    static StandaloneCluster start(Path dir, List<Path> sparkJars, int cores, String memory, Duration timeout) {
        Path sparkHome = dir.resolve("spark-home");
        Path workDir = dir.resolve("work");
        try {
            Files.createDirectories(sparkHome.resolve("jars"));
            Files.createDirectories(sparkHome.resolve("conf"));
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String classPath = TestClasspath.join(sparkJars);
        int masterPort = freePort();
        int masterUiPort = freePort();
        ChildJvm master = daemon("spark-master", dir, sparkHome, classPath)
                .main("org.apache.spark.deploy.master.Master",
                        "--host", "127.0.0.1", "--port", Integer.toString(masterPort),
                        "--webui-port", Integer.toString(masterUiPort))
                .start();
        ChildJvm worker = null;
        StandaloneCluster cluster = null;
        try {
            cluster = new StandaloneCluster(master, null, masterPort, masterUiPort, workDir);
            cluster.awaitState("the master to answer", state -> true, timeout);
            worker = daemon("spark-worker", dir, sparkHome, classPath)
                    .main("org.apache.spark.deploy.worker.Worker",
                            "--host", "127.0.0.1", "--port", Integer.toString(freePort()),
                            "--webui-port", Integer.toString(freePort()),
                            "--cores", Integer.toString(cores), "--memory", memory,
                            "--work-dir", workDir.toString(),
                            cluster.masterUrl())
                    .start();
            cluster = new StandaloneCluster(master, worker, masterPort, masterUiPort, workDir);
            cluster.awaitState("a worker to register",
                    state -> state.path("aliveworkers").asInt(0) >= 1 && state.path("cores").asInt(0) >= cores, timeout);
            return cluster;
        } catch (RuntimeException | Error e) {
            if (worker != null) {
                worker.close();
            }
            master.close();
            throw e;
        }
    }

    private static ChildJvm.Builder daemon(String name, Path dir, Path sparkHome, String classPath) {
        return ChildJvm.builder(name)
                .classPath(classPath)
                .jvmOption("-Xmx256m")
                .env("SPARK_HOME", sparkHome.toString())
                // without it the launcher library looks for a Spark source build to guess the Scala version
                .env("SPARK_SCALA_VERSION", "2.12")
                .env("SPARK_LOCAL_IP", "127.0.0.1")
                .env("SPARK_CONF_DIR", sparkHome.resolve("conf").toString())
                .workingDirectory(dir)
                .log(dir.resolve("logs").resolve(name + ".log"));
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** The Worker's folder: one sub-folder per application, one per executor, with its stdout, stderr and files. */
    Path workDir() {
        return workDir;
    }

    ChildJvm master() {
        return master;
    }

    ChildJvm worker() {
        return worker;
    }

    /** The Master's state as its web UI serves it ({@code /json}): workers, active and completed applications. */
    Optional<JsonNode> masterState() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + masterUiPort + "/json/"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls the Master's state until {@code condition} holds, failing with the daemons' logs after {@code timeout}. */
    JsonNode awaitState(String what, Predicate<JsonNode> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> state = masterState();
            if (state.isPresent()) {
                last = state.get();
                if (condition.test(last)) {
                    return last;
                }
            }
            if (!master.isAlive() || (worker != null && !worker.isAlive())) {
                break;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("timed out waiting for " + what + "; master state " + last + "\n"
                + master.tail(40) + (worker == null ? "" : "\n" + worker.tail(40)));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the Worker (and with it any executor still running), then the Master. */
    @Override
    public void close() {
        try {
            if (worker != null) {
                worker.close();
            }
        } finally {
            master.close();
        }
    }
}
