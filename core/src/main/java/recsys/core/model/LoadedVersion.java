package recsys.core.model;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A model version whose manifest was read and whose every artifact matched its recorded size and SHA-256.
 *
 * @param directory the version folder, {@code <storage root>/models/<version>}
 * @param manifest  its manifest
 */
public record LoadedVersion(Path directory, ModelManifest manifest) {

    public String version() {
        return manifest.modelVersion();
    }

    /** Where {@code artifact} is on disk. */
    public Path path(ModelArtifact artifact) {
        return directory.resolve(artifact.path());
    }

    /** Whether the manifest lists an artifact in {@code slot} (it was verified with the rest). */
    public boolean has(VersionLayout.Slot slot) {
        return artifact(slot).isPresent();
    }

    /**
     * Where the verified artifact in {@code slot} is on disk.
     *
     * @throws ModelVersionException if the manifest lists no artifact there, or one of another role or kind
     */
    public Path path(VersionLayout.Slot slot) throws ModelVersionException {
        return path(artifact(slot).orElseThrow(() -> new ModelVersionException("model version " + version()
                + " has no " + slot.kind().jsonName() + " " + slot.path() + " (" + slot.role()
                + ") in its manifest")));
    }

    /** The verified folder of {@code model}'s Spark-native model. */
    public Path sparkModel(ModelKind model) throws ModelVersionException {
        return path(VersionLayout.sparkModel(model));
    }

    private Optional<ModelArtifact> artifact(VersionLayout.Slot slot) {
        return manifest.artifacts().stream().filter(slot::holds).findFirst();
    }
}
