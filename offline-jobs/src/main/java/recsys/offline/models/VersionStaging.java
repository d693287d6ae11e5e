package recsys.offline.models;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.ml.util.MLWritable;
import recsys.core.model.ModelArtifact;
import recsys.core.model.ModelChecksums;
import recsys.core.model.ModelDescription;
import recsys.core.model.ModelManifest;
import recsys.core.model.ModelKind;
import recsys.core.model.ModelStore;
import recsys.core.model.VersionLayout;

/**
 * A model version being written, in its own staging folder; from {@link ModelPublisher#begin}. Every artifact is
 * recorded with its SHA-256 and size as it is written. {@link #publish} makes the version CURRENT; {@link #close}
 * without a publish (an exception in a try-with-resources block) deletes the staging folder.
 *
 * <p>Every artifact goes into a {@link VersionLayout} slot, the layout every reader looks in. Spark-native models
 * are saved by Spark into {@link VersionLayout#sparkModel their slot} and recorded as one folder artifact whose
 * checksum is the {@link ModelChecksums#sha256HexOfListing listing digest} of its files, so the reader verifies them
 * like any other artifact (and notices a file added, removed or changed). Before the version is published it is read
 * back through core's {@link ModelStore} on a local file system.
 */
public final class VersionStaging implements AutoCloseable {

    private final ModelPublisher publisher;
    private final FileSystem fs;
    private final String version;
    private final Path staging;
    private final Path target;
    private final Map<String, ModelArtifact> artifacts = new LinkedHashMap<>();
    private boolean finished;

    VersionStaging(ModelPublisher publisher, FileSystem fs, String version, Path staging, Path target) {
        this.publisher = publisher;
        this.fs = fs;
        this.version = version;
        this.staging = staging;
        this.target = target;
    }

    public String version() {
        return version;
    }

    /** The staging folder, as a Hadoop path string. */
    public String directory() {
        return staging.toString();
    }

    /** Writes the file of {@code slot} through {@code writer}. */
    public ModelArtifact write(VersionLayout.Slot slot, ArtifactWriter writer) {
        ensureOpen();
        if (slot.kind() != ModelArtifact.Kind.FILE) {
            throw new IllegalArgumentException(slot.path() + " is a folder, not a file");
        }
        Path file = new Path(staging, slot.path());
        try {
            checkNew(slot.path());
            DigestingOutputStream out = new DigestingOutputStream(fs.create(file, false));
            try (out) {
                writer.writeTo(out);
            } catch (IOException | RuntimeException e) {
                fs.delete(file, false);   // no half-written file stays behind, even if the caller carries on
                throw e;
            }
            return record(new ModelArtifact(slot.path(), slot.role(), slot.kind(), out.sha256Hex(), out.count()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write artifact " + file, e);
        }
    }

    /** Saves {@code sparkModel} with Spark's own writer into the Spark slot of {@code model} and records it. */
    public ModelArtifact saveSparkModel(ModelKind model, MLWritable sparkModel) {
        VersionLayout.Slot slot = VersionLayout.sparkModel(model);
        ensureOpen();
        try {
            checkNew(slot.path());
            sparkModel.write().save(new Path(staging, slot.path()).toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save Spark model " + model.reportName() + " into " + staging, e);
        }
        return recordDirectory(slot);
    }

    /**
     * Records the folder Spark wrote in {@code slot}: its checksum is the listing digest of its files, Hadoop
     * {@code .crc} sidecars left out.
     */
    private ModelArtifact recordDirectory(VersionLayout.Slot slot) {
        Path dir = fs.makeQualified(new Path(staging, slot.path()));
        String prefix = dir.toUri().getPath() + "/";
        SortedMap<String, String> digests = new TreeMap<>();
        long size = 0;
        try {
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(dir, true);
            while (files.hasNext()) {
                LocatedFileStatus file = files.next();
                if (ModelChecksums.isChecksumSidecar(file.getPath().getName())) {
                    continue;
                }
                String filePath = file.getPath().toUri().getPath();
                if (!filePath.startsWith(prefix)) {
                    throw new IOException("listing " + dir + " returned " + file.getPath() + ", outside it");
                }
                try (InputStream in = fs.open(file.getPath())) {
                    digests.put(filePath.substring(prefix.length()), ModelChecksums.sha256Hex(in));
                }
                size += file.getLen();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot checksum the folder " + dir, e);
        }
        if (digests.isEmpty()) {
            throw new IllegalStateException("the folder " + dir + " holds no files to record as " + slot.path());
        }
        return record(new ModelArtifact(slot.path(), slot.role(), slot.kind(),
                ModelChecksums.sha256HexOfListing(digests), size));
    }

    /** The artifacts recorded so far, in the order they were written. */
    public List<ModelArtifact> artifacts() {
        return List.copyOf(artifacts.values());
    }

    /**
     * Writes {@code manifest.json} last, renames the staging folder to {@code models/<version>}, moves CURRENT to it
     * and applies retention. If this fails before the rename, the staging folder is deleted and CURRENT is
     * unchanged; if moving CURRENT itself fails, the complete version folder stays (not CURRENT) and the error is
     * thrown.
     */
    public PublishedVersion publish(ModelDescription description) {
        return publish(description, true);
    }

    /**
     * As {@link #publish(ModelDescription)}, with {@code makeCurrent} false leaving CURRENT where it is: the version
     * folder is complete and verified, readable by version, and {@link ModelPublisher#makeCurrent} serves it later.
     */
    public PublishedVersion publish(ModelDescription description, boolean makeCurrent) {
        ensureOpen();
        ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, version,
                publisher.clock().instant(), description, new ArrayList<>(artifacts.values()));
        try {
            try (OutputStream out = fs.create(new Path(staging, VersionLayout.MANIFEST), false)) {
                out.write(manifest.toJson());
            }
            verifyAsReadersWill();
            publisher.place(fs, staging, target, version);
            if (makeCurrent) {
                publisher.makeCurrent(version);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish model version " + version, e);
        } finally {
            close();
        }
        return new PublishedVersion(target.toString(), manifest, publisher.applyRetention());
    }

    /** Deletes the staging folder unless the version was published (then there is nothing left to delete). */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            if (fs.exists(staging)) {
                fs.delete(staging, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the staging folder " + staging
                    + " (no reader opens it; delete it by hand)", e);
        }
    }

    /**
     * Reads the staged version back through core's {@link ModelStore}, the reader of the online service and the
     * Spark jobs, so a version it would refuse (a digest computed differently here than there) never becomes
     * CURRENT. On a local file system only: elsewhere ModelStore reads a local copy (PublishedVersionReader), and
     * copying a whole version back to check it would cost more than the evaluate job's own check, which follows.
     */
    private void verifyAsReadersWill() throws IOException {
        if (!"file".equals(fs.getScheme())) {
            return;
        }
        ModelStore.verify(java.nio.file.Path.of(fs.makeQualified(staging).toUri()), version);
    }

    private ModelArtifact record(ModelArtifact artifact) {
        artifacts.put(artifact.path(), artifact);
        return artifact;
    }

    private void checkNew(String path) {
        for (String recorded : artifacts.keySet()) {
            if (recorded.equals(path) || recorded.startsWith(path + "/") || path.startsWith(recorded + "/")) {
                throw new IllegalArgumentException("artifact " + path + " overlaps the recorded artifact " + recorded);
            }
        }
    }

    private void ensureOpen() {
        if (finished) {
            throw new IllegalStateException("model version " + version + " was already published or abandoned");
        }
    }

    /** Counts and digests the bytes on their way to the file, so the manifest records exactly what was written. */
    private static final class DigestingOutputStream extends FilterOutputStream {

        private final MessageDigest digest;
        private long count;

        DigestingOutputStream(OutputStream out) {
            super(out);
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform must provide SHA-256", e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            digest.update(b, off, len);
            count += len;
        }

        long count() {
            return count;
        }

        String sha256Hex() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
