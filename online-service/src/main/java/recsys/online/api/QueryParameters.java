package recsys.online.api;

import io.micronaut.core.annotation.Nullable;
import java.util.regex.Pattern;
import recsys.online.error.ApiException;

/**
 * Parses query parameters by hand rather than through Micronaut's conversion: the clients of the system this one
 * replaces send Python's {@code True}/{@code False}, which Micronaut's boolean conversion does not take, and a
 * failed conversion should name the parameter and the accepted values, not the Java type.
 */
public final class QueryParameters {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[-+]?\\d+");

    private QueryParameters() {
    }

    /**
     * {@code true}/{@code false} in any letter case (Python's requests sends {@code True}), {@code 1} or {@code 0};
     * {@code defaultValue} when the parameter is absent.
     */
    public static boolean booleanValue(String name, @Nullable String raw, boolean defaultValue) {
        if (raw == null) {
            return defaultValue;
        }
        String value = raw.trim();
        if (value.equalsIgnoreCase("true") || value.equals("1")) {
            return true;
        }
        if (value.equalsIgnoreCase("false") || value.equals("0")) {
            return false;
        }
        throw ApiException.badRequest(name, "must be true, false, 1 or 0, was " + RequestIds.show(raw));
    }

    /** A whole number in {@code [min, max]}; {@code defaultValue} when the parameter is absent. */
    public static int boundedInt(String name, @Nullable String raw, int min, int max, int defaultValue) {
        if (raw == null) {
            return defaultValue;
        }
        String value = raw.trim();
        if (!WHOLE_NUMBER.matcher(value).matches()) {
            throw ApiException.badRequest(name, "must be a whole number, was " + RequestIds.show(raw));
        }
        // more digits than a long holds is out of range, not "not a number"
        long parsed = value.replaceFirst("^[-+]?0*", "").length() > 18
                ? (value.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE) : Long.parseLong(value);
        if (parsed < min || parsed > max) {
            throw ApiException.badRequest(name, "must be between " + min + " and " + max + ", was "
                    + RequestIds.show(raw));
        }
        return (int) parsed;
    }

    /** A required identifier ({@link RequestIds#check}). */
    public static String id(String name, @Nullable String raw) {
        if (raw == null) {
            throw ApiException.badRequest(name, "is required");
        }
        return RequestIds.check(name, raw);
    }
}
