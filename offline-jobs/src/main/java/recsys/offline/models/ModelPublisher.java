package recsys.offline.models;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import recsys.core.model.ModelVersions;
import recsys.core.model.VersionLayout;
import recsys.offline.storage.StorageLayout;

/**
 * The write side of published models, on any Hadoop file system (local, HDFS, S3A). A run stages a version, writes
 * its artifacts into the slots of core's {@code VersionLayout}, and publishes it:
 * <pre>
 *   try (VersionStaging staging = publisher.begin(version)) {
 *       staging.write(VersionLayout.TREE_ENSEMBLE, ensemble::write);
 *       staging.saveSparkModel(ModelKind.FOREST_EMBEDDING, forestModel);
 *       staging.publish(description);
 *   }
 * </pre>
 * {@link VersionStaging#publish} writes {@code manifest.json} last, renames the staging folder
 * {@code models/<version>.tmp-<random>} to {@code models/<version>} (a directory rename is atomic on the local file
 * system and HDFS; on object stores it is a copy, but the manifest-last rule still keeps a half-copied folder from
 * verifying), and only then moves {@code models/CURRENT}. If anything fails before the rename, or the staging is
 * closed without being published, the staging folder is deleted and CURRENT is untouched. After a successful
 * publish, versions beyond the newest {@code keepVersions} are deleted, never the one CURRENT names.
 *
 * <p>One publisher at a time per storage root: two concurrent runs would race on CURRENT and retention. A run killed
 * outright leaves a {@code .tmp-} folder, which no reader opens and which can be deleted by hand.
 */
public final class ModelPublisher {

    /** How many published versions retention keeps by default (CURRENT is kept on top if it is older). */
    public static final int DEFAULT_KEEP_VERSIONS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(ModelPublisher.class);

    private final StorageLayout layout;
    private final int keepVersions;
    private final Clock clock;

    public ModelPublisher(StorageLayout layout) {
        this(layout, DEFAULT_KEEP_VERSIONS, Clock.systemUTC());
    }

    /**
     * @param keepVersions at least 1; 2 or more lets a reader that has just read the old CURRENT still load it
     */
    public ModelPublisher(StorageLayout layout, int keepVersions, Clock clock) {
        if (keepVersions < 1) {
            throw new IllegalArgumentException("keepVersions must be at least 1, not " + keepVersions);
        }
        this.layout = layout;
        this.keepVersions = keepVersions;
        this.clock = clock;
    }

    /**
     * Creates the staging folder for {@code version} (a {@link ModelVersions#check valid} id that sorts after older
     * versions, such as a {@code RunIds} id). Fails if that version is already published.
     */
    public VersionStaging begin(String version) {
        ModelVersions.check(version);
        Path target = versionDir(version);
        Path staging = new Path(layout.modelsDir() + "/" + version + ModelVersions.TEMPORARY_MARKER
                + String.format("%08x", ThreadLocalRandom.current().nextInt()));
        try {
            FileSystem fs = target.getFileSystem(layout.hadoop());
            if (fs.exists(target)) {
                throw new IllegalStateException("model version " + version + " is already published at " + target);
            }
            if (!fs.mkdirs(staging)) {
                throw new IOException("mkdirs returned false");
            }
            return new VersionStaging(this, fs, version, staging, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the staging folder " + staging, e);
        }
    }

    /** The version {@code models/CURRENT} names, if any. */
    public Optional<String> currentVersion() {
        String pointer = currentPointer();
        Path path = new Path(pointer);
        try {
            if (!path.getFileSystem(layout.hadoop()).exists(path)) {
                return Optional.empty();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pointer, e);
        }
        String version = layout.readText(pointer).trim();
        return version.isEmpty() ? Optional.empty() : Optional.of(version);
    }

    /** The published version folders (staging folders excluded), oldest first. */
    public List<String> versions() {
        Path models = new Path(layout.modelsDir());
        try {
            FileSystem fs = models.getFileSystem(layout.hadoop());
            List<String> versions = new ArrayList<>();
            for (FileStatus status : fs.listStatus(models)) {
                String name = status.getPath().getName();
                if (status.isDirectory() && ModelVersions.isVersion(name)) {
                    versions.add(name);
                }
            }
            versions.sort(Comparator.naturalOrder());
            return versions;
        } catch (FileNotFoundException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + models, e);
        }
    }

    Path versionDir(String version) {
        return new Path(layout.modelVersionDir(version));
    }

    Clock clock() {
        return clock;
    }

    /** Renames the staged folder into place; the caller cleans up if this throws. */
    void place(FileSystem fs, Path staging, Path target, String version) throws IOException {
        if (fs.exists(target)) {
            // Hadoop would move the staging folder *into* an existing folder rather than fail
            throw new IOException("model version " + version + " was published meanwhile at " + target);
        }
        if (!fs.rename(staging, target)) {
            throw new IOException("rename " + staging + " -> " + target + " failed");
        }
    }

    /**
     * Points CURRENT at {@code version}, a published version folder: what a train does last, what a retrain does
     * once its gate passed, and what a rollback does with an older version. One small file written whole, so a
     * reader sees the old name or the new one.
     */
    public void makeCurrent(String version) {
        ModelVersions.check(version);
        Path dir = versionDir(version);
        try {
            if (!dir.getFileSystem(layout.hadoop()).exists(new Path(dir, VersionLayout.MANIFEST))) {
                throw new IllegalArgumentException("model version " + version + " is not published under "
                        + layout.modelsDir());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check model version " + version, e);
        }
        layout.writeText(currentPointer(), version + "\n");
    }

    /** Deletes published versions beyond the newest {@code keepVersions}, except CURRENT's; returns those deleted. */
    List<String> applyRetention() {
        Optional<String> current = currentVersion();
        List<String> versions = versions();
        List<String> deleted = new ArrayList<>();
        for (int i = 0; i < versions.size() - keepVersions; i++) {
            String version = versions.get(i);
            if (current.isPresent() && current.get().equals(version)) {
                continue;
            }
            Path dir = versionDir(version);
            try {
                // Published successfully already: a version that cannot be removed now is removed by a later run
                if (dir.getFileSystem(layout.hadoop()).delete(dir, true)) {
                    deleted.add(version);
                } else {
                    LOG.warn("Could not delete old model version {}; a later publish retries", dir);
                }
            } catch (IOException e) {
                LOG.warn("Could not delete old model version {}; a later publish retries", dir, e);
            }
        }
        return deleted;
    }

    private String currentPointer() {
        return layout.modelsDir() + "/" + ModelVersions.CURRENT;
    }
}
