package recsys.offline.evaluation;

import static recsys.offline.training.RatingColumns.USER;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import recsys.core.evaluation.UserSample;

/**
 * The held-out rows of the users a {@link UserSample} keeps, every row of each kept user: what the ranking metrics
 * are measured on. Ranking a user costs a pass over the catalogue per ranking, so on a large dataset the users are
 * sampled and the report carries the confidence interval of the sample's means ({@link RankedUsers}); on
 * ml-latest-small every test user is kept. The ids are drawn on the driver (one string per test user).
 *
 * @param rows        {@code heldOut} restricted to the kept users
 * @param testUsers   users with a held-out row
 * @param rankedUsers users kept
 */
public record HeldOutSample(Dataset<Row> rows, long testUsers, long rankedUsers) {

    public static HeldOutSample of(SparkSession spark, Dataset<Row> heldOut, UserSample sample) {
        List<String> ids = heldOut.select(USER).distinct().as(Encoders.STRING()).collectAsList();
        if (!sample.samples(ids.size())) {
            return new HeldOutSample(heldOut, ids.size(), ids.size());
        }
        List<String> chosen = sample.choose(ids);
        Dataset<Row> kept = spark.createDataset(chosen, Encoders.STRING()).toDF(USER);
        return new HeldOutSample(heldOut.join(kept, scala.collection.JavaConverters.asScalaBuffer(List.of(USER))
                .toSeq(), "left_semi"), ids.size(), chosen.size());
    }
}
