package recsys.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The read side of published models, on a local (or mounted) folder with plain {@code java.nio}, so the online
 * service needs neither Spark nor Hadoop. The layout is described in {@link ModelVersions} (the {@code models/}
 * folder) and {@link VersionLayout} (inside a version); the offline {@code ModelPublisher} writes it.
 *
 * <p>{@link #current} either returns a version whose every artifact matched its manifest, or fails naming what is
 * wrong; it never hands back a half-checked version. Versions are immutable once published, so a caller that loads
 * the verified files promptly reads what was checked (retention keeps several versions, never CURRENT's).
 */
public final class ModelStore {

    private ModelStore() {
    }

    /**
     * The version id in {@code models/CURRENT}, or empty if nothing has been published yet. Cheap (one small file),
     * for polling whether CURRENT moved.
     */
    public static Optional<String> currentVersion(Path storageRoot) throws IOException {
        Path pointer = storageRoot.resolve(ModelVersions.MODELS_DIR).resolve(ModelVersions.CURRENT);
        String content;
        try {
            content = Files.readString(pointer, StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!ModelVersions.isVersion(content)) {
            throw new ModelVersionException(pointer + " does not hold a model version id (it holds \""
                    + abbreviate(content) + "\")");
        }
        return Optional.of(content);
    }

    /** The verified version CURRENT points at, or empty if nothing has been published yet. */
    public static Optional<LoadedVersion> current(Path storageRoot) throws IOException {
        Optional<String> version = currentVersion(storageRoot);
        if (version.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(load(storageRoot, version.get()));
    }

    /** Reads {@code version}'s manifest and checks every artifact's size and SHA-256 against it. */
    public static LoadedVersion load(Path storageRoot, String version) throws IOException {
        ModelVersions.check(version);
        Path directory = storageRoot.resolve(ModelVersions.MODELS_DIR).resolve(version);
        if (!Files.isDirectory(directory)) {
            throw new ModelVersionException("model version " + version + " does not exist: no folder " + directory);
        }
        return verify(directory, version);
    }

    /**
     * Reads the manifest in {@code directory}, which must describe {@code version}, and checks every artifact's size
     * and SHA-256 against it. {@link #load} for a published version; the publisher calls it on a version it has
     * staged, before making it CURRENT, so nothing is published that this reader would refuse.
     */
    public static LoadedVersion verify(Path directory, String version) throws IOException {
        Path manifestFile = directory.resolve(VersionLayout.MANIFEST);
        ModelManifest manifest;
        try (InputStream in = Files.newInputStream(manifestFile)) {
            manifest = ModelManifest.read(in);
        } catch (NoSuchFileException e) {
            throw new ModelVersionException("model version " + version + " is incomplete: " + manifestFile
                    + " does not exist", e);
        } catch (ModelManifestException e) {
            throw new ModelVersionException("model version " + version + " has an invalid manifest "
                    + manifestFile + ": " + e.getMessage(), e);
        }
        if (!manifest.modelVersion().equals(version)) {
            throw new ModelVersionException(manifestFile + " describes model version " + manifest.modelVersion()
                    + ", not " + version + ": the folder was renamed or copied over");
        }
        for (ModelArtifact artifact : manifest.artifacts()) {
            verify(version, directory, artifact);
        }
        return new LoadedVersion(directory, manifest);
    }

    private static void verify(String version, Path directory, ModelArtifact artifact) throws IOException {
        Path file = directory.resolve(artifact.path());
        String problem = "model version " + version + ", artifact " + file + " (" + artifact.role() + "): ";
        long size;
        String sha256;
        if (artifact.kind() == ModelArtifact.Kind.FILE) {
            if (!Files.isRegularFile(file)) {
                throw new ModelVersionException(problem + "the file is missing");
            }
            size = Files.size(file);
            if (size != artifact.sizeBytes()) {
                throw new ModelVersionException(problem + "the manifest records " + artifact.sizeBytes()
                        + " bytes, the file has " + size);
            }
            sha256 = ModelChecksums.sha256Hex(file);
        } else {
            if (!Files.isDirectory(file)) {
                throw new ModelVersionException(problem + "the folder is missing");
            }
            ModelChecksums.DirectoryDigest digest = ModelChecksums.sha256HexOfDirectory(file);
            size = digest.sizeBytes();
            if (size != artifact.sizeBytes()) {
                throw new ModelVersionException(problem + "the manifest records " + artifact.sizeBytes()
                        + " bytes in the folder, its files have " + size);
            }
            sha256 = digest.sha256();
        }
        if (!sha256.equals(artifact.sha256())) {
            throw new ModelVersionException(problem + "checksum mismatch: the manifest records SHA-256 "
                    + artifact.sha256() + ", the " + artifact.kind().jsonName() + " has " + sha256);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
