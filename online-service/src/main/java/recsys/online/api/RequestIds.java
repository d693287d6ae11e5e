package recsys.online.api;

import recsys.online.error.ApiException;

/**
 * The one rule for user and movie ids in requests: what ingest accepts from MovieLens files (non-empty ASCII digits,
 * kept as text), at most {@value #MAX_LENGTH} of them. Online writes create documents the offline jobs and the
 * read path treat exactly like ingested ones, so an id the offline side would reject is rejected here too, and an
 * id is never trimmed or re-spelled ({@code "007"} stays {@code "007"}).
 */
public final class RequestIds {

    /** Longer ids exist in no MovieLens release and would only bloat keys; Elasticsearch allows 512 bytes. */
    public static final int MAX_LENGTH = 20;
    /** Values quoted in error messages are cut to this length so an error never echoes a whole body back. */
    private static final int MAX_SHOWN = 40;

    private RequestIds() {
    }

    /** {@code raw} when it is a valid id; else a 400 naming {@code field}. */
    public static String check(String field, String raw) {
        if (raw.isEmpty()) {
            throw ApiException.badRequest(field, "must not be empty");
        }
        if (raw.length() > MAX_LENGTH) {
            throw ApiException.badRequest(field, "must be at most " + MAX_LENGTH + " digits, was " + show(raw));
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                throw ApiException.badRequest(field, "must be digits only, was " + show(raw));
            }
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
        return "'" + shown + "'";
    }
}
