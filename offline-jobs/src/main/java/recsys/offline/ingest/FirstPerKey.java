package recsys.offline.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/** The merge rule of ingest and retrain alike: of the rows sharing a key, the first in an order wins. */
public final class FirstPerKey {

    /** Beyond this many repeated keys {@link #ofMostlyDistinct} sorts every row, as {@link #of} does. */
    static final int MAX_REPEATED_KEYS = 1_000_000;

    private FirstPerKey() {
    }

    public static Dataset<Row> of(Dataset<Row> rows, List<String> key, Column... order) {
        var byKey = Window.partitionBy(key.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
                .orderBy(order);
        return rows.withColumn("_rank", row_number().over(byKey)).filter(col("_rank").equalTo(1)).drop("_rank");
    }

    /**
     * The same rule for a table whose keys rarely repeat, such as ratings keyed by (user, movie): only the rows of
     * a repeated key are shuffled and sorted. {@link #of} moves and sorts every row by its key, which at 25M
     * ratings was most of the ingest's cleaning; finding the repeated keys moves only the keys, and the rows are
     * split by a broadcast join against them. Runs one Spark job now, to collect the repeated keys.
     */
    public static Dataset<Row> ofMostlyDistinct(Dataset<Row> rows, List<String> key, Column... order) {
        Column[] keyColumns = key.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        Dataset<Row> repeatedKeys = rows.groupBy(keyColumns).count().filter(col("count").gt(1)).select(keyColumns);
        List<Row> repeated = repeatedKeys.limit(MAX_REPEATED_KEYS + 1).collectAsList();
        if (repeated.size() > MAX_REPEATED_KEYS) {
            return of(rows, key, order);
        }
        Dataset<Row> keys = broadcast(rows.sparkSession().createDataFrame(repeated, repeatedKeys.schema()));
        Seq<String> joinKey = JavaConverters.asScalaBuffer(key).toSeq();
        return rows.join(keys, joinKey, "left_anti")
                .unionByName(of(rows.join(keys, joinKey, "left_semi"), key, order));
    }
}
