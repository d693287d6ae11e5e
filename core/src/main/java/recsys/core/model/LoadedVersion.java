package recsys.core.model;

import java.nio.file.Path;
import java.util.List;

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

    /** The one artifact with {@code role}; fails if the version has none or several. */
    public Path single(String role) throws ModelVersionException {
        List<ModelArtifact> found = manifest.artifactsWithRole(role);
        if (found.size() != 1) {
            throw new ModelVersionException("model version " + version() + " has " + found.size()
                    + " artifacts with role " + role + "; expected exactly one");
        }
        return path(found.get(0));
    }
}
