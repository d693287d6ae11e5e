package recsys.online.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import recsys.testing.LocalElasticsearch;

/**
 * Runs a main class of the offline module (the {@code recsys} CLI, or a test-data writer) in a child JVM, from
 * {@code offline-jobs/target/classes} (and its test classes) and the class path that module's build writes to
 * {@code offline-jobs/target/classpath.txt}. A child JVM because Spark must never share a class path with Micronaut
 * (they need different Netty and Jackson versions); this module only depends on offline-jobs for build order.
 */
public final class OfflineCli {

    public static final String CLI_MAIN = "recsys.offline.cli.RecsysCli";
    private static final long TIMEOUT_MINUTES = 10;

    private final Path repositoryRoot;
    private final Path workDirectory;
    private final Map<String, String> environment;

    /**
     * @param workDirectory where the child's logs, class-path argument file and temporary files go
     * @param environment   {@code RECSYS_*} settings for the child; the test JVM's own are not inherited
     */
    public OfflineCli(Path workDirectory, Map<String, String> environment) {
        this.repositoryRoot = LocalElasticsearch.repositoryRoot();
        this.workDirectory = workDirectory;
        this.environment = Map.copyOf(environment);
    }

    /** Runs {@code mainClass args} to completion; fails with the tail of its output when it exits non-zero. */
    public String run(String name, String mainClass, String... args) {
        Path offline = repositoryRoot.resolve("offline-jobs").resolve("target");
        Path classpathFile = offline.resolve("classpath.txt");
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException(classpathFile + " is missing: build offline-jobs first (run the tests "
                    + "from the repository root with -am, e.g. ./mvnw -pl online-service -am test)");
        }
        try {
            Path tmp = Files.createDirectories(workDirectory.resolve("tmp"));
            Path log = workDirectory.resolve(name + ".log");
            Path argFile = workDirectory.resolve(name + ".args");
            String classPath = String.join(File.pathSeparator, offline.resolve("classes").toString(),
                    offline.resolve("test-classes").toString(),
                    Files.readString(classpathFile, StandardCharsets.UTF_8).trim());
            // the class path goes into an argument file: it is long, and it keeps process listings readable
            Files.writeString(argFile, "-cp \"" + classPath.replace("\\", "\\\\") + "\"\n", StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(Arrays.asList(sparkJavaOptions()));
            command.add("-Xmx1g");
            command.add("-Djava.io.tmpdir=" + tmp);
            command.add("-DDJL_CACHE_DIR=" + offline.resolve("djl-cache"));
            command.add("@" + argFile);
            command.add(mainClass);
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(repositoryRoot.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(key -> key.startsWith("RECSYS_") || key.startsWith("SPARK_")
                    || key.startsWith("HADOOP_") || key.endsWith("JAVA_OPTIONS") || key.equals("JAVA_TOOL_OPTIONS"));
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("SPARK_LOCAL_IP", "127.0.0.1");
            env.putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not finish within " + TIMEOUT_MINUTES + " minutes; log: "
                        + log);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log " + log
                        + ", last lines:\n" + tail(output, 40));
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + name, e);
        }
    }

    /** The root pom's {@code spark.java17.opens}, which surefire passes to this JVM as a system property. */
    private static String[] sparkJavaOptions() {
        String options = System.getProperty("recsys.spark.java17.opens", "");
        if (options.isBlank()) {
            throw new IllegalStateException("system property recsys.spark.java17.opens is not set (surefire sets it)");
        }
        return options.trim().split("\\s+");
    }

    private static String tail(String text, int lines) {
        String[] all = text.split("\n");
        return String.join("\n", Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }
}
