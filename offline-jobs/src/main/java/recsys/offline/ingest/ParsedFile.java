package recsys.offline.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.nio.charset.Charset;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import recsys.core.movielens.LineResult;

/**
 * One input file run through a line parser: the rows it yielded, and a report of the lines it rejected.
 * Every line is accounted for: {@code lines == parsed + rejected}.
 *
 * @param values the parsed rows in the file's schema, the last column being the line number
 * @param lines  every line's outcome, cached: the parsed rows with two more columns naming a rejected line's reason
 *               and text; {@link #unpersist} releases it
 */
record ParsedFile(Dataset<Row> values, Dataset<Row> lines, FileReport report) {

    private static final int EXAMPLES = 5;
    private static final String REJECTION = "rejection";
    private static final String REJECTED_TEXT = "rejected_text";

    /**
     * Parses {@code file} line by line into rows of {@code schema} (whose last field is the line number); with
     * {@code header} the first line is the CSV header and not data.
     *
     * <p>The outcomes are cached as a DataFrame because the report and the values are both computed from them:
     * Spark's columnar cache holds a rating in a few dozen bytes, where the parsed Java objects with their line's
     * text took several times that and, at 25M ratings, spilled to disk through Java serialization.
     */
    static <T> ParsedFile parse(SparkSession spark, String directory, String file, Charset charset, boolean header,
                                Function<String, LineResult<T>> parser, Function<T, Object[]> columns,
                                StructType schema, int partitions) {
        int width = schema.size();
        JavaRDD<Row> outcomes = NumberedLineReader.read(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                        directory + "/" + file, charset, partitions)
                .filter(line -> !(header && line.number() == 1))
                .map(line -> {
                    LineResult<T> result = parser.call(line.text());
                    Object[] row = new Object[width + 2];
                    if (result.isParsed()) {
                        Object[] values = columns.call(result.value());
                        System.arraycopy(values, 0, row, 0, values.length);
                    } else {
                        row[width] = result.reason();
                        row[width + 1] = line.text();
                    }
                    row[width - 1] = line.number();
                    return RowFactory.create(row);
                });
        Dataset<Row> lines = spark.createDataFrame(outcomes, withOutcome(schema))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Row counts = lines.agg(count(lit(1)), count(col(REJECTION))).first();
        long all = counts.getLong(0);
        long rejected = counts.getLong(1);
        List<RejectedLine> examples = rejected == 0 ? List.of()
                : lines.filter(col(REJECTION).isNotNull()).orderBy(IngestRows.LINE).limit(EXAMPLES)
                        .collectAsList().stream()
                        .map(row -> new RejectedLine(file, row.getLong(width - 1), row.getString(width),
                                row.getString(width + 1)))
                        .toList();
        Dataset<Row> values = lines.filter(col(REJECTION).isNull()).drop(REJECTION, REJECTED_TEXT);
        return new ParsedFile(values, lines, new FileReport(file, all, all - rejected, rejected, examples));
    }

    void unpersist() {
        lines.unpersist();
    }

    /** The file's schema with every value column nullable (a rejected line has none) and the two outcome columns. */
    private static StructType withOutcome(StructType schema) {
        StructType outcome = new StructType();
        for (StructField field : schema.fields()) {
            outcome = outcome.add(field.name(), field.dataType(), !field.name().equals(IngestRows.LINE));
        }
        return outcome.add(REJECTION, DataTypes.StringType, true).add(REJECTED_TEXT, DataTypes.StringType, true);
    }
}
