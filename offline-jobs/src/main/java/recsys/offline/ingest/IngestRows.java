package recsys.offline.ingest;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.List;
import org.apache.spark.sql.types.StructType;
import recsys.core.movielens.Link;
import recsys.core.movielens.Movie;
import recsys.core.movielens.Rating;
import recsys.core.movielens.Tag;

/**
 * The parsed records as DataFrames, with the index field names as column names and the source line number in
 * {@code line} (for reports; dropped before anything is written). Spark's bean encoders need getters and
 * records have accessors, hence explicit schemas.
 */
final class IngestRows {

    /** The source line number's column, last in every schema here. */
    static final String LINE = "line";

    static final StructType MOVIES = createStructType(List.of(
            createStructField("movie_id", StringType, false),
            createStructField("title", StringType, false),
            createStructField("year", IntegerType, true),
            createStructField("genres", createArrayType(StringType, false), false),
            createStructField(LINE, LongType, false)));

    static final StructType RATINGS = createStructType(List.of(
            createStructField("user_id", StringType, false),
            createStructField("movie_id", StringType, false),
            createStructField("rating", DoubleType, false),
            createStructField("timestamp", LongType, false),
            createStructField(LINE, LongType, false)));

    static final StructType TAGS = createStructType(List.of(
            createStructField("user_id", StringType, false),
            createStructField("movie_id", StringType, false),
            createStructField("tag", StringType, false),
            createStructField("timestamp", LongType, false),
            createStructField(LINE, LongType, false)));

    static final StructType LINKS = createStructType(List.of(
            createStructField("movie_id", StringType, false),
            createStructField("imdb_id", StringType, true),
            createStructField("tmdb_id", StringType, true),
            createStructField(LINE, LongType, false)));

    private IngestRows() {
    }

    /** A movie's columns in {@link #MOVIES}' order, without the line number. */
    static Object[] movie(Movie m) {
        return new Object[] {m.movieId(), m.title(), m.year(), m.genres().toArray(String[]::new)};
    }

    static Object[] rating(Rating r) {
        return new Object[] {r.userId(), r.movieId(), r.rating(), r.timestamp()};
    }

    static Object[] tag(Tag t) {
        return new Object[] {t.userId(), t.movieId(), t.tag(), t.timestamp()};
    }

    static Object[] link(Link l) {
        return new Object[] {l.movieId(), l.imdbId(), l.tmdbId()};
    }
}
