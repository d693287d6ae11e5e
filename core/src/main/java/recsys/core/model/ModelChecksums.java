package recsys.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * SHA-256 digests of model files, as lower-case hex, for the manifest that lists a run's models. The format's own
 * CRC-32 catches accidental damage inside one file; the manifest's SHA-256 ties the file to the run that wrote it.
 */
public final class ModelChecksums {

    private ModelChecksums() {
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /** Digests the rest of {@code in}; leaves it open. */
    public static String sha256Hex(InputStream in) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) != -1; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String sha256Hex(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256Hex(in);
        }
    }

    /** Fails unless {@code file} has the SHA-256 {@code expectedHex} (either case) a manifest recorded for it. */
    public static void verifySha256(Path file, String expectedHex) throws IOException {
        String actual = sha256Hex(file);
        if (!actual.equals(expectedHex.toLowerCase(Locale.ROOT))) {
            throw new IOException("checksum mismatch for " + file + ": the manifest records SHA-256 " + expectedHex
                    + ", the file has " + actual);
        }
    }

    /**
     * The digest of a folder (a Spark-native model) from its files' digests: SHA-256 over the UTF-8 listing of
     * {@code "<sha256 hex>  <relative path>\n"} lines in path order, as {@code sha256sum} prints them. Both sides
     * compute it the same way: the publisher over a Hadoop file system, {@link #sha256HexOfDirectory} locally.
     *
     * @param sha256ByRelativePath '/'-separated paths relative to the folder, sorted by {@link String#compareTo}
     */
    public static String sha256HexOfListing(SortedMap<String, String> sha256ByRelativePath) {
        StringBuilder listing = new StringBuilder();
        for (Map.Entry<String, String> file : sha256ByRelativePath.entrySet()) {
            listing.append(file.getValue()).append("  ").append(file.getKey()).append('\n');
        }
        return sha256Hex(listing.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether a file in a model folder is left out of its listing digest: Hadoop's local file system writes a
     * {@code .<name>.crc} sidecar beside every file, which HDFS and object stores do not, so counting them would
     * make the digest depend on where the model was written.
     */
    public static boolean isChecksumSidecar(String fileName) {
        return fileName.startsWith(".") && fileName.endsWith(".crc");
    }

    /** The {@link #sha256HexOfListing listing digest} and total size of the regular files under {@code dir}. */
    public static DirectoryDigest sha256HexOfDirectory(Path dir) throws IOException {
        SortedMap<String, String> digests = new TreeMap<>();
        long[] size = {0};
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile)
                    .filter(file -> !isChecksumSidecar(file.getFileName().toString()))
                    .forEach(file -> {
                        try {
                            String separator = file.getFileSystem().getSeparator();
                            String relative = dir.relativize(file).toString().replace(separator, "/");
                            digests.put(relative, sha256Hex(file));
                            size[0] += Files.size(file);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new DirectoryDigest(sha256HexOfListing(digests), size[0], digests.size());
    }

    /** A folder's listing digest, the total size of its files and how many files were counted. */
    public record DirectoryDigest(String sha256, long sizeBytes, int files) {
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
