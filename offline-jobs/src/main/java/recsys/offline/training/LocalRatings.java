package recsys.offline.training;

import static recsys.offline.training.RatingColumns.MOVIE;
import static recsys.offline.training.RatingColumns.RATING;
import static recsys.offline.training.RatingColumns.USER;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import recsys.core.evaluation.RatingErrorAccumulator;
import recsys.core.model.BiasBaseline;

/**
 * Ratings collected to the driver as parallel arrays, for searches that fit many cheap models on the same rows (the
 * bias grid): one pass instead of a Spark job per grid point. Users and movies are held as positions in their id
 * tables, so a rating costs 16 bytes: the 18 million tuning ratings of an ml-25m-sized dataset take about 300 MB,
 * where a list of Spark rows took several GB and exhausted the default heap.
 *
 * @param userIds  each user's id, by position
 * @param users    each rating's user position
 * @param movieIds each movie's id, by position
 * @param movies   each rating's movie position
 * @param ratings  each rating's stars
 */
public record LocalRatings(String[] userIds, int[] users, String[] movieIds, int[] movies, double[] ratings) {

    public LocalRatings {
        if (users.length != movies.length || movies.length != ratings.length) {
            throw new IllegalArgumentException("users, movies and ratings differ in length");
        }
    }

    /**
     * {@code (user_id, movie_id, rating)} of every row, in the dataset's order. The rows are streamed one partition
     * at a time ({@link Dataset#toLocalIterator}), so the driver never holds more than a partition of Spark rows.
     */
    public static LocalRatings collect(Dataset<Row> ratings) {
        IdTable userTable = new IdTable();
        IdTable movieTable = new IdTable();
        int[] users = new int[1024];
        int[] movies = new int[1024];
        double[] values = new double[1024];
        int n = 0;
        Iterator<Row> rows = ratings.select(USER, MOVIE, RATING).toLocalIterator();
        while (rows.hasNext()) {
            Row row = rows.next();
            if (n == values.length) {
                int grown = Math.addExact(n, n / 2);
                users = Arrays.copyOf(users, grown);
                movies = Arrays.copyOf(movies, grown);
                values = Arrays.copyOf(values, grown);
            }
            users[n] = userTable.position(row.getString(0));
            movies[n] = movieTable.position(row.getString(1));
            values[n] = row.getDouble(2);
            n++;
        }
        return new LocalRatings(userTable.ids(), Arrays.copyOf(users, n), movieTable.ids(),
                Arrays.copyOf(movies, n), Arrays.copyOf(values, n));
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
        double[] itemSums = new double[movieIds.length];
        int[] itemCounts = new int[movieIds.length];
        for (int i = 0; i < size(); i++) {
            itemSums[movies[i]] += ratings[i] - mu;
            itemCounts[movies[i]]++;
        }
        double[] itemBias = new double[movieIds.length];
        Map<String, Double> itemBiases = new HashMap<>();
        for (int m = 0; m < movieIds.length; m++) {
            itemBias[m] = itemSums[m] / (itemCounts[m] + itemDamping);
            itemBiases.put(movieIds[m], itemBias[m]);
        }
        double[] userSums = new double[userIds.length];
        int[] userCounts = new int[userIds.length];
        for (int i = 0; i < size(); i++) {
            userSums[users[i]] += ratings[i] - mu - itemBias[movies[i]];
            userCounts[users[i]]++;
        }
        Map<String, Double> userBiases = new HashMap<>();
        for (int u = 0; u < userIds.length; u++) {
            userBiases.put(userIds[u], userSums[u] / (userCounts[u] + userDamping));
        }
        return new BiasBaseline(mu, userBiases, itemBiases, userDamping, itemDamping);
    }

    /** Errors of {@code baseline} on every row; rows with an unknown user or movie are counted as fallback rows. */
    public RatingEvaluation evaluate(BiasBaseline baseline) {
        RatingErrorAccumulator errors = new RatingErrorAccumulator();
        long fallback = 0;
        for (int i = 0; i < size(); i++) {
            String user = userIds[users[i]];
            String movie = movieIds[movies[i]];
            errors.add(baseline.predict(user, movie), ratings[i]);
            if (!baseline.userBiases().containsKey(user) || !baseline.itemBiases().containsKey(movie)) {
                fallback++;
            }
        }
        return new RatingEvaluation(errors.result(), fallback);
    }

    /** Ids numbered in order of first appearance. */
    private static final class IdTable {
        private final Map<String, Integer> positions = new HashMap<>();
        private final List<String> ids = new ArrayList<>();

        int position(String id) {
            Integer known = positions.get(id);
            if (known != null) {
                return known;
            }
            positions.put(id, ids.size());
            ids.add(id);
            return ids.size() - 1;
        }

        String[] ids() {
            return ids.toArray(String[]::new);
        }
    }
}
