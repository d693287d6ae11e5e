package recsys.core.movielens;

/**
 * What every format does to a raw line before splitting it.
 */
final class Lines {

    static final String BLANK = "blank line";

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private Lines() {
    }

    /**
     * Drops a trailing CR (files written on Windows, read by a reader that splits on LF only, as Spark's text
     * source does) and a leading byte-order mark (which such a reader leaves on the first line).
     */
    static String clean(String line) {
        int start = !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK ? 1 : 0;
        int end = line.length();
        while (end > start && (line.charAt(end - 1) == '\r' || line.charAt(end - 1) == '\n')) {
            end--;
        }
        return line.substring(start, end);
    }

    static boolean isBlank(String line) {
        return line == null || line.isBlank();
    }
}
