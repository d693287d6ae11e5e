package recsys.offline.training;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import recsys.offline.storage.StorageLayout;

/**
 * What training and evaluation read from one ingest run: its ratings, its catalogue and the movie vectors of the
 * embed run that the ingest run's {@code VECTORS} file names.
 */
public record TrainingInputs(Dataset<Row> ratings, Dataset<Row> movies, Dataset<Row> vectors) {

    public static TrainingInputs read(SparkSession spark, StorageLayout storage, String run) {
        String vectorsName = storage.vectorsOf(run);
        return new TrainingInputs(RatingColumns.select(spark.read().parquet(storage.dataset(run, "ratings"))),
                spark.read().parquet(storage.dataset(run, "movies")),
                spark.read().parquet(storage.dataset(run, vectorsName)));
    }
}
