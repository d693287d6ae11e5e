package recsys.offline.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import recsys.offline.testing.TestSpark;

/** The merge rule on real Spark local[2], against the rule applied by hand. */
class FirstPerKeyTest {

    private static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("user_id", DataTypes.StringType, false),
            DataTypes.createStructField("movie_id", DataTypes.StringType, false),
            DataTypes.createStructField("timestamp", DataTypes.LongType, false),
            DataTypes.createStructField("line", DataTypes.LongType, false)));

    private final SparkSession spark = TestSpark.session();

    @Test
    void keepsTheLatestRowOfEveryKeyWithTiesToTheLaterLine() {
        Random random = new Random(11);
        List<Row> rows = new ArrayList<>();
        for (long line = 1; line <= 4_000; line++) {
            // 60 users x 80 movies for 4,000 rows: many keys repeat, some more than twice, some timestamps tie
            rows.add(RowFactory.create(Integer.toString(random.nextInt(60)), Integer.toString(random.nextInt(80)),
                    (long) random.nextInt(500), line));
        }
        Map<List<String>, Row> expected = new HashMap<>();
        for (Row row : rows) {
            expected.merge(List.of(row.getString(0), row.getString(1)), row, (a, b) ->
                    Long.compare(a.getLong(2), b.getLong(2)) != 0 ? (a.getLong(2) > b.getLong(2) ? a : b)
                            : (a.getLong(3) > b.getLong(3) ? a : b));
        }
        assertTrue(expected.size() < rows.size() - 500, "the fixture repeats keys");
        Dataset<Row> table = spark.createDataFrame(rows, SCHEMA).repartition(5);
        List<String> key = List.of("user_id", "movie_id");

        Set<Row> sorted = Set.copyOf(FirstPerKey.of(table, key, col("timestamp").desc(), col("line").desc())
                .collectAsList());

        Set<Row> byHand = expected.values().stream().collect(Collectors.toSet());
        assertEquals(byHand, sorted);
        assertEquals(expected.size(), FirstPerKey.of(table, key, col("line").asc()).count());
    }
}
