package recsys.offline.ingest;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import recsys.core.movielens.Link;
import recsys.core.movielens.Movie;
import recsys.core.movielens.Rating;
import recsys.core.movielens.Tag;
import recsys.offline.ingest.ParsedFile.Located;

/**
 * The parsed records as DataFrames, with the index field names as column names and the source line number in
 * {@code line} (for reports; dropped before anything is written). Spark's bean encoders need getters and
 * records have accessors, hence explicit schemas.
 */
final class IngestRows {

    static final StructType MOVIES = createStructType(List.of(
            createStructField("movie_id", StringType, false),
            createStructField("title", StringType, false),
            createStructField("year", IntegerType, true),
            createStructField("genres", createArrayType(StringType, false), false),
            createStructField("line", LongType, false)));

    static final StructType RATINGS = createStructType(List.of(
            createStructField("user_id", StringType, false),
            createStructField("movie_id", StringType, false),
            createStructField("rating", DoubleType, false),
            createStructField("timestamp", LongType, false),
            createStructField("line", LongType, false)));

    static final StructType TAGS = createStructType(List.of(
            createStructField("user_id", StringType, false),
            createStructField("movie_id", StringType, false),
            createStructField("tag", StringType, false),
            createStructField("timestamp", LongType, false),
            createStructField("line", LongType, false)));

    static final StructType LINKS = createStructType(List.of(
            createStructField("movie_id", StringType, false),
            createStructField("imdb_id", StringType, true),
            createStructField("tmdb_id", StringType, true),
            createStructField("line", LongType, false)));

    private IngestRows() {
    }

    static Dataset<Row> movies(SparkSession spark, JavaRDD<Located<Movie>> movies) {
        return spark.createDataFrame(movies.map(located -> {
            Movie m = located.value();
            return RowFactory.create(m.movieId(), m.title(), m.year(), m.genres().toArray(String[]::new), located.line());
        }), MOVIES);
    }

    static Dataset<Row> ratings(SparkSession spark, JavaRDD<Located<Rating>> ratings) {
        return spark.createDataFrame(ratings.map(located -> {
            Rating r = located.value();
            return RowFactory.create(r.userId(), r.movieId(), r.rating(), r.timestamp(), located.line());
        }), RATINGS);
    }

    static Dataset<Row> tags(SparkSession spark, JavaRDD<Located<Tag>> tags) {
        return spark.createDataFrame(tags.map(located -> {
            Tag t = located.value();
            return RowFactory.create(t.userId(), t.movieId(), t.tag(), t.timestamp(), located.line());
        }), TAGS);
    }

    static Dataset<Row> links(SparkSession spark, JavaRDD<Located<Link>> links) {
        return spark.createDataFrame(links.map(located -> {
            Link l = located.value();
            return RowFactory.create(l.movieId(), l.imdbId(), l.tmdbId(), located.line());
        }), LINKS);
    }
}
