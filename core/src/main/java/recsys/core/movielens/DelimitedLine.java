package recsys.core.movielens;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the lines of the .dat ({@code ::}) and ml-100k ({@code |}, tab) files, which have no quoting.
 */
final class DelimitedLine {

    private DelimitedLine() {
    }

    /** Exactly {@code expected} fields, or a rejection naming how many were found. */
    static LineResult<List<String>> split(String line, String delimiter, int expected) {
        if (Lines.isBlank(line)) {
            return LineResult.rejected(Lines.BLANK);
        }
        List<String> fields = splitAll(Lines.clean(line), delimiter);
        return fields.size() == expected
                ? LineResult.parsed(fields)
                : LineResult.rejected(Fields.countMismatch(expected, fields.size()));
    }

    /**
     * {@code leading} fields from the left, {@code trailing} from the right and everything in between as one
     * field, for a free-text field that could itself contain the delimiter (a tag such as "a::b"). Too few
     * delimiters is still a rejection.
     */
    static LineResult<List<String>> splitAroundMiddle(String line, String delimiter, int leading, int trailing) {
        if (Lines.isBlank(line)) {
            return LineResult.rejected(Lines.BLANK);
        }
        int expected = leading + 1 + trailing;
        List<String> all = splitAll(Lines.clean(line), delimiter);
        if (all.size() < expected) {
            return LineResult.rejected(Fields.countMismatch(expected, all.size()));
        }
        List<String> fields = new ArrayList<>(all.subList(0, leading));
        fields.add(String.join(delimiter, all.subList(leading, all.size() - trailing)));
        fields.addAll(all.subList(all.size() - trailing, all.size()));
        return LineResult.parsed(List.copyOf(fields));
    }

    /** Like {@code String.split} with limit -1 (empty fields kept), but literal: no regex, no escaping of "|". */
    private static List<String> splitAll(String line, String delimiter) {
        List<String> fields = new ArrayList<>();
        int from = 0;
        int at;
        while ((at = line.indexOf(delimiter, from)) >= 0) {
            fields.add(line.substring(from, at));
            from = at + delimiter.length();
        }
        fields.add(line.substring(from));
        return fields;
    }
}
