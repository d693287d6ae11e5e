package recsys.offline.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A JVM started by a test with a class path, Spark's Java 17 module options and a clean environment (no
 * {@code RECSYS_*}, {@code SPARK_*} or Hadoop variables inherited from the shell), its output in a log file.
 * {@link #close()} ends it and every process it started.
 */
final class ChildJvm implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static Builder builder(String name) {
        return new Builder(name);
    }

    static final class Builder {
        private final String name;
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private String classPath;
        private String mainClass;
        private List<String> arguments = List.of();
        private Path workingDirectory;
        private Path log;

        private Builder(String name) {
            this.name = name;
        }

        Builder classPath(String value) {
            this.classPath = value;
            return this;
        }

        Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        Builder env(String key, String value) {
            environment.put(key, value);
            return this;
        }

        Builder main(String className, String... args) {
            this.mainClass = className;
            this.arguments = List.of(args);
            return this;
        }

        Builder workingDirectory(Path dir) {
            this.workingDirectory = dir;
            return this;
        }

        Builder log(Path file) {
            this.log = file;
            return this;
        }

        ChildJvm start() {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptions().trim().split("\\s+")));
            command.addAll(jvmOptions);
            // the class path goes into an argument file: it is long, and it keeps process listings readable
            Path argFile = log.resolveSibling(name + ".classpath");
            try {
                Files.createDirectories(log.getParent());
                Files.writeString(argFile, "-cp \"" + classPath.replace("\\", "\\\\") + "\"\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            command.add("@" + argFile);
            command.add(mainClass);
            command.addAll(arguments);

            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            if (workingDirectory != null) {
                builder.directory(workingDirectory.toFile());
            }
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(key -> key.startsWith("RECSYS_") || key.startsWith("SPARK_")
                    || key.startsWith("HADOOP_") || key.startsWith("YARN_") || key.equals("JAVA_TOOL_OPTIONS")
                    || key.equals("_JAVA_OPTIONS") || key.equals("JDK_JAVA_OPTIONS"));
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.putAll(environment);
            try {
                return new ChildJvm(name, builder.start(), log);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + name + ": " + command, e);
            }
        }
    }

    Process process() {
        return process;
    }

    Path log() {
        return log;
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** The last lines of the output, for assertion messages. */
    String tail(int lines) {
        List<String> all = output().lines().toList();
        return name + " output (" + log + "), last lines:\n"
                + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Waits for the process to exit; -1 if it did not within the timeout (it is then left running). */
    int await(long timeout, TimeUnit unit) throws InterruptedException {
        return process.waitFor(timeout, unit) ? process.exitValue() : -1;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Ends the process and all its descendants (a Worker's executors): politely first, then forcibly. */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        for (ProcessHandle child : descendants) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }
}
