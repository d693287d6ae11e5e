package recsys.offline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import recsys.core.movielens.MovieLensFormat;
import recsys.core.movielens.MovieLensParser;
import recsys.offline.testing.TestSpark;

/** A file parsed on real Spark local[2]: every line accounted for, rejections reported in file order. */
class ParsedFileTest {

    @TempDir
    Path temp;

    private final SparkSession spark = TestSpark.session();

    @Test
    void everyLineIsAParsedRowOrACountedRejectionAndTheFirstRejectionsAreReportedInFileOrder() throws IOException {
        // lines 2.. hold ratings; a seeded tenth of them are malformed in one of several ways
        Random random = new Random(7);
        List<String> lines = new ArrayList<>(List.of("userId,movieId,rating,timestamp"));
        List<Long> expectedRejected = new ArrayList<>();
        List<Row> expectedRows = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            long lineNumber = lines.size() + 1;
            if (random.nextInt(10) == 0) {
                lines.add(switch (random.nextInt(3)) {
                    case 0 -> "u" + i + ",12,not-a-number,100";
                    case 1 -> i + ",12";
                    default -> i + ",12,9.5,100";
                });
                expectedRejected.add(lineNumber);
            } else {
                String user = Integer.toString(random.nextInt(200));
                String movie = Integer.toString(random.nextInt(50));
                double rating = (1 + random.nextInt(10)) / 2.0;
                lines.add(user + "," + movie + "," + rating + "," + (1_000 + i));
                expectedRows.add(RowFactory.create(user, movie, rating, (long) (1_000 + i), lineNumber));
            }
        }
        Files.write(temp.resolve("ratings.csv"), lines, StandardCharsets.UTF_8);
        MovieLensParser parser = MovieLensFormat.ML_LATEST_CSV.parser();

        // more partitions than lines per partition would need, so line numbers cross partition boundaries
        ParsedFile parsed = ParsedFile.parse(spark, temp.toUri().toString(), "ratings.csv", StandardCharsets.UTF_8,
                true, parser::rating, IngestRows::rating, IngestRows.RATINGS, 7);
        try {
            FileReport report = parsed.report();
            assertEquals(lines.size() - 1, report.lines());
            assertEquals(expectedRejected.size(), report.rejected());
            assertEquals(expectedRows.size(), report.parsed());
            assertEquals(expectedRejected.subList(0, 5), report.examples().stream().map(RejectedLine::line).toList());
            report.examples().forEach(example ->
                    assertEquals(lines.get((int) example.line() - 1), example.text(), example.toString()));

            List<Row> rows = new ArrayList<>(parsed.values().collectAsList());
            rows.sort(Comparator.comparingLong(row -> row.getLong(4)));
            assertEquals(expectedRows, rows);
            assertEquals(List.of(IngestRows.RATINGS.fieldNames()), List.of(parsed.values().columns()));
        } finally {
            parsed.unpersist();
        }
    }
}
