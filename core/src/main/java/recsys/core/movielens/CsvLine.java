package recsys.core.movielens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Splits one line of an ml-latest CSV file. The files follow RFC 4180: a title with a comma is quoted and a quote
 * inside it is doubled ({@code """Great Performances"" Cats (1998)"}), so a plain split on ',' would be wrong.
 */
final class CsvLine {

    // Immutable and shared; RFC 4180 as written, no trimming, no comment lines.
    private static final CSVFormat FORMAT = CSVFormat.RFC4180;

    private CsvLine() {
    }

    /**
     * The fields of a line that should have the given columns. A line whose first field is the first column's
     * name is the header: rejected as {@link LineResult#HEADER} when it matches, or with the columns it has when
     * it does not, which usually means the wrong file was given.
     */
    static LineResult<List<String>> fields(String line, List<String> columns) {
        if (Lines.isBlank(line)) {
            return LineResult.rejected(Lines.BLANK);
        }
        return parse(Lines.clean(line)).flatMap(fields -> check(fields, columns));
    }

    private static LineResult<List<String>> parse(String line) {
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(line, FORMAT)) {
            records = parser.getRecords();
        } catch (IOException | IllegalStateException e) {
            return LineResult.rejected("malformed CSV: " + e.getMessage());
        } catch (UncheckedIOException e) {
            // e.g. an unterminated quote: a title whose closing quote is on a line Spark has split off
            return LineResult.rejected("malformed CSV: " + e.getCause().getMessage());
        }
        if (records.size() != 1) {
            return LineResult.rejected("malformed CSV: " + records.size() + " records on one line");
        }
        return LineResult.parsed(records.get(0).toList());
    }

    private static LineResult<List<String>> check(List<String> fields, List<String> columns) {
        if (fields.get(0).trim().equalsIgnoreCase(columns.get(0))) {
            return isHeader(fields, columns)
                    ? LineResult.rejected(LineResult.HEADER)
                    : LineResult.rejected("unexpected header " + String.join(",", fields)
                            + ", expected " + String.join(",", columns));
        }
        return fields.size() == columns.size()
                ? LineResult.parsed(fields)
                : LineResult.rejected(Fields.countMismatch(columns.size(), fields.size()));
    }

    private static boolean isHeader(List<String> fields, List<String> columns) {
        if (fields.size() != columns.size()) {
            return false;
        }
        for (int i = 0; i < columns.size(); i++) {
            if (!fields.get(i).trim().equalsIgnoreCase(columns.get(i))) {
                return false;
            }
        }
        return true;
    }
}
