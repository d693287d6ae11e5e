package recsys.online.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import recsys.core.model.FeatureSchema;
import recsys.core.model.HybridModel;
import recsys.core.model.ModelArtifact;
import recsys.core.model.ModelChecksums;
import recsys.core.model.ModelDescription;
import recsys.core.model.ModelManifest;
import recsys.core.model.ModelStore;
import recsys.core.model.ModelVersions;
import recsys.core.model.TreeEnsemble;
import recsys.core.ranking.RankingBlend;

/**
 * Publishes model versions into a storage root with core's model format, the way the offline publisher lays them
 * out (version folder complete before CURRENT moves; CURRENT replaced atomically), without Spark: a new version is a
 * copy of a version the offline train job published, with another id and ranking blend.
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

    /**
     * Publishes {@code version}: CURRENT's artifacts under a new manifest with {@code blend}, then moves CURRENT.
     */
    public static void publishCopyOfCurrent(Path storage, String version, RankingBlend blend) {
        publishVariantOfCurrent(storage, version, description -> description.withRankingBlend(blend), null);
    }

    /**
     * Publishes {@code version} as the hybrid: CURRENT's encoder state and biases (every trained version has them)
     * with {@code residualTrees} as the serving ensemble over the dense features, then moves CURRENT.
     */
    public static void publishHybridOfCurrent(Path storage, String version, TreeEnsemble residualTrees,
                                              List<String> denseFeatureNames) {
        publishVariantOfCurrent(storage, version, description -> new ModelDescription(HybridModel.NAME,
                new FeatureSchema(FeatureSchema.DENSE, denseFeatureNames), description.metrics(),
                description.dataFingerprint(), description.split(), description.seed(), description.parameters(),
                description.rankingBlend()), residualTrees);
    }

    /** CURRENT's files under a new manifest; {@code servingTrees}, when given, replaces the serving ensemble. */
    private static void publishVariantOfCurrent(Path storage, String version, UnaryOperator<ModelDescription> change,
                                                TreeEnsemble servingTrees) {
        try {
            String current = ModelStore.currentVersion(storage).orElseThrow();
            Path models = storage.resolve(ModelVersions.MODELS_DIR);
            Path staging = models.resolve(version + ModelVersions.TEMPORARY_MARKER + "test");
            Path source = models.resolve(current);
            ModelManifest manifest;
            try (InputStream in = Files.newInputStream(source.resolve(ModelManifest.FILE_NAME))) {
                manifest = ModelManifest.read(in);
            }
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path path : walk.toList()) {
                    Path copy = staging.resolve(source.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(copy);
                    } else if (!path.getFileName().toString().equals(ModelManifest.FILE_NAME)) {
                        Files.copy(path, copy);
                    }
                }
            }
            List<ModelArtifact> artifacts = new ArrayList<>();
            for (ModelArtifact artifact : manifest.artifacts()) {
                if (servingTrees != null && artifact.role().equals(ModelArtifact.ROLE_SERVING_TREE_ENSEMBLE)) {
                    byte[] bytes = servingTrees.toByteArray();
                    Files.write(staging.resolve(artifact.path()), bytes);
                    artifact = new ModelArtifact(artifact.path(), artifact.role(), artifact.kind(),
                            ModelChecksums.sha256Hex(bytes), bytes.length);
                }
                artifacts.add(artifact);
            }
            ModelManifest next = new ModelManifest(manifest.formatVersion(), version, Instant.now(),
                    change.apply(manifest.description()), artifacts);
            Files.write(staging.resolve(ModelManifest.FILE_NAME), next.toJson());
            Files.move(staging, models.resolve(version), StandardCopyOption.ATOMIC_MOVE);
            Path pointer = models.resolve(ModelVersions.CURRENT + ModelVersions.TEMPORARY_MARKER + "test");
            Files.writeString(pointer, version + "\n");
            Files.move(pointer, models.resolve(ModelVersions.CURRENT), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
