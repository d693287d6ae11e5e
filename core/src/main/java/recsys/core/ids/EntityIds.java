package recsys.core.ids;

import java.util.Optional;

/**
 * The one rule for user and movie ids, everywhere: MovieLens files, online writes and reads, the offline jobs and
 * the indices' document ids. An id is 1 to {@value #MAX_LENGTH} characters, each an ASCII letter or digit or one of
 * {@code - _ . : @}, so UUIDs, e-mail hashes and prefixed ids ({@code u-1234}) work, and MovieLens' numeric ids are
 * kept as text ({@code "007"} stays {@code "007"}). Nothing else is allowed: no whitespace or control character
 * (a NUL or newline could otherwise be trimmed away into another user's id), no {@code /}, {@code %} or {@code ?}
 * (ids travel in URL paths), and never {@code .} or {@code ..} alone (a path segment clients rewrite).
 */
public final class EntityIds {

    /** Longest id: a UUID with a prefix fits; Elasticsearch allows 512 bytes. */
    public static final int MAX_LENGTH = 128;
    /** What an id may contain, for error messages and documentation. */
    public static final String RULE = "1 to " + MAX_LENGTH + " letters, digits or - _ . : @ (not . or .. alone)";

    private EntityIds() {
    }

    /** Whether {@code id} is a valid id as it stands (it is never trimmed). */
    public static boolean isValid(String id) {
        return problem(id).isEmpty();
    }

    /** Why {@code id} is not a valid id, without quoting it; empty when it is one. */
    public static Optional<String> problem(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (id.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters, was " + id.length());
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isISOControl(c)) {
                return Optional.of("must not contain control characters (U+" + String.format("%04X", (int) c)
                        + " at " + i + ")");
            }
            if (!allowed(c)) {
                return Optional.of("may only contain letters, digits and - _ . : @");
            }
        }
        if (id.equals(".") || id.equals("..")) {
            return Optional.of("must not be . or ..");
        }
        return Optional.empty();
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == ':' || c == '@';
    }
}
