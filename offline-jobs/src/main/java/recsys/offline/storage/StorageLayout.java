package recsys.offline.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import recsys.core.model.ModelVersions;

/**
 * Where the jobs keep their files under the storage root, on any Hadoop file system:
 * <pre>
 *   runs/&lt;run id&gt;/movies, ratings, tags, users            Parquet, one folder per data set
 *   runs/&lt;run id&gt;/ingest-report.json                     what the ingest job read and rejected
 *   runs/&lt;run id&gt;/vectors-&lt;embed run id&gt;                  Parquet vectors of one embed of that ingest
 *   runs/&lt;run id&gt;/VECTORS                                 the vectors folder of the last complete embed of it
 *   runs/LATEST                                             the run id of the last complete ingest
 *   models/&lt;version&gt;/..., models/CURRENT                     published models (see ModelPublisher)
 * </pre>
 * LATEST and VECTORS are written only after a run's data is complete and published, so a later job never reads
 * half a run.
 */
public final class StorageLayout {

    private static final String LATEST = "LATEST";
    private static final String VECTORS = "VECTORS";

    private final URI root;
    private final Configuration hadoop;

    public StorageLayout(URI root, Configuration hadoop) {
        this.root = root;
        this.hadoop = hadoop;
    }

    public URI root() {
        return root;
    }

    /** The Hadoop configuration paths under the root are opened with. */
    public Configuration hadoop() {
        return hadoop;
    }

    /** The folder of published model versions; its layout is described in {@code recsys.core.model.ModelVersions}. */
    public String modelsDir() {
        return root + "/" + ModelVersions.MODELS_DIR;
    }

    /** The folder of the published model {@code version}; inside it, {@code recsys.core.model.VersionLayout}. */
    public String modelVersionDir(String version) {
        return modelsDir() + "/" + version;
    }

    /** Where the evaluation report of model {@code version} is written ({@code report.json}, charts). */
    public String reportDir(String version) {
        return root + "/reports/" + version;
    }

    public boolean exists(String path) {
        Path target = new Path(path);
        try {
            return target.getFileSystem(hadoop).exists(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + path, e);
        }
    }

    public String runDir(String runId) {
        return root + "/runs/" + runId;
    }

    public String dataset(String runId, String name) {
        return runDir(runId) + "/" + name;
    }

    /** The last complete ingest run, if any. */
    public Optional<String> latestRun() {
        Path pointer = new Path(root + "/runs/" + LATEST);
        try {
            FileSystem fs = pointer.getFileSystem(hadoop);
            if (!fs.exists(pointer)) {
                return Optional.empty();
            }
            try (InputStream in = fs.open(pointer)) {
                String runId = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                return runId.isEmpty() ? Optional.empty() : Optional.of(runId);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pointer, e);
        }
    }

    /** Moves LATEST to {@code runId}: written beside the old pointer, then renamed over it. */
    public void markLatest(String runId) {
        writeText(root + "/runs/" + LATEST, runId + "\n");
    }

    /** Whether {@code runId} has been embedded completely. */
    public boolean hasVectors(String runId) {
        return exists(dataset(runId, VECTORS));
    }

    /** The Parquet folder name (under the ingest run) of the last complete embed of {@code runId}. */
    public String vectorsOf(String runId) {
        return readText(dataset(runId, VECTORS)).trim();
    }

    /** Moves {@code runId}'s VECTORS pointer to {@code dataset}, a folder under the run, as {@link #markLatest}. */
    public void markVectors(String runId, String dataset) {
        writeText(dataset(runId, VECTORS), dataset + "\n");
    }

    /**
     * Writes a small text file by writing a temporary sibling and renaming it into place, so readers see the
     * old content or the new one. On the local file system the rename replaces the old file in one step (POSIX
     * rename). HDFS and object stores refuse to rename onto an existing file, so there the old file is deleted
     * first; the window in between reads as "no file", never as a torn one.
     */
    public void writeText(String file, String content) {
        Path target = new Path(file);
        Path temporary = new Path(file + ".tmp-" + Long.toHexString(System.nanoTime()));
        try {
            FileSystem fs = target.getFileSystem(hadoop);
            try (OutputStream out = fs.create(temporary, true)) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
            if (!fs.rename(temporary, target)) {
                fs.delete(target, false);
                if (!fs.rename(temporary, target)) {
                    fs.delete(temporary, false);
                    throw new IOException("rename " + temporary + " -> " + target + " failed");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /**
     * Deletes {@code path} and everything under it, best effort: for the output of a run that failed, which nothing
     * points at. Returns whether it is gone.
     */
    public boolean deleteQuietly(String path) {
        Path target = new Path(path);
        try {
            FileSystem fs = target.getFileSystem(hadoop);
            return !fs.exists(target) || fs.delete(target, true);
        } catch (IOException e) {
            return false;
        }
    }

    public String readText(String file) {
        Path path = new Path(file);
        try (InputStream in = path.getFileSystem(hadoop).open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
