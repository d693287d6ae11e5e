package recsys.core.index;

/**
 * Index names with an optional prefix, so several deployments (or test runs) can share one cluster without
 * touching each other's indices. With the empty prefix the aliases are the plain {@code movies}, {@code users}
 * and {@code movie_vectors}, and the evaluation summaries go to {@code models}.
 */
public record IndexNames(String prefix) {

    public static final IndexNames DEFAULT = new IndexNames("");

    public IndexNames {
        prefix = prefix == null ? "" : prefix;
        if (!prefix.isEmpty() && !prefix.matches("[a-z0-9][a-z0-9_.-]*")) {
            throw new IllegalArgumentException(
                    "index prefix must be lower-case letters, digits, '_', '.' or '-', starting with a letter or digit: '" + prefix + "'");
        }
    }

    /** The name readers use. */
    public String alias(IndexSchema schema) {
        return prefix + schema.alias();
    }

    /** The physical index of one pipeline run. */
    public String physical(IndexSchema schema, String runId) {
        return alias(schema) + "-" + runId;
    }

    /** The wildcard pattern of the physical indices of a schema (may match other schemas; see {@link #owns}). */
    public String physicalPattern(IndexSchema schema) {
        return alias(schema) + "-*";
    }

    /** Whether {@code indexName} is a physical index of {@code schema} under this prefix. */
    public boolean owns(IndexSchema schema, String indexName) {
        String start = alias(schema) + "-";
        if (!indexName.startsWith(start)) {
            return false;
        }
        // "movies-" must not claim a "movies-x" that belongs to another prefix such as "movies-x-movies-..."
        return !indexName.substring(start.length()).contains(schema.alias());
    }
}
