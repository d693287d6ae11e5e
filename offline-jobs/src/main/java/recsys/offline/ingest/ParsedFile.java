package recsys.offline.ingest;

import java.io.Serializable;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.storage.StorageLevel;
import recsys.core.movielens.LineResult;

/**
 * One input file run through a line parser: the values it yielded, and a report of the lines it rejected.
 * Every line is accounted for: {@code lines == parsed + rejected}.
 */
final class ParsedFile<T> {

    private static final int EXAMPLES = 5;

    private final JavaRDD<Located<T>> values;
    private final FileReport report;

    private ParsedFile(JavaRDD<Located<T>> values, FileReport report) {
        this.values = values;
        this.report = report;
    }

    /** The parsed values, each with the line it came from. */
    JavaRDD<Located<T>> values() {
        return values;
    }

    FileReport report() {
        return report;
    }

    /**
     * Parses {@code file} line by line; with {@code header} the first line is the CSV header and not data.
     * The parsed lines are cached because both the values and the report are computed from them.
     */
    static <T> ParsedFile<T> parse(JavaSparkContext spark, String directory, String file, Charset charset,
                                   boolean header, Function<String, LineResult<T>> parser, int partitions) {
        JavaRDD<Outcome<T>> outcomes = NumberedLineReader.read(spark, directory + "/" + file, charset, partitions)
                .filter(line -> !(header && line.number() == 1))
                .map(line -> new Outcome<>(line, parser.call(line.text())))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Map<Boolean, Long> counts = outcomes.map(Outcome::parsed).countByValue();
        long parsed = counts.getOrDefault(true, 0L);
        long rejected = counts.getOrDefault(false, 0L);
        List<RejectedLine> examples = rejected == 0 ? List.of()
                : outcomes.filter(outcome -> !outcome.parsed()).take(EXAMPLES).stream()
                        .map(outcome -> new RejectedLine(file, outcome.line().number(),
                                outcome.result().reason(), outcome.line().text()))
                        .toList();
        JavaRDD<Located<T>> values = outcomes.filter(Outcome::parsed)
                .map(outcome -> new Located<>(outcome.line().number(), outcome.result().value()));
        return new ParsedFile<>(values, new FileReport(file, parsed + rejected, parsed, rejected, examples));
    }

    /** A parsed value and its line number. */
    record Located<T>(long line, T value) implements Serializable {
    }

    /** A line and what the parser made of it. */
    record Outcome<T>(NumberedLine line, LineResult<T> result) implements Serializable {
        boolean parsed() {
            return result.isParsed();
        }
    }
}
