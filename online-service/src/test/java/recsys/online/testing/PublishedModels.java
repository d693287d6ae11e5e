package recsys.online.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import recsys.core.model.FeatureSchema;
import recsys.core.model.LoadedVersion;
import recsys.core.model.ModelArtifact;
import recsys.core.model.ModelChecksums;
import recsys.core.model.ModelDescription;
import recsys.core.model.ModelKind;
import recsys.core.model.ModelManifest;
import recsys.core.model.ModelStore;
import recsys.core.model.ModelVersions;
import recsys.core.model.TreeEnsemble;
import recsys.core.model.VersionLayout;
import recsys.core.ranking.RankingBlend;

/**
 * Publishes model versions into a storage root with core's model format, the way the offline publisher lays them
 * out (version folder complete before CURRENT moves; CURRENT replaced atomically), without Spark: a new version is a
 * copy of a version the offline train job published, with another id and some of its description or files changed.
 */
public final class PublishedModels {

    private PublishedModels() {
    }

    /** Copies {@code models/} (every version and CURRENT) of {@code from} into {@code to}. */
    public static void copyModels(Path from, Path to) {
        Path source = from.resolve(ModelVersions.MODELS_DIR);
        Path target = to.resolve(ModelVersions.MODELS_DIR);
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : walk.toList()) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves CURRENT to {@code version}, a version already published in {@code storage}. */
    public static void pointCurrentAt(Path storage, String version) {
        Path models = storage.resolve(ModelVersions.MODELS_DIR);
        if (!Files.isRegularFile(models.resolve(version).resolve(VersionLayout.MANIFEST))) {
            throw new IllegalArgumentException("no version " + version + " in " + storage);
        }
        try {
            Path pointer = models.resolve(ModelVersions.CURRENT + ModelVersions.TEMPORARY_MARKER + "test");
            Files.writeString(pointer, version + "\n");
            Files.move(pointer, models.resolve(ModelVersions.CURRENT), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Publishes {@code version}: CURRENT's artifacts under a new manifest with {@code blend}, then moves CURRENT.
     */
    public static void publishCopyOfCurrent(Path storage, String version, RankingBlend blend) {
        publishVariantOfCurrent(storage, version, description -> description.withRankingBlend(blend), List.of());
    }

    /**
     * Publishes {@code version} as the hybrid: CURRENT's encoder state and biases (every trained version has them)
     * with {@code residualTrees} as the serving ensemble over the dense features, and without CURRENT's top-N
     * ranking (whose re-ranker would take the hybrid as its rating feature only), then moves CURRENT.
     */
    public static void publishHybridOfCurrent(Path storage, String version, TreeEnsemble residualTrees,
                                              List<String> denseFeatureNames) {
        publishVariantOfCurrent(storage, version, description -> new ModelDescription(ModelKind.HYBRID.reportName(),
                new FeatureSchema(FeatureSchema.DENSE, denseFeatureNames), description.metrics(),
                description.dataFingerprint(), description.split(), description.seed(),
                withoutTopN(description).parameters(), description.rankingBlend()),
                List.of(new ArtifactFile(VersionLayout.TREE_ENSEMBLE, residualTrees.toByteArray())));
    }

    /**
     * {@code description} without the top-N ranking's parameters: a version published with it is served by its
     * rating model's paths (model, cosine), as versions trained before top-N were.
     */
    public static ModelDescription withoutTopN(ModelDescription description) {
        java.util.Map<String, String> parameters = new java.util.LinkedHashMap<>(description.parameters());
        parameters.keySet().removeIf(key -> key.startsWith("topn."));
        return new ModelDescription(description.servingModel(), description.featureSchema(), description.metrics(),
                description.dataFingerprint(), description.split(), description.seed(), parameters,
                description.rankingBlend());
    }

    /**
     * A copy of the fixture's storage whose CURRENT is its trained version without the top-N ranking
     * ({@link #withoutTopN}), for tests of the rating model's paths.
     */
    public static Path fixtureStorageWithoutTopN() {
        Path storage = OfflineFixture.get().newFolder("without-topn-");
        copyModels(OfflineFixture.get().storage(), storage);
        try {
            String current = ModelStore.currentVersion(storage).orElseThrow();
            publishVariantOfCurrent(storage, current + "-plain", PublishedModels::withoutTopN, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return storage;
    }

    /**
     * A file of a published copy: it replaces every artifact of CURRENT with the slot's role (their files are left
     * out of the copy), or is added when CURRENT has none.
     *
     * @param slot where it goes, e.g. {@link VersionLayout#ITEM_ITEM}
     */
    public record ArtifactFile(VersionLayout.Slot slot, byte[] bytes) {
    }

    /**
     * Publishes {@code version}: CURRENT's files with {@code files} replacing or added to them, under a new manifest
     * whose description is {@code change} of CURRENT's, then moves CURRENT to it.
     */
    public static void publishVariantOfCurrent(Path storage, String version, UnaryOperator<ModelDescription> change,
                                               List<ArtifactFile> files) {
        publishVariantOfCurrent(storage, version, change, files, staged -> { });
    }

    /**
     * Publishes {@code version}: a copy of CURRENT under a new manifest that records the original files, with the
     * file in {@code slot} then replaced by {@code corruption} of its bytes (a disk or copy fault after the
     * publisher checksummed it), then moves CURRENT to it.
     */
    public static void publishCorruptCopyOfCurrent(Path storage, String version, VersionLayout.Slot slot,
                                                   UnaryOperator<byte[]> corruption) {
        publishVariantOfCurrent(storage, version, UnaryOperator.identity(), List.of(), staged -> {
            try {
                Path file = staged.resolve(slot.path());
                Files.write(file, corruption.apply(Files.readAllBytes(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Publishes {@code version}: a copy of CURRENT whose file in {@code slot} is {@code change} of its bytes,
     * recorded as such in the manifest (a publisher that wrote a broken file and checksummed it), then moves CURRENT.
     */
    public static void publishRewrittenCopyOfCurrent(Path storage, String version, VersionLayout.Slot slot,
                                                     UnaryOperator<byte[]> change) {
        try {
            LoadedVersion current = ModelStore.current(storage).orElseThrow();
            byte[] bytes = Files.readAllBytes(current.path(slot));
            publishVariantOfCurrent(storage, version, UnaryOperator.identity(),
                    List.of(new ArtifactFile(slot, change.apply(bytes))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void publishVariantOfCurrent(Path storage, String version, UnaryOperator<ModelDescription> change,
                                                List<ArtifactFile> files, java.util.function.Consumer<Path> alterStaged) {
        try {
            String current = ModelStore.currentVersion(storage).orElseThrow();
            Path models = storage.resolve(ModelVersions.MODELS_DIR);
            Path staging = models.resolve(version + ModelVersions.TEMPORARY_MARKER + "test");
            Path source = models.resolve(current);
            ModelManifest manifest;
            try (InputStream in = Files.newInputStream(source.resolve(VersionLayout.MANIFEST))) {
                manifest = ModelManifest.read(in);
            }
            Set<String> replacedRoles = new HashSet<>();
            files.forEach(file -> replacedRoles.add(file.slot().role()));
            List<ModelArtifact> artifacts = new ArrayList<>();
            Set<Path> leftOut = new HashSet<>();
            for (ModelArtifact artifact : manifest.artifacts()) {
                if (replacedRoles.contains(artifact.role())) {
                    leftOut.add(source.resolve(artifact.path()));
                } else {
                    artifacts.add(artifact);
                }
            }
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path path : walk.toList()) {
                    Path copy = staging.resolve(source.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(copy);
                    } else if (!path.getFileName().toString().equals(VersionLayout.MANIFEST)
                            && !leftOut.contains(path)) {
                        Files.copy(path, copy);
                    }
                }
            }
            for (ArtifactFile file : files) {
                VersionLayout.Slot slot = file.slot();
                Path target = staging.resolve(slot.path());
                Files.createDirectories(target.getParent());
                Files.write(target, file.bytes());
                artifacts.add(new ModelArtifact(slot.path(), slot.role(), slot.kind(),
                        ModelChecksums.sha256Hex(file.bytes()), file.bytes().length));
            }
            ModelManifest next = new ModelManifest(manifest.formatVersion(), version, Instant.now(),
                    change.apply(manifest.description()), artifacts);
            Files.write(staging.resolve(VersionLayout.MANIFEST), next.toJson());
            alterStaged.accept(staging);
            Files.move(staging, models.resolve(version), StandardCopyOption.ATOMIC_MOVE);
            pointCurrentAt(storage, version);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
