package recsys.offline.training;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import recsys.offline.testing.MovieLensFixture;
import recsys.offline.testing.TestSpark;

/** Rating data frames for the training tests. */
final class TrainingData {

    private TrainingData() {
    }

    static SparkSession spark() {
        return TestSpark.session();
    }

    /** A data frame in the ingest job's rating layout from (user, movie, rating, timestamp) tuples. */
    static Dataset<Row> ratings(Object[]... rows) {
        List<Row> list = new ArrayList<>();
        for (Object[] r : rows) {
            list.add(RowFactory.create(r[0], r[1], ((Number) r[2]).doubleValue(), ((Number) r[3]).longValue()));
        }
        return spark().createDataFrame(list, RatingSplit.SCHEMA);
    }

    static Object[] r(String user, String movie, double rating, long timestamp) {
        return new Object[]{user, movie, rating, timestamp};
    }

    /** The cleaned ratings of a generated fixture: 30 users × 20 ratings of 40 movies. */
    static Dataset<Row> fixtureRatings() {
        MovieLensFixture fixture = new MovieLensFixture(7, 40, 30, 20);
        List<Row> list = fixture.expectedRatings().values().stream()
                .map(f -> RowFactory.create(f.userId(), f.movieId(), f.rating(), f.timestamp()))
                .toList();
        return spark().createDataFrame(list, RatingSplit.SCHEMA);
    }

    /** "user/movie" of every row, sorted. */
    static List<String> keys(Dataset<Row> rows) {
        return rows.select(RatingColumns.USER, RatingColumns.MOVIE).collectAsList().stream()
                .map(row -> row.getString(0) + "/" + row.getString(1)).sorted().toList();
    }
}
