package recsys.offline.models;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 * publish, versions beyond the newest {@code keepVersions} are deleted, never the one CURRENT names nor the last
 * ones that served ({@code models/SERVED}), which a rollback goes back to.
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
        // after CURRENT: a history line without the move would let a rollback pick a version that never served
        List<String> served = new ArrayList<>(servedVersions());
        served.add(version);
        layout.writeText(servedHistory(), String.join("\n", served) + "\n");
    }

    /** Every version CURRENT has named, oldest first, repeated when it served twice (empty before the first). */
    public List<String> servedVersions() {
        String history = servedHistory();
        if (!layout.exists(history)) {
            return List.of();
        }
        return layout.readText(history).lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
    }

    /**
     * What a rollback from {@code current} serves: walking the served history back from its end, the first version
     * older than {@code current} that is still published. Older, so that rolling back twice goes further back
     * rather than forward again to the version the first rollback left.
     */
    public Optional<String> previouslyServed(String current) {
        List<String> served = servedVersions();
        List<String> published = versions();
        for (int i = served.size() - 1; i >= 0; i--) {
            String version = served.get(i);
            if (version.compareTo(current) < 0 && published.contains(version)) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }

    /**
     * Deletes published versions beyond the newest {@code keepVersions}, except CURRENT's and the last
     * {@code keepVersions} distinct versions that served: versions a gate refused are newer than the one serving, and
     * counting only by age would let a few of them push every rollback target out. Returns those deleted.
     */
    List<String> applyRetention() {
        Set<String> kept = new HashSet<>();
        currentVersion().ifPresent(kept::add);
        List<String> served = servedVersions();
        Set<String> recentlyServed = new LinkedHashSet<>();
        for (int i = served.size() - 1; i >= 0 && recentlyServed.size() < keepVersions; i--) {
            recentlyServed.add(served.get(i));
        }
        kept.addAll(recentlyServed);
        List<String> versions = versions();
        List<String> deleted = new ArrayList<>();
        for (int i = 0; i < versions.size() - keepVersions; i++) {
            String version = versions.get(i);
            if (kept.contains(version)) {
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

    private String servedHistory() {
        return layout.modelsDir() + "/" + ModelVersions.SERVED;
    }

    private String currentPointer() {
        return layout.modelsDir() + "/" + ModelVersions.CURRENT;
    }
}
