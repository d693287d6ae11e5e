package recsys.core.movielens;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a movie's year from the end of its MovieLens title, e.g. {@code "Toy Story (1995)"} → 1995.
 *
 * <p>TV series in ml-latest carry a range, {@code "Babylon 5 (1994-1998)"} or, while still running,
 * {@code "Big Bang Theory, The (2007–)"} with an en dash; the first year is when it started, which is what a
 * "released in" filter means. A title without a trailing year (a few hundred in ml-latest) has no year.
 */
final class TitleYear {

    // Only at the very end, so "(500) Days of Summer (2009)" gives 2009 and "1984 (1956)" gives 1956.
    private static final Pattern TRAILING_YEAR =
            Pattern.compile("\\((\\d{4})(?:\\s*[-\u2013]\\s*(?:\\d{4})?)?\\s*\\)\\s*$");

    private TitleYear() {
    }

    static OptionalInt of(String title) {
        Matcher m = TRAILING_YEAR.matcher(title);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }
}
