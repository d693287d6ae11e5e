package recsys.offline.models;

import java.util.List;
import recsys.core.model.ModelManifest;

/**
 * A version that is now CURRENT.
 *
 * @param location        the version folder, as a Hadoop path string
 * @param manifest        what was written to its {@code manifest.json}
 * @param deletedVersions older versions retention removed afterwards
 */
public record PublishedVersion(String location, ModelManifest manifest, List<String> deletedVersions) {

    public PublishedVersion {
        deletedVersions = List.copyOf(deletedVersions);
    }
}
