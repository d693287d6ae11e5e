package recsys.offline.retrain;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.elasticsearch.spark.sql.api.java.JavaEsSparkSQL;
import recsys.core.events.EventFields;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.offline.ingest.FirstPerKey;

/**
 * The online writes a retrain merges into its base data: the {@code events} index up to a cut time, read with
 * elasticsearch-spark, as two tables in ingest's column names.
 *
 * @param ratings   {@code user_id, movie_id, rating, timestamp, received_at}, every rating event (not yet merged)
 * @param movies    {@code movie_id, title, year, genres, tags, received_at}, every movie event
 * @param cutMillis the snapshot: events received up to and including this time (epoch ms)
 */
public record OnlineEvents(Dataset<Row> ratings, Dataset<Row> movies, long ratingEvents, long movieEvents,
                           long cutMillis) {

    public static final StructType RATINGS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("user_id", DataTypes.StringType, false),
            DataTypes.createStructField("movie_id", DataTypes.StringType, false),
            DataTypes.createStructField("rating", DataTypes.DoubleType, false),
            DataTypes.createStructField("timestamp", DataTypes.LongType, false),
            DataTypes.createStructField("received_at", DataTypes.LongType, false)));
    public static final StructType MOVIES = DataTypes.createStructType(List.of(
            DataTypes.createStructField("movie_id", DataTypes.StringType, false),
            DataTypes.createStructField("title", DataTypes.StringType, false),
            DataTypes.createStructField("year", DataTypes.IntegerType, true),
            DataTypes.createStructField("genres", DataTypes.createArrayType(DataTypes.StringType, false), false),
            DataTypes.createStructField("tags", DataTypes.createArrayType(DataTypes.StringType, false), false),
            DataTypes.createStructField("received_at", DataTypes.LongType, false)));

    /** No online writes: a plain ingest. */
    public static OnlineEvents none(SparkSession spark) {
        return new OnlineEvents(spark.createDataFrame(List.of(), RATINGS), spark.createDataFrame(List.of(), MOVIES),
                0, 0, 0);
    }

    /**
     * Refreshes the events index (appends are not refreshed by the service) and reads every event received up to
     * {@code cutMillis}; no index yet means no events.
     */
    public static OnlineEvents read(SparkSession spark, ElasticsearchClient client, IndexNames names,
                                    long cutMillis) {
        String alias = names.alias(IndexSchema.EVENTS);
        try {
            if (!client.indices().existsAlias(a -> a.name(alias)).value()) {
                return new OnlineEvents(none(spark).ratings, none(spark).movies, 0, 0, cutMillis);
            }
            client.indices().refresh(r -> r.index(alias));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the events index " + alias, e);
        }
        String query = "{\"query\": {\"range\": {\"" + EventFields.RECEIVED_AT + "\": {\"lte\": " + cutMillis + "}}}}";
        // the vector is for replays, which read it with the Java client
        Dataset<Row> events = JavaEsSparkSQL.esDF(spark, alias, query, Map.of(
                "es.read.field.exclude", EventFields.VECTOR,
                "es.read.field.as.array.include", EventFields.GENRES + "," + EventFields.TAGS));
        Dataset<Row> ratings = events.filter(col(EventFields.TYPE).equalTo(EventFields.RATING_TYPE)).select(
                col(EventFields.USER_ID).as("user_id"), col(EventFields.MOVIE_ID).as("movie_id"),
                col(EventFields.RATING).cast(DataTypes.DoubleType).as("rating"),
                col(EventFields.TIMESTAMP).cast(DataTypes.LongType).as("timestamp"),
                expr("unix_millis(" + EventFields.RECEIVED_AT + ")").as("received_at"))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> movies = events.filter(col(EventFields.TYPE).equalTo(EventFields.MOVIE_TYPE)).select(
                col(EventFields.MOVIE_ID).as("movie_id"), col(EventFields.TITLE).as("title"),
                col(EventFields.YEAR).cast(DataTypes.IntegerType).as("year"),
                col(EventFields.GENRES).as("genres"), col(EventFields.TAGS).as("tags"),
                expr("unix_millis(" + EventFields.RECEIVED_AT + ")").as("received_at"))
                .persist(StorageLevel.MEMORY_AND_DISK());
        return new OnlineEvents(ratings, movies, ratings.count(), movies.count(), cutMillis);
    }

    /** The latest event of each movie: the fields the movie has now. */
    public Dataset<Row> latestMovies() {
        return FirstPerKey.of(movies, List.of("movie_id"), col("received_at").desc())
                // an event posted with no tags has none now, whatever the files said
                .select(col("movie_id"), col("title"), col("year"),
                        coalesce(col("genres"), expr("cast(array() as array<string>)")).as("genres"),
                        coalesce(col("tags"), expr("cast(array() as array<string>)")).as("tags"));
    }
}
