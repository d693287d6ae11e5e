package recsys.offline.training;

import static recsys.offline.training.RatingColumns.MOVIE;
import static recsys.offline.training.RatingColumns.RATING;
import static recsys.offline.training.RatingColumns.USER;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import recsys.core.evaluation.RatingErrorAccumulator;
import recsys.core.model.BiasBaseline;

/**
 * Ratings collected to the driver as three parallel arrays, for searches that fit many cheap models on the same
 * rows (the bias grid): one collect instead of a Spark job per grid point. Meant for the tuning and validation
 * parts of ml-latest-small-sized data (80k ratings ≈ 5 MB); larger data sets should sample first.
 */
public record LocalRatings(String[] users, String[] movies, double[] ratings) {

    public LocalRatings {
        if (users.length != movies.length || movies.length != ratings.length) {
            throw new IllegalArgumentException("users, movies and ratings differ in length");
        }
    }

    /** {@code (user_id, movie_id, rating)} of every row. */
    public static LocalRatings collect(Dataset<Row> ratings) {
        List<Row> rows = ratings.select(USER, MOVIE, RATING).collectAsList();
        String[] users = new String[rows.size()];
        String[] movies = new String[rows.size()];
        double[] values = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            users[i] = rows.get(i).getString(0);
            movies[i] = rows.get(i).getString(1);
            values[i] = rows.get(i).getDouble(2);
        }
        return new LocalRatings(users, movies, values);
    }

    public int size() {
        return ratings.length;
    }

    /** The damped biases of {@link BiasModel}, by the same formulas (item biases first, then user biases). */
    public BiasBaseline fitBiases(double userDamping, double itemDamping) {
        if (size() == 0) {
            throw new IllegalArgumentException("cannot fit biases on no ratings");
        }
        double sum = 0;
        for (double r : ratings) {
            sum += r;
        }
        double mu = sum / size();
        Map<String, double[]> items = new HashMap<>();
        for (int i = 0; i < size(); i++) {
            double[] acc = items.computeIfAbsent(movies[i], k -> new double[2]);
            acc[0] += ratings[i] - mu;
            acc[1]++;
        }
        Map<String, Double> itemBiases = new HashMap<>();
        items.forEach((id, acc) -> itemBiases.put(id, acc[0] / (acc[1] + itemDamping)));
        Map<String, double[]> userSums = new HashMap<>();
        for (int i = 0; i < size(); i++) {
            double[] acc = userSums.computeIfAbsent(users[i], k -> new double[2]);
            acc[0] += ratings[i] - mu - itemBiases.get(movies[i]);
            acc[1]++;
        }
        Map<String, Double> userBiases = new HashMap<>();
        userSums.forEach((id, acc) -> userBiases.put(id, acc[0] / (acc[1] + userDamping)));
        return new BiasBaseline(mu, userBiases, itemBiases, userDamping, itemDamping);
    }

    /** Errors of {@code baseline} on every row; rows with an unknown user or movie are counted as fallback rows. */
    public RatingEvaluation evaluate(BiasBaseline baseline) {
        RatingErrorAccumulator errors = new RatingErrorAccumulator();
        long fallback = 0;
        for (int i = 0; i < size(); i++) {
            errors.add(baseline.predict(users[i], movies[i]), ratings[i]);
            if (!baseline.userBiases().containsKey(users[i]) || !baseline.itemBiases().containsKey(movies[i])) {
                fallback++;
            }
        }
        return new RatingEvaluation(errors.result(), fallback);
    }
}
