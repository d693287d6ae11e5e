package recsys.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives tests an Elasticsearch to talk to: the one named by {@code RECSYS_ES_URL}, or else the repository's local
 * single-node server ({@code bin/elasticsearch-local}), started on demand.
 *
 * <p>Other modules use it through core's test-jar:
 * <pre>{@code
 * <dependency>
 *   <groupId>movierecommender</groupId>
 *   <artifactId>core</artifactId>
 *   <version>${project.version}</version>
 *   <type>test-jar</type>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 *
 * <p>A server this class starts keeps running after the tests (so later suites and modules reuse it); stop it with
 * {@code bin/elasticsearch-local stop}.
 */
public final class LocalElasticsearch {

    /** Use this Elasticsearch instead of the local one (only its health is checked). */
    public static final String URL_ENV = "RECSYS_ES_URL";
    /** HTTP port of the local server; read by bin/elasticsearch-local too. */
    public static final String PORT_ENV = "RECSYS_ES_PORT";
    public static final int DEFAULT_PORT = 9200;

    private static final String SCRIPT = "bin/elasticsearch-local";
    /** The first start downloads the distribution (~107 MB) and builds the plugin; later ones take ~15 s. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);
    /** How long a server given by RECSYS_ES_URL may take to turn yellow/green. */
    private static final Duration EXTERNAL_HEALTH_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(green|yellow|red)\"");

    /** Serialises start attempts within one JVM; the script itself locks across processes. */
    private static final Object LOCK = new Object();

    private LocalElasticsearch() {
    }

    /**
     * Returns the base URL (no trailing slash, e.g. {@code http://127.0.0.1:9200}) of an Elasticsearch whose
     * cluster health is yellow or green, starting the local server if it is not running.
     *
     * @throws IllegalStateException if no healthy server can be had
     */
    public static String ensureRunning() {
        String external = System.getenv(URL_ENV);
        if (external != null && !external.isBlank()) {
            String url = stripTrailingSlash(external.trim());
            if (!awaitHealthy(url, EXTERNAL_HEALTH_TIMEOUT)) {
                throw new IllegalStateException(
                        URL_ENV + "=" + url + " is not answering with yellow or green cluster health");
            }
            return url;
        }
        String url = "http://127.0.0.1:" + port();
        synchronized (LOCK) {
            if (healthStatus(url).map(LocalElasticsearch::isUsable).orElse(false)) {
                return url;
            }
            startLocalServer();
            if (!awaitHealthy(url, Duration.ofSeconds(30))) {
                throw new IllegalStateException(SCRIPT + " start succeeded but " + url + " is not healthy");
            }
            return url;
        }
    }

    /**
     * The URL {@link #ensureRunning} would use, without starting or checking anything: {@code RECSYS_ES_URL}, else
     * the local server on {@code RECSYS_ES_PORT} (default {@value #DEFAULT_PORT}). For settings fixed before a test
     * needs the server, such as a shared Spark session's elasticsearch-spark node.
     */
    public static String configuredUrl() {
        String external = System.getenv(URL_ENV);
        if (external != null && !external.isBlank()) {
            return stripTrailingSlash(external.trim());
        }
        return "http://127.0.0.1:" + port();
    }

    /** The cluster health status (green, yellow or red) at {@code baseUrl}, or empty if it does not answer. */
    public static Optional<String> healthStatus(String baseUrl) {
        try {
            HttpResponse<String> response = client().send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/_cluster/health"))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            Matcher m = STATUS.matcher(response.body());
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking " + baseUrl, e);
        }
    }

    /** Walks up from the working directory to the folder holding {@code bin/elasticsearch-local}. */
    public static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(SCRIPT))) {
                return dir;
            }
        }
        throw new IllegalStateException("no " + SCRIPT + " in " + start + " or any parent; set " + URL_ENV);
    }

    private static int port() {
        String value = System.getenv(PORT_ENV);
        if (value == null || value.isBlank()) {
            return DEFAULT_PORT;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(PORT_ENV + " is not a port number: " + value, e);
        }
    }

    private static boolean isUsable(String status) {
        return status.equals("green") || status.equals("yellow");
    }

    private static boolean awaitHealthy(String url, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (healthStatus(url).map(LocalElasticsearch::isUsable).orElse(false)) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + url, e);
            }
        }
    }

    /**
     * Runs {@code bin/elasticsearch-local start}. Its output is copied line by line to System.out rather than
     * inherited: under Maven Surefire a child writing straight to the forked JVM's stdout corrupts the channel
     * Surefire reads test events from.
     */
    private static void startLocalServer() {
        Path root = repositoryRoot();
        ProcessBuilder builder = new ProcessBuilder(root.resolve(SCRIPT).toString(), "start")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + root.resolve(SCRIPT), e);
        }
        Thread copier = new Thread(() -> copyLines(process), "elasticsearch-local-output");
        copier.setDaemon(true);
        copier.start();
        try {
            if (!process.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(SCRIPT + " start did not finish within " + START_TIMEOUT);
            }
            copier.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Elasticsearch", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(SCRIPT + " start failed with exit code " + process.exitValue()
                    + " (its output is above)");
        }
    }

    private static void copyLines(Process process) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                System.out.println("[elasticsearch-local] " + line);
            }
        } catch (IOException e) {
            System.out.println("[elasticsearch-local] (output lost: " + e + ")");
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
