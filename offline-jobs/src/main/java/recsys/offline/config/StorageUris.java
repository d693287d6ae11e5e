package recsys.offline.config;

import java.net.URI;
import java.nio.file.Path;

/** Turns what a user types for {@code --storage} into an absolute URI Hadoop's file systems understand. */
public final class StorageUris {

    private StorageUris() {
    }

    /**
     * A value with a scheme ({@code hdfs://nn/recsys}, {@code s3a://bucket/recsys}, {@code file:/data}) is taken
     * as it is; anything else is a local path, made absolute against the working directory so that executors
     * and later jobs see the same folder.
     */
    public static URI toUri(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("storage must not be empty");
        }
        if (hasScheme(value)) {
            return URI.create(value.replaceAll("/+$", ""));
        }
        return URI.create(Path.of(value).toAbsolutePath().normalize().toUri().toString().replaceAll("/+$", ""));
    }

    /** Whether the value names a file system ({@code scheme:/...}) rather than a plain local path. */
    public static boolean hasScheme(String value) {
        return value.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:/.*");
    }
}
