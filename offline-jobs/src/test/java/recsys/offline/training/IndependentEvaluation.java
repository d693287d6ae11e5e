package recsys.offline.training;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The evaluate job's protocol and figures recomputed in plain Java from their written definitions, for a fixture
 * small enough to do so in a test: it shares no code with the job's models, ranker or metric classes (only the
 * split's rows and the documented constants), so a bug there shows up as a difference.
 *
 * <p>The protocol, as {@code EvaluateJob} documents it: the catalogue is every movie of the ingest plus every movie
 * rated in train; each test user's candidates are the catalogue movies of the user's candidate pool (given: the
 * top-N sources' nominees) that they did not rate in train; a candidate's
 * score is the weighted mean of its rating part (the predicted rating mapped from [0.5, 5] to [0, 1], left out when
 * there is no prediction), its popularity part (log1p of its training rating count over log1p of the largest) and
 * its damped-mean part; ties go to more training ratings, then the smaller movie id; relevant means a test rating of
 * at least {@code relevanceThreshold}; NDCG@k is averaged over the users with a relevant test movie, coverage@k is
 * the share of the catalogue in at least one test user's top k.
 */
final class IndependentEvaluation {

    /** One rating of the split. */
    record Rated(String user, String movie, double rating) {
    }

    /** A rating model as a function of (user, movie); {@code null} where a ranking uses no model. */
    interface Predictor {
        double predict(String user, String movie);
    }

    private final List<Rated> train;
    private final List<Rated> test;
    private final double minRating;
    private final double maxRating;
    private final double relevanceThreshold;
    private final double mean;
    private final List<String> catalogue;
    private final Map<String, Long> counts = new HashMap<>();
    private final Map<String, Double> sums = new HashMap<>();
    private final long maxCount;

    /**
     * @param catalogueMovies the ingest's movies (the train's rated movies are added)
     * @param minRating       the lowest rating, where predictions are clipped and the rating part is 0
     * @param maxRating       the highest rating, where the rating part is 1
     */
    IndependentEvaluation(List<Rated> train, List<Rated> test, Set<String> catalogueMovies, double minRating,
                          double maxRating, double relevanceThreshold) {
        this.train = List.copyOf(train);
        this.test = List.copyOf(test);
        this.minRating = minRating;
        this.maxRating = maxRating;
        this.relevanceThreshold = relevanceThreshold;
        double total = 0;
        for (Rated r : train) {
            total += r.rating();
            counts.merge(r.movie(), 1L, Long::sum);
            sums.merge(r.movie(), r.rating(), Double::sum);
        }
        this.mean = total / train.size();
        Set<String> movies = new TreeSet<>(catalogueMovies);
        movies.addAll(counts.keySet());
        this.catalogue = List.copyOf(movies);
        this.maxCount = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    double mean() {
        return mean;
    }

    int catalogueSize() {
        return catalogue.size();
    }

    /** The training mean for every pair, clipped. */
    Predictor globalMean() {
        return (user, movie) -> clip(mean);
    }

    /**
     * Damped biases, item biases first: b_i = Σ(r − μ) / (n_i + λ_i), b_u = Σ(r − μ − b_i) / (n_u + λ_u); a user or
     * movie without training ratings has bias 0; predictions clipped.
     */
    Predictor biases(double userDamping, double itemDamping) {
        Map<String, Double> itemBias = new HashMap<>();
        counts.forEach((movie, n) -> itemBias.put(movie, (sums.get(movie) - n * mean) / (n + itemDamping)));
        Map<String, Double> residualSums = new HashMap<>();
        Map<String, Long> userCounts = new HashMap<>();
        for (Rated r : train) {
            residualSums.merge(r.user(), r.rating() - mean - itemBias.get(r.movie()), Double::sum);
            userCounts.merge(r.user(), 1L, Long::sum);
        }
        Map<String, Double> userBias = new HashMap<>();
        residualSums.forEach((user, sum) -> userBias.put(user, sum / (userCounts.get(user) + userDamping)));
        return (user, movie) -> clip(mean + userBias.getOrDefault(user, 0.0) + itemBias.getOrDefault(movie, 0.0));
    }

    double rmse(Predictor model) {
        double squares = 0;
        for (Rated r : test) {
            double error = model.predict(r.user(), r.movie()) - r.rating();
            squares += error * error;
        }
        return Math.sqrt(squares / test.size());
    }

    double mae(Predictor model) {
        double absolute = 0;
        for (Rated r : test) {
            absolute += Math.abs(model.predict(r.user(), r.movie()) - r.rating());
        }
        return absolute / test.size();
    }

    /**
     * Every test user's top {@code k} under a blend of the three parts.
     *
     * @param model the predicted ratings, or {@code null} for a ranking without a model (its rating part is absent)
     * @param movieDamping pseudo-ratings at the training mean in a movie's damped mean
     * @param pools        each test user's candidate pool, which the candidates are restricted to
     */
    Map<String, List<String>> topK(Predictor model, double ratingWeight, double popularityWeight, double meanWeight,
                                   double movieDamping, Map<String, Set<String>> pools, int k) {
        Map<String, Set<String>> rated = new HashMap<>();
        train.forEach(r -> rated.computeIfAbsent(r.user(), u -> new HashSet<>()).add(r.movie()));
        Map<String, List<String>> lists = new LinkedHashMap<>();
        for (String user : new TreeSet<>(testUsers())) {
            Map<String, Double> scores = new HashMap<>();
            for (String movie : catalogue) {
                if (rated.getOrDefault(user, Set.of()).contains(movie) || !pools.get(user).contains(movie)) {
                    continue;
                }
                long n = counts.getOrDefault(movie, 0L);
                double popularity = maxCount == 0 ? 0 : clamp(Math.log1p(n) / Math.log1p(maxCount));
                double dampedMean = (sums.getOrDefault(movie, 0.0) + movieDamping * mean) / (n + movieDamping);
                double weighted = popularityWeight * popularity + meanWeight * stars(dampedMean);
                double weights = popularityWeight + meanWeight;
                if (model != null) {
                    weighted += ratingWeight * stars(model.predict(user, movie));
                    weights += ratingWeight;
                }
                scores.put(movie, weighted / weights);
            }
            Comparator<String> byScore = Comparator.comparingDouble(scores::get);
            Comparator<String> byCount = Comparator.comparingLong(movie -> counts.getOrDefault(movie, 0L));
            lists.put(user, scores.keySet().stream()
                    .sorted(byScore.reversed().thenComparing(byCount.reversed()).thenComparing(Comparator.naturalOrder()))
                    .limit(k).toList());
        }
        return lists;
    }

    /** Mean NDCG@k with binary gains over the users with at least one relevant test movie. */
    double ndcg(Map<String, List<String>> lists, int k) {
        Map<String, Set<String>> relevant = relevant();
        double sum = 0;
        int users = 0;
        for (Map.Entry<String, List<String>> user : lists.entrySet()) {
            Set<String> liked = relevant.getOrDefault(user.getKey(), Set.of());
            if (liked.isEmpty()) {
                continue;
            }
            double dcg = 0;
            List<String> list = user.getValue();
            for (int rank = 1; rank <= Math.min(k, list.size()); rank++) {
                if (liked.contains(list.get(rank - 1))) {
                    dcg += 1 / log2(rank + 1);
                }
            }
            double ideal = 0;
            for (int rank = 1; rank <= Math.min(k, liked.size()); rank++) {
                ideal += 1 / log2(rank + 1);
            }
            sum += dcg / ideal;
            users++;
        }
        return sum / users;
    }

    /** Share of the catalogue in at least one user's top k. */
    double coverage(Map<String, List<String>> lists, int k) {
        Set<String> shown = new HashSet<>();
        lists.values().forEach(list -> shown.addAll(list.subList(0, Math.min(k, list.size()))));
        return (double) shown.size() / catalogue.size();
    }

    /** Users with a relevant test movie: the ones the NDCG is a mean over. */
    int usersWithRelevantMovies() {
        return relevant().size();
    }

    private Set<String> testUsers() {
        Set<String> users = new HashSet<>();
        test.forEach(r -> users.add(r.user()));
        return users;
    }

    private Map<String, Set<String>> relevant() {
        Map<String, Set<String>> relevant = new HashMap<>();
        for (Rated r : test) {
            if (r.rating() >= relevanceThreshold) {
                relevant.computeIfAbsent(r.user(), u -> new HashSet<>()).add(r.movie());
            }
        }
        return relevant;
    }

    private double clip(double rating) {
        return Math.max(minRating, Math.min(maxRating, rating));
    }

    private double stars(double rating) {
        return clamp((rating - minRating) / (maxRating - minRating));
    }

    private static double clamp(double x) {
        return Math.max(0, Math.min(1, x));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
