package recsys.core.movielens;

import java.util.Optional;
import recsys.core.ids.EntityIds;

/**
 * Checks for the individual fields shared by all MovieLens formats. Each check names the field in its reason,
 * so a rejected-lines report says what was wrong without anyone opening the file.
 */
final class Fields {

    /** Values quoted in reasons are cut to this length so one garbage line cannot flood the report. */
    private static final int MAX_SHOWN = 40;

    private Fields() {
    }

    /**
     * A user or movie id: {@link EntityIds}' rule, the one the service applies, after the format's padding is
     * trimmed. MovieLens' numeric ids pass and are kept as text.
     */
    static String entityId(String field, String raw) throws RejectedField {
        String id = nonEmpty(field, raw);
        Optional<String> problem = EntityIds.problem(id);
        if (problem.isPresent()) {
            throw new RejectedField(field + " " + problem.get() + ": " + show(id));
        }
        return id;
    }

    /** A link id such as imdbId or tmdbId: non-empty ASCII digits, kept as text (imdbIds have leading zeros). */
    static String digits(String field, String raw) throws RejectedField {
        String id = nonEmpty(field, raw);
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                throw new RejectedField(field + " is not numeric: " + show(id));
            }
        }
        return id;
    }

    /** A rating on the MovieLens star scale; ml-100k and ml-1m only use whole stars, which are in range too. */
    static double rating(String raw) throws RejectedField {
        String text = nonEmpty("rating", raw);
        double rating;
        try {
            rating = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new RejectedField("rating is not a number: " + show(text));
        }
        if (!Double.isFinite(rating)) {
            throw new RejectedField("rating is not finite: " + show(text));
        }
        if (rating < Rating.MIN || rating > Rating.MAX) {
            throw new RejectedField("rating out of range [" + Rating.MIN + ", " + Rating.MAX + "]: " + show(text));
        }
        return rating;
    }

    /** Epoch seconds. */
    static long timestamp(String raw) throws RejectedField {
        String text = nonEmpty("timestamp", raw);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new RejectedField("timestamp is not a whole number: " + show(text));
        }
    }

    /** The trimmed value, rejected as {@code "empty <field>"} when nothing is left. */
    static String nonEmpty(String field, String raw) throws RejectedField {
        String value = raw == null ? "" : raw.trim();
        if (value.isEmpty()) {
            throw new RejectedField("empty " + field);
        }
        return value;
    }

    static String countMismatch(int expected, int found) {
        return "expected " + expected + " fields, found " + found;
    }

    static String show(String value) {
        String shown = value.length() <= MAX_SHOWN ? value : value.substring(0, MAX_SHOWN) + "...";
        return "'" + shown + "'";
    }
}
