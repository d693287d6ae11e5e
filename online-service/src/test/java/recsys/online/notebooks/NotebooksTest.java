package recsys.online.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.online.testing.FixtureEndpointTest;
import recsys.online.testing.OfflineFixture;
import recsys.testing.LocalElasticsearch;

/**
 * The notebooks, executed headless by {@code bin/notebooks --execute} as a user runs them: on a copy of the online
 * fixture of this test's own (MovieLens folder, storage and indices), with this test's service as the live service
 * of {@code 04-service}. The
 * Java kernel and Debian's Jupyter are installed by the script when missing; the offline classes are this build's.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotebooksTest extends FixtureEndpointTest {

    private static final Path ROOT = LocalElasticsearch.repositoryRoot();
    private static final long TIMEOUT_MINUTES = 25;

    /** A copy of the fixture of this test's own: 04-service writes a movie and a user that other tests must not see. */
    private OfflineFixture.Loaded fixture;

    @Override
    public Map<String, String> getProperties() {
        if (fixture == null) {
            fixture = OfflineFixture.separate("notebooks-it-");
        }
        Map<String, String> properties = new java.util.HashMap<>(fixture.serviceProperties());
        properties.put("recsys.api-key", KEY);
        return properties;
    }

    @Test
    void everyNotebookRunsOnTheFixture() throws Exception {
        Run run = notebooks(Map.of(
                        "RECSYS_ES_URL", fixture.elasticsearchUrl(),
                        "RECSYS_ES_INDEX_PREFIX", fixture.indexPrefix(),
                        "RECSYS_STORAGE", fixture.storage().toString(),
                        "RECSYS_SERVICE_URL", server.getURI().toString(),
                        "RECSYS_API_KEY", KEY),
                "--execute", "--data", fixture.workDirectory().resolve("data").toString());
        long notebooks;
        try (Stream<Path> files = Files.list(ROOT.resolve("notebooks"))) {
            notebooks = files.filter(f -> f.getFileName().toString().matches("\\d\\d-.*\\.ipynb")).count();
        }
        assertEquals(4, notebooks, "the four notebooks of the README");
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.lastLine().equals(notebooks + " passed, 0 failed"), run.output());
    }

    @Test
    void aBrokenCellFailsTheRunNamingNotebookAndCell() throws Exception {
        Path folder = Files.createTempDirectory("broken-notebook-");
        Path notebook = folder.resolve("broken.ipynb");
        Files.writeString(notebook, """
                {"nbformat": 4, "nbformat_minor": 5,
                 "metadata": {"kernelspec": {"name": "recsys-java", "display_name": "Java", "language": "java"}},
                 "cells": [
                  {"cell_type": "code", "id": "a", "metadata": {}, "execution_count": null, "outputs": [],
                   "source": "int answer = 6 * 7;"},
                  {"cell_type": "code", "id": "b", "metadata": {}, "execution_count": null, "outputs": [],
                   "source": "if (answer == 42) throw new IllegalStateException(\\"deliberately broken\\");"},
                  {"cell_type": "code", "id": "c", "metadata": {}, "execution_count": null, "outputs": [],
                   "source": "System.out.println(answer);"}]}
                """, StandardCharsets.UTF_8);
        // --data, so that the script runs the notebook as it is and does not load its own fixture first
        Run run = notebooks(Map.of(), "--execute", "--data", folder.toString(), notebook.toString());
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("broken.ipynb: FAILED"), run.output());
        assertTrue(run.output().contains("at cell 2 ('if (answer == 42)"), run.output());
        assertTrue(run.output().contains("deliberately broken"), run.output());
        assertEquals("0 passed, 1 failed", run.lastLine(), run.output());
    }

    @Test
    void committedNotebooksHaveNoOutputs() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(ROOT.resolve("notebooks"))) {
            notebooks = files.filter(f -> f.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertTrue(notebooks.size() >= 4, "notebooks found: " + notebooks);
        for (Path notebook : notebooks) {
            for (JsonNode cell : json.readTree(notebook.toFile()).path("cells")) {
                // an output could hold MovieLens data, whose licence forbids redistribution
                assertTrue(cell.path("outputs").isMissingNode() || cell.path("outputs").isEmpty(),
                        notebook.getFileName() + " has outputs in a cell: " + cell.path("source"));
            }
        }
    }

    record Run(int exit, String output) {
        String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1].strip();
        }
    }

    /** {@code bin/notebooks args} in the repository, with the test JVM's Java and this build's classes. */
    static Run notebooks(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("bin").resolve("notebooks").toString());
        command.addAll(List.of(args));
        Path log = Files.createTempFile("notebooks-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("RECSYS_") || key.startsWith("SPARK_")
                || key.equals("JAVA_TOOL_OPTIONS"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("RECSYS_NOTEBOOKS_SKIP_BUILD", "1");
        env.putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("bin/notebooks did not finish in " + TIMEOUT_MINUTES + " minutes:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        return new Run(process.exitValue(), output);
    }
}
