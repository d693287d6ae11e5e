package recsys.offline.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import recsys.core.model.FeatureSchema;
import recsys.core.model.LoadedVersion;
import recsys.core.model.ModelDescription;
import recsys.core.model.ModelStore;
import recsys.core.model.ModelVersionException;
import recsys.core.model.RegressionTree;
import recsys.core.model.TreeEnsemble;
import recsys.core.model.VersionLayout;
import recsys.offline.storage.StorageLayout;

/**
 * The publisher writing through Hadoop's local file system ({@code file://} URIs) and core's {@link ModelStore}
 * reading the same folder with java.nio, as the online service will. No Spark here; see
 * {@link SparkModelPublishingTest} for Spark-native artifacts.
 */
class ModelPublisherTest {

    private static final Instant NOW = Instant.parse("2024-05-06T07:08:09Z");

    @TempDir
    Path root;

    @Test
    void publishWritesACompleteVersionAndMovesCurrent() throws IOException {
        ModelPublisher publisher = publisher(3);
        TreeEnsemble ensemble = ensemble(1.0);
        PublishedVersion published;
        try (VersionStaging staging = publisher.begin("v1")) {
            staging.write(VersionLayout.TREE_ENSEMBLE, ensemble::write);
            staging.write(VersionLayout.ENCODER_STATE,
                    out -> out.write("{\"means\":[3.5]}".getBytes(StandardCharsets.UTF_8)));
            published = staging.publish(description());
        }

        assertEquals(Set.of("manifest.json", "serving/tree-ensemble.bin", "encoder/state.bin"), files("models/v1"));
        assertEquals("v1\n", Files.readString(root.resolve("models/CURRENT")));
        assertEquals(List.of("CURRENT", "SERVED", "v1"), names(root.resolve("models")));
        assertEquals(NOW, published.manifest().createdAt());
        assertEquals(Optional.of("v1"), publisher.currentVersion());

        LoadedVersion loaded = ModelStore.current(root).orElseThrow();
        assertEquals(published.manifest(), loaded.manifest());
        try (InputStream in = Files.newInputStream(loaded.path(VersionLayout.TREE_ENSEMBLE))) {
            assertEquals(ensemble, TreeEnsemble.read(in, 2));
        }
        assertEquals("{\"means\":[3.5]}",
                Files.readString(loaded.path(VersionLayout.ENCODER_STATE), StandardCharsets.UTF_8));
    }

    @Test
    void aFailureDuringExportLeavesThePreviousCurrentAndNoVersionFolder() throws IOException {
        ModelPublisher publisher = publisher(3);
        publish(publisher, "v1", 1.0);

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> {
            try (VersionStaging staging = publisher.begin("v2")) {
                staging.write(VersionLayout.TREE_ENSEMBLE, ensemble(2.0)::write);
                staging.write(VersionLayout.ENCODER_STATE, out -> {
                    out.write(new byte[100]);
                    throw new IllegalStateException("encoder exploded half-way");
                });
                staging.publish(description());
            }
        });
        assertEquals("encoder exploded half-way", failure.getMessage());

        assertEquals(List.of("CURRENT", "SERVED", "v1"), names(root.resolve("models")));   // no v2, no staging left
        assertEquals("v1", ModelStore.current(root).orElseThrow().version());
    }

    @Test
    void aFailureWhilePublishingLeavesThePreviousCurrent() throws IOException {
        ModelPublisher publisher = publisher(3);
        publish(publisher, "v1", 1.0);
        try (VersionStaging staging = publisher.begin("v2")) {
            staging.write(VersionLayout.TREE_ENSEMBLE, ensemble(2.0)::write);
            // Someone else publishes v2 between begin and publish: the rename must not land inside their folder
            Files.createDirectories(root.resolve("models/v2"));
            assertThrows(UncheckedIOException.class, () -> staging.publish(description()));
        }
        assertEquals(List.of("CURRENT", "SERVED", "v1", "v2"), names(root.resolve("models")));
        assertEquals(List.of(), names(root.resolve("models/v2")));
        assertEquals("v1", ModelStore.current(root).orElseThrow().version());
        assertThrows(IllegalStateException.class, () -> publisher.begin("v1"));
    }

    @Test
    void aStagedVersionTheReaderWouldRefuseIsNeverPublished() throws IOException {
        ModelPublisher publisher = publisher(3);
        publish(publisher, "v1", 1.0);
        try (VersionStaging staging = publisher.begin("v2")) {
            staging.write(VersionLayout.TREE_ENSEMBLE, ensemble(2.0)::write);
            // changed after it was recorded (a faulty disk, another writer): ModelStore would refuse it
            Path written = Path.of(java.net.URI.create(staging.directory()))
                    .resolve(VersionLayout.TREE_ENSEMBLE.path());
            byte[] bytes = Files.readAllBytes(written);
            bytes[bytes.length - 1] ^= 0x40;
            Files.write(written, bytes);
            UncheckedIOException failure = assertThrows(UncheckedIOException.class,
                    () -> staging.publish(description()));
            String message = String.valueOf(failure.getCause().getMessage());
            assertTrue(message.contains("checksum mismatch") && message.contains("tree-ensemble.bin"), message);
        }
        assertEquals(List.of("CURRENT", "SERVED", "v1"), names(root.resolve("models")));   // no v2, no staging left
        assertEquals("v1", ModelStore.current(root).orElseThrow().version());
    }

    @Test
    void aTamperedArtifactIsReportedByName() throws IOException {
        publish(publisher(3), "v1", 1.0);
        Path model = root.resolve("models/v1/serving/tree-ensemble.bin");
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length - 1] ^= 0x40;
        Files.write(model, bytes);
        String message = assertThrows(ModelVersionException.class, () -> ModelStore.current(root)).getMessage();
        assertTrue(message.contains(model.toString()) && message.contains("checksum mismatch"), message);
    }

    @Test
    void retentionKeepsTheNewestVersions() throws IOException {
        ModelPublisher publisher = publisher(2);
        publish(publisher, "v1", 1.0);
        publish(publisher, "v2", 2.0);
        publish(publisher, "v3", 3.0);
        PublishedVersion v4 = publish(publisher, "v4", 4.0);
        assertEquals(List.of("v2"), v4.deletedVersions());
        assertEquals(List.of("v3", "v4"), publisher.versions());
        assertEquals("v4", ModelStore.current(root).orElseThrow().version());
    }

    @Test
    void retentionNeverDeletesTheCurrentVersion() throws IOException {
        ModelPublisher publisher = publisher(1);
        publish(publisher, "b", 1.0);
        PublishedVersion a = publish(publisher, "a", 2.0);   // sorts older than b, yet is CURRENT now
        assertEquals(List.of(), a.deletedVersions());
        assertEquals(List.of("a", "b"), publisher.versions());
        assertEquals("a", ModelStore.current(root).orElseThrow().version());
    }

    @Test
    void retentionKeepsTheVersionsThatServedLastWhateverWasTrainedSince() {
        ModelPublisher publisher = publisher(2);
        publish(publisher, "v1", 1.0);
        publish(publisher, "v2", 2.0);
        // four versions a gate refused: published, never made CURRENT
        for (String refused : List.of("v3", "v4", "v5", "v6")) {
            publish(publisher, refused, 3.0, false);
        }
        assertEquals(List.of("v1", "v2"), publisher.servedVersions());
        assertEquals(List.of("v1", "v2", "v5", "v6"), publisher.versions(), "the two that served and the newest two");
        assertEquals(Optional.of("v1"), publisher.previouslyServed("v2"));
    }

    @Test
    void aRollbackGoesToTheVersionThatServedBeforeAndTwoGoFurtherBack() {
        ModelPublisher publisher = publisher(5);
        publish(publisher, "v1", 1.0);
        publish(publisher, "v2", 2.0);
        publish(publisher, "v3", 3.0);
        assertEquals(Optional.of("v2"), publisher.previouslyServed("v3"));
        publisher.makeCurrent("v2");                       // the first rollback
        assertEquals(List.of("v1", "v2", "v3", "v2"), publisher.servedVersions());
        assertEquals(Optional.of("v1"), publisher.previouslyServed("v2"), "back, not forward to v3");
        publisher.makeCurrent("v1");
        assertEquals(Optional.empty(), publisher.previouslyServed("v1"));
        PublishedVersion v4 = publish(publisher, "v4", 4.0);
        assertEquals(Optional.of("v1"), publisher.previouslyServed("v4"), "what served last, not the newest older");
        assertEquals(List.of(), v4.deletedVersions());
    }

    @Test
    void aRollbackSkipsAServedVersionThatIsNoLongerPublished() throws IOException {
        ModelPublisher publisher = publisher(5);
        publish(publisher, "v1", 1.0);
        publish(publisher, "v2", 2.0);
        publish(publisher, "v3", 3.0);
        try (var walk = Files.walk(root.resolve("models").resolve("v2"))) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        assertEquals(Optional.of("v1"), publisher.previouslyServed("v3"));
    }

    @Test
    void aConcurrentReaderSeesTheOldOrTheNewVersionNeverAPartialOne() throws Exception {
        ModelPublisher publisher = publisher(100);
        publish(publisher, "v00", 0.0);
        AtomicBoolean done = new AtomicBoolean();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                try {
                    Optional<LoadedVersion> current = ModelStore.current(root);
                    if (current.isEmpty()) {
                        throw new AssertionError("CURRENT vanished while a publish moved it");
                    }
                    seen.add(current.get().version());
                } catch (Throwable e) {
                    errors.add(e);
                }
            }
        });
        reader.start();
        for (int i = 1; i <= 20; i++) {
            publish(publisher, String.format("v%02d", i), i);
        }
        done.set(true);
        reader.join();
        assertEquals(List.of(), errors);
        assertFalse(seen.isEmpty());
        List<String> sorted = new ArrayList<>(seen);
        Collections.sort(sorted);
        assertEquals(sorted, seen, "versions only move forward");
    }

    private ModelPublisher publisher(int keep) {
        StorageLayout layout = new StorageLayout(root.toUri(), new Configuration());
        return new ModelPublisher(layout, keep, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static PublishedVersion publish(ModelPublisher publisher, String version, double leaf) {
        return publish(publisher, version, leaf, true);
    }

    private static PublishedVersion publish(ModelPublisher publisher, String version, double leaf,
                                            boolean makeCurrent) {
        try (VersionStaging staging = publisher.begin(version)) {
            staging.write(VersionLayout.TREE_ENSEMBLE, ensemble(leaf)::write);
            return staging.publish(description(), makeCurrent);
        }
    }

    /** One stump on feature 0 of two: {@code leaf} below 0.5, {@code leaf + 1} above. */
    static TreeEnsemble ensemble(double leaf) {
        RegressionTree stump = RegressionTree.builder(3).split(0, 0, 0.5, 1, 2).leaf(1, leaf).leaf(2, leaf + 1)
                .build();
        return TreeEnsemble.randomForest(2, List.of(stump));
    }

    static ModelDescription description() {
        return new ModelDescription("forest", new FeatureSchema(FeatureSchema.DENSE, List.of("user_mean", "x")),
                Map.of("forest", Map.of("rmse", 0.9)), "fixture", "random train=0.8 test=0.2", 7L,
                Map.of("numTrees", "1"));
    }

    private Set<String> files(String dir) throws IOException {
        Path base = root.resolve(dir);
        try (Stream<Path> walk = Files.walk(base)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> base.relativize(p).toString())
                    .filter(name -> !name.endsWith(".crc"))
                    .collect(Collectors.toSet());
        }
    }

    /** Names in {@code dir}, Hadoop's {@code .crc} sidecars left out, sorted. */
    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")).sorted().toList();
        }
    }
}
