package recsys.offline.testing;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The columns the training code reads from an ingest run's Parquet, for tests that write those inputs by hand
 * instead of running ingest and embed.
 */
public final class TrainingInputSchemas {

    public static final StructType RATINGS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("user_id", DataTypes.StringType, false),
            DataTypes.createStructField("movie_id", DataTypes.StringType, false),
            DataTypes.createStructField("rating", DataTypes.DoubleType, false),
            DataTypes.createStructField("timestamp", DataTypes.LongType, false)));

    public static final StructType MOVIES = DataTypes.createStructType(List.of(
            DataTypes.createStructField("movie_id", DataTypes.StringType, false),
            DataTypes.createStructField("year", DataTypes.IntegerType, true),
            DataTypes.createStructField("genres", DataTypes.createArrayType(DataTypes.StringType, false), false),
            DataTypes.createStructField("tags", DataTypes.createArrayType(DataTypes.StringType, false), false)));

    public static final StructType VECTORS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("movie_id", DataTypes.StringType, false),
            DataTypes.createStructField("movie_vector", DataTypes.createArrayType(DataTypes.FloatType, false), false)));

    private TrainingInputSchemas() {
    }
}
