package recsys.offline.index;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.elasticsearch.spark.sql.api.java.JavaEsSparkSQL;
import recsys.core.index.IndexSchema;

/**
 * Bulk-writes a DataFrame into a physical index with elasticsearch-spark, each row's id field as the document
 * id, so that re-running a write replaces documents instead of duplicating them.
 */
public final class IndexWriter {

    private final IndexLifecycle lifecycle;

    public IndexWriter(IndexLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /**
     * Writes {@code rows} into {@code index}, seals it, and checks that Elasticsearch holds exactly as many
     * documents as were written.
     */
    public long write(Dataset<Row> rows, IndexSchema schema, String index, long expectedCount) {
        JavaEsSparkSQL.saveToEs(rows, index, Map.of(
                "es.mapping.id", schema.idField(),
                "es.write.operation", "index",
                "es.batch.size.entries", "2000",
                "es.batch.write.retry.count", "6"));
        long count = lifecycle.seal(index);
        if (count != expectedCount) {
            throw new IllegalStateException("index " + index + " holds " + count + " documents, expected " + expectedCount);
        }
        return count;
    }
}
