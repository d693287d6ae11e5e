package recsys.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
