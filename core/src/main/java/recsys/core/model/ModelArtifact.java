package recsys.core.model;

import java.util.Locale;
import java.util.Objects;

/**
 * One file or folder of a published model version, as its manifest lists it.
 *
 * @param path      relative to the version folder, '/'-separated, e.g. {@code serving/tree-ensemble.bin}
 * @param role      what the artifact is for; see {@link VersionLayout}'s {@code ROLE_} constants (an open set: readers
 *                  look up the slots they need and leave the others alone)
 * @param kind      a single file, or a folder (a Spark-native model, written by Spark's own {@code save})
 * @param sha256    lower-case hex; for a folder, the {@link ModelChecksums#sha256HexOfListing listing digest}
 * @param sizeBytes the file's size; for a folder, the sum of its files' sizes
 */
public record ModelArtifact(String path, String role, Kind kind, String sha256, long sizeBytes) {

    public enum Kind {
        FILE, DIRECTORY;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind fromJsonName(String name) {
            for (Kind kind : values()) {
                if (kind.jsonName().equals(name)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown artifact kind \"" + name + "\" (expected file or directory)");
        }
    }

    public ModelArtifact {
        Objects.requireNonNull(kind, "kind");
        checkPath(path);
        if (role == null || role.isBlank()) {
            throw new IllegalArgumentException("artifact " + path + " has no role");
        }
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("artifact " + path + " has SHA-256 \"" + sha256
                    + "\"; expected 64 lower-case hex digits");
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("artifact " + path + " has negative size " + sizeBytes);
        }
    }

    /**
     * Rejects paths that could leave the version folder or clash with its manifest: absolute paths, "." or ".."
     * segments, empty segments, backslashes, and the manifest's own name.
     */
    public static String checkPath(String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("an artifact path must not be empty");
        }
        if (path.startsWith("/") || path.contains("\\")) {
            throw new IllegalArgumentException("artifact path \"" + path
                    + "\" must be relative to the version folder and '/'-separated");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("artifact path \"" + path
                        + "\" has an empty, \".\" or \"..\" segment");
            }
        }
        if (path.equals(VersionLayout.MANIFEST)) {
            throw new IllegalArgumentException("\"" + VersionLayout.MANIFEST + "\" is the manifest, not an artifact");
        }
        return path;
    }
}
