package recsys.offline.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/** The merge rule of ingest and retrain alike: of the rows sharing a key, the first in an order wins. */
public final class FirstPerKey {

    private FirstPerKey() {
    }

    public static Dataset<Row> of(Dataset<Row> rows, List<String> key, Column... order) {
        var byKey = Window.partitionBy(key.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
                .orderBy(order);
        return rows.withColumn("_rank", row_number().over(byKey)).filter(col("_rank").equalTo(1)).drop("_rank");
    }
}
