package recsys.offline.topn;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import recsys.offline.testing.TestSpark;

/** Binary rating fixtures for the top-N fitting tests, as data frames in the ingest job's rating layout. */
final class TopNData {

    static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("user_id", DataTypes.StringType, false),
            DataTypes.createStructField("movie_id", DataTypes.StringType, false),
            DataTypes.createStructField("rating", DataTypes.DoubleType, false),
            DataTypes.createStructField("timestamp", DataTypes.LongType, false)));

    private TopNData() {
    }

    /**
     * Seeded histories: user u rates between {@code minPerUser} and {@code maxPerUser} distinct movies drawn with a
     * skewed popularity (movie m with weight 1/(1 + m/4)), so counts differ and the Gram matrix has dense and sparse
     * rows. Users are "0".."users-1", movies "0".."movies-1".
     */
    static TreeMap<String, TreeSet<String>> histories(long seed, int users, int movies, int minPerUser,
                                                      int maxPerUser) {
        Random random = new Random(seed);
        double[] cumulative = new double[movies];
        double total = 0;
        for (int m = 0; m < movies; m++) {
            total += 1.0 / (1 + m / 4.0);
            cumulative[m] = total;
        }
        TreeMap<String, TreeSet<String>> histories = new TreeMap<>();
        for (int u = 0; u < users; u++) {
            int size = minPerUser + random.nextInt(maxPerUser - minPerUser + 1);
            TreeSet<String> rated = new TreeSet<>();
            while (rated.size() < size) {
                double draw = random.nextDouble() * total;
                int m = 0;
                while (cumulative[m] < draw) {
                    m++;
                }
                rated.add(Integer.toString(m));
            }
            histories.put(Integer.toString(u), rated);
        }
        return histories;
    }

    static Dataset<Row> frame(TreeMap<String, TreeSet<String>> histories) {
        List<Row> rows = new ArrayList<>();
        long time = 0;
        for (var user : histories.entrySet()) {
            for (String movie : user.getValue()) {
                rows.add(RowFactory.create(user.getKey(), movie, 0.5 + (time % 10) / 2.0, time++));
            }
        }
        return TestSpark.session().createDataFrame(rows, SCHEMA);
    }

    /** Raters of each movie. */
    static TreeMap<String, Integer> counts(TreeMap<String, TreeSet<String>> histories) {
        TreeMap<String, Integer> counts = new TreeMap<>();
        histories.values().forEach(movies -> movies.forEach(m -> counts.merge(m, 1, Integer::sum)));
        return counts;
    }

    /** XᵀX over the given movies by brute force: for each pair, the users holding both. */
    static double[] bruteForceGram(TreeMap<String, TreeSet<String>> histories, List<String> ids) {
        int n = ids.size();
        double[] gram = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int both = 0;
                for (TreeSet<String> rated : histories.values()) {
                    if (rated.contains(ids.get(i)) && rated.contains(ids.get(j))) {
                        both++;
                    }
                }
                gram[i * n + j] = both;
            }
        }
        return gram;
    }
}
