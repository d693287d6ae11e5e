package recsys.offline.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import recsys.core.evaluation.UserSample;
import recsys.offline.testing.TestSpark;

/** The ranked users' sample on real (local) Spark: whole users, the core sample's users, reproducible. */
class HeldOutSampleTest {

    private static SparkSession spark;
    private static Dataset<Row> heldOut;
    /** Held-out rows per user in the fixture. */
    private static final Map<String, Long> ROWS = new TreeMap<>();

    @BeforeAll
    static void fixture() {
        spark = TestSpark.session();
        List<Row> rows = new ArrayList<>();
        for (int user = 1; user <= 300; user++) {
            int count = 1 + user % 5;
            for (int movie = 0; movie < count; movie++) {
                rows.add(RowFactory.create("u" + user, "m" + (user * 7 + movie) % 500, 0.5 + (user + movie) % 10 * 0.5));
            }
            ROWS.put("u" + user, (long) count);
        }
        StructType schema = new StructType().add("user_id", DataTypes.StringType).add("movie_id", DataTypes.StringType)
                .add("rating", DataTypes.DoubleType);
        heldOut = spark.createDataFrame(rows, schema);
    }

    @Test
    void keepsEveryRowOfTheCoreSamplesUsersAndOnlyThose() {
        UserSample sample = new UserSample(50, 42);
        HeldOutSample held = HeldOutSample.of(spark, heldOut, sample);

        assertEquals(300, held.testUsers());
        assertEquals(50, held.rankedUsers());
        Map<String, Long> kept = rowsPerUser(held.rows());
        assertEquals(sample.choose(ROWS.keySet()), List.copyOf(kept.keySet()));
        kept.forEach((user, count) -> assertEquals(ROWS.get(user), count, "every held-out row of " + user));
    }

    @Test
    void theSameSeedDrawsTheSameRowsAndAnotherSeedOthers() {
        List<Row> first = sorted(HeldOutSample.of(spark, heldOut, new UserSample(50, 42)).rows());
        List<Row> again = sorted(HeldOutSample.of(spark, heldOut, new UserSample(50, 42)).rows());
        List<Row> other = sorted(HeldOutSample.of(spark, heldOut, new UserSample(50, 43)).rows());
        assertEquals(first, again);
        assertNotEquals(first, other);
    }

    @Test
    void everyUserIsRankedWhenThereAreNoMoreThanTheMaximum() {
        HeldOutSample held = HeldOutSample.of(spark, heldOut, new UserSample(300, 42));
        assertSame(heldOut, held.rows(), "the held-out rows themselves, so the metrics are the full evaluation's");
        assertEquals(300, held.rankedUsers());
        assertEquals(300, held.testUsers());
    }

    private static Map<String, Long> rowsPerUser(Dataset<Row> rows) {
        return rows.collectAsList().stream().collect(Collectors.groupingBy(row -> row.getString(0), TreeMap::new,
                Collectors.counting()));
    }

    private static List<Row> sorted(Dataset<Row> rows) {
        return rows.orderBy("user_id", "movie_id").collectAsList();
    }
}
