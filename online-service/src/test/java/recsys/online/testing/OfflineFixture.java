package recsys.online.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import recsys.testing.LocalElasticsearch;

/**
 * Data for the online integration tests, indexed and trained by the real offline pipeline: a generated MovieLens
 * fixture ({@code recsys.offline.testing.OnlineFixtureWriter}) goes through {@code recsys quickstart} (ingest and
 * embed) and {@code recsys train}, each in a child JVM ({@link OfflineCli}), into the shared local Elasticsearch under
 * an index prefix of its own and a temporary storage root holding the published model.
 *
 * <p>The run costs about three minutes, so it happens once per test JVM, on first use; every test class shares it
 * (surefire runs this module's tests in one JVM). Tests that change data must use their own ids, their own prefix,
 * or a {@link #separate} copy. The indices are deleted when the JVM exits.
 */
public final class OfflineFixture {

    /** Everything a test needs to reach the loaded data. */
    public record Loaded(String elasticsearchUrl, String indexPrefix, Path storage, Path workDirectory,
                         OfflineCli cli) {

        /** Micronaut properties pointing the service at this data. */
        public Map<String, String> serviceProperties() {
            Map<String, String> properties = new HashMap<>();
            properties.put("recsys.es.url", elasticsearchUrl);
            properties.put("recsys.es.index-prefix", indexPrefix);
            properties.put("recsys.storage", storage.toString());
            return properties;
        }

        /** {@link #serviceProperties()} with some replaced or added. */
        public Map<String, String> serviceProperties(Map<String, String> overrides) {
            Map<String, String> properties = serviceProperties();
            properties.putAll(overrides);
            return properties;
        }

        /** A new empty folder in the fixture's work directory, e.g. a storage root of a test's own. */
        public Path newFolder(String prefix) {
            try {
                return Files.createTempDirectory(workDirectory, prefix);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Loaded loaded;
    /** A read-only copy of {@link #loaded} taken before any test could write to it: what {@link #separate} copies. */
    private static Loaded pristine;

    private OfflineFixture() {
    }

    public static synchronized Loaded get() {
        if (loaded == null) {
            loaded = load();
            pristine = copy(loaded, "fixture-pristine-", true);
        }
        return loaded;
    }

    /**
     * With {@code -Drecsys.online.fixture.reuse=true} (for development: it saves the offline run) the fixture is
     * loaded into {@code target/offline-fixture} and kept after the JVM exits, and a later JVM reuses it while its
     * indices still exist. Without it (the default, and what CI runs) every JVM loads its own and deletes it.
     */
    private static Loaded load() {
        String url = LocalElasticsearch.ensureRunning();
        if (Boolean.getBoolean("recsys.online.fixture.reuse")) {
            return reuse(url);
        }
        String prefix = newPrefix("online-it-");
        Path work = temporaryWork(url, prefix);
        OfflineCli cli = cli(work, url, prefix);
        runPipeline(cli, work);
        return new Loaded(url, prefix, work.resolve("storage"), work, cli);
    }

    /**
     * A copy of the fixture of the caller's own, under its own index prefix and storage, never shared: for tests
     * whose writes the shared fixture's other users must not see (the notebooks add a movie and a user; a retrain
     * rebuilds every index). It is the fixture as the pipeline left it, whatever other tests wrote since, and costs
     * a clone of its indices and a copy of its files instead of another pipeline run. Deleted when the JVM exits.
     */
    public static synchronized Loaded separate(String prefixStem) {
        get();
        return copy(pristine, prefixStem, false);
    }

    private static Loaded copy(Loaded source, String prefixStem, boolean readOnly) {
        long start = System.nanoTime();
        String url = source.elasticsearchUrl();
        String prefix = newPrefix(prefixStem);
        Path work = temporaryWork(url, prefix);
        new PrefixClone(url).copy(source.indexPrefix(), prefix, readOnly);
        copyRecursively(source.workDirectory().resolve("data"), work.resolve("data"));
        copyRecursively(source.storage(), work.resolve("storage"));
        System.out.printf(Locale.ROOT, "[offline-fixture] %s copied to %s in %.1f s%n", source.indexPrefix(), prefix,
                (System.nanoTime() - start) / 1e9);
        return new Loaded(url, prefix, work.resolve("storage"), work, cli(work, url, prefix));
    }

    private static String newPrefix(String stem) {
        return stem + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT) + "-";
    }

    /** A new temporary folder, deleted with the prefix's indices when the JVM exits. */
    private static Path temporaryWork(String url, String prefix) {
        try {
            Path work = Files.createTempDirectory("recsys-online-it-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                deleteIndices(url, prefix);
                deleteRecursively(work);
            }, "delete-" + prefix));
            return work;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OfflineCli cli(Path work, String url, String prefix) {
        return new OfflineCli(work, Map.of("RECSYS_ES_URL", url, "RECSYS_ES_INDEX_PREFIX", prefix));
    }

    private static Loaded reuse(String url) {
        Path work = Path.of("target", "offline-fixture").toAbsolutePath();
        Path marker = work.resolve("prefix.txt");
        try {
            if (Files.isRegularFile(marker)) {
                String prefix = Files.readString(marker).trim();
                HttpResponse<Void> users = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url + "/" + prefix + "users")).method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (users.statusCode() == 200) {
                    System.out.println("[offline-fixture] reusing " + prefix + " from " + work);
                    return new Loaded(url, prefix, work.resolve("storage"), work, cli(work, url, prefix));
                }
            }
            deleteRecursively(work);
            Files.createDirectories(work);
            String prefix = newPrefix("online-dev-");
            OfflineCli cli = cli(work, url, prefix);
            runPipeline(cli, work);
            Files.writeString(marker, prefix + "\n");
            return new Loaded(url, prefix, work.resolve("storage"), work, cli);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The generated data, then quickstart (the whole pipeline), train (a second version, CURRENT) and lists (every
     * user's list from it, in Spark), into {@code work/data} and {@code work/storage}.
     */
    private static void runPipeline(OfflineCli cli, Path work) {
        Path data = work.resolve("data");
        Path storage = work.resolve("storage");
        long start = System.nanoTime();
        cli.run("fixture", "recsys.offline.testing.OnlineFixtureWriter", data.toString());
        cli.run("quickstart", OfflineCli.CLI_MAIN, "quickstart", "--data", data.toString(),
                "--storage", storage.toString(), "--master", "local[2]", "--parallelism", "2");
        cli.run("train", OfflineCli.CLI_MAIN, "train", "--storage", storage.toString(),
                "--master", "local[2]", "--parallelism", "2");
        // every user's list from the CURRENT version, computed in Spark: what the service would otherwise compute
        cli.run("lists", OfflineCli.CLI_MAIN, "lists", "--storage", storage.toString(),
                "--master", "local[2]", "--parallelism", "2");
        deleteRecursively(work.resolve("tmp"));
        System.out.printf(Locale.ROOT, "[offline-fixture] storage %s loaded in %.1f s%n", storage,
                (System.nanoTime() - start) / 1e9);
    }

    /** Copies a folder tree, hidden checksum files included. */
    private static void copyRecursively(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }

    /** Deletes a folder and everything in it, ignoring what cannot be deleted (it is temporary anyway). */
    static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("[offline-fixture] could not delete " + folder + ": " + e);
        }
    }

    /** Deletes the indices this fixture created, by name (the cluster may refuse wildcard deletes). */
    private static void deleteIndices(String url, String prefix) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<String> listing = http.send(HttpRequest.newBuilder(
                    URI.create(url + "/_cat/indices/" + prefix + "*?h=index")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            for (String index : listing.body().split("\\s+")) {
                if (index.startsWith(prefix)) {
                    http.send(HttpRequest.newBuilder(URI.create(url + "/" + index)).DELETE().build(),
                            HttpResponse.BodyHandlers.discarding());
                }
            }
        } catch (IOException | InterruptedException e) {
            System.err.println("[offline-fixture] could not delete the indices " + prefix + "*: " + e);
        }
    }
}
