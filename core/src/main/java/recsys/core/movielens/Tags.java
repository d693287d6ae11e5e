package recsys.core.movielens;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalises free-text user tags so that "Dark Comedy", "dark  comedy" and " dark comedy " count as one tag
 * when tags are ranked per movie.
 */
final class Tags {

    // (?U): Unicode whitespace, so a no-break space pasted from a web page collapses too.
    private static final Pattern WHITESPACE = Pattern.compile("(?U)\\s+");

    private Tags() {
    }

    /** Lower-cased with {@link Locale#ROOT} (a Turkish default locale must not turn "I" into a dotless i). */
    static String normalise(String raw) {
        if (raw == null) {
            return "";
        }
        return WHITESPACE.matcher(raw).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
    }
}
