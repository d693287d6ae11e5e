package recsys.online.api;

import java.util.Optional;
import recsys.core.ids.EntityIds;
import recsys.online.error.ApiException;

/**
 * User and movie ids in requests: core's {@link EntityIds} rule, the one ingest applies to MovieLens files, so an id
 * the offline side would reject is rejected here too. An id is checked exactly as sent, never trimmed or re-spelled
 * ({@code "007"} stays {@code "007"}, and {@code "1\u0000"} is a 400, not user 1).
 */
public final class RequestIds {

    /** Values quoted in error messages are cut to this length so an error never echoes a whole body back. */
    private static final int MAX_SHOWN = 40;

    private RequestIds() {
    }

    /** {@code raw} when it is a valid id; else a 400 naming {@code field}. */
    public static String check(String field, String raw) {
        Optional<String> problem = EntityIds.problem(raw);
        if (problem.isPresent()) {
            throw ApiException.badRequest(field, problem.get() + (raw.isEmpty() ? "" : ", was " + show(raw)));
        }
        return raw;
    }

    /**
     * A key of a request body as the field name of an error: a key is client data and may be anything (one megabyte
     * long, or empty), so it is shortened, and an empty one is called {@code what}.
     */
    public static String asField(String key, String what) {
        if (key.isEmpty()) {
            return what;
        }
        return key.length() <= MAX_SHOWN ? key : key.substring(0, MAX_SHOWN) + "...";
    }

    /** A client value quoted for an error message, shortened. */
    public static String show(String value) {
        String shown = value.length() <= MAX_SHOWN ? value : value.substring(0, MAX_SHOWN) + "...";
        // control characters escaped, so an error message never carries a raw NUL or line break
        StringBuilder escaped = new StringBuilder(shown.length() + 2).append('\'');
        shown.chars().forEach(c -> {
            if (Character.isISOControl(c)) {
                escaped.append(String.format("\\u%04x", c));
            } else {
                escaped.append((char) c);
            }
        });
        return escaped.append('\'').toString();
    }
}
