package recsys.offline.training;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import recsys.core.evaluation.RankingMetrics;
import recsys.core.features.EncoderState;
import recsys.core.features.MovieEntry;
import recsys.core.features.RatedMovie;
import recsys.core.topn.TopNModel;

/**
 * Measures, on validation, whether users with a short history are better served by the top-N ranking or by the
 * seed's cosine path (what the service gave users with fewer than {@code model-min-ratings} ratings): each validation
 * user's history is cut to their n most recent ratings, and both rankings are scored against the same relevant
 * held-out movies.
 *
 * <p>The cosine path is computed exactly as its Elasticsearch query scores: for each of the user's (at most 19) most
 * recent rated movies, its {@value #NEIGHBOURS} nearest unrated movies by embedding cosine each get
 * rating · (1 + cosine) / 2 (Elasticsearch's cosine similarity score), summed over the rated movies.
 */
final class ShortHistoryComparison {

    static final List<Integer> LENGTHS = List.of(1, 3, 5, 10, 19);
    static final int NEIGHBOURS = 50;
    static final int MAX_USERS = 300;

    private ShortHistoryComparison() {
    }

    /** A validation user with a timed history. */
    record TimedUser(List<TimedRating> history, Set<String> relevant) {
    }

    record TimedRating(String movieId, double rating, long timestamp) {
    }

    /** {@code short_history.n<N>.topn} and {@code .cosine}: mean NDCG@k per history length. */
    static Map<String, Double> measure(List<TimedUser> users, TopNModel serving, int k) {
        TopNModel.Prepared prepared = serving.prepared();
        EncoderState state = serving.state();
        List<String> ids = new ArrayList<>(state.movies().keySet());
        ids.sort(null);
        List<TimedUser> sample = users.subList(0, Math.min(users.size(), MAX_USERS));
        Map<String, Double> results = new LinkedHashMap<>();
        for (int length : LENGTHS) {
            double[] sums = sample.parallelStream().map(user -> {
                List<TimedRating> recent = new ArrayList<>(user.history());
                recent.sort(Comparator.comparingLong(TimedRating::timestamp).reversed()
                        .thenComparing(TimedRating::movieId));
                recent = recent.subList(0, Math.min(length, recent.size()));
                List<RatedMovie> ratings = recent.stream().map(r -> new RatedMovie(r.movieId(), r.rating())).toList();
                double topN = RankingMetrics.of(prepared.top(ratings, k), user.relevant(), k).ndcg();
                double cosine = RankingMetrics.of(cosinePath(ratings, state, ids, k), user.relevant(), k).ndcg();
                return new double[] {topN, cosine};
            }).reduce(new double[2], (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
            results.put("short_history.n" + length + ".topn", sums[0] / sample.size());
            results.put("short_history.n" + length + ".cosine", sums[1] / sample.size());
        }
        return results;
    }

    static List<String> cosinePath(List<RatedMovie> ratings, EncoderState state, List<String> ids, int k) {
        Set<String> rated = new HashSet<>();
        ratings.forEach(r -> rated.add(r.movieId()));
        Map<String, Double> scores = new HashMap<>();
        for (RatedMovie probe : ratings) {
            MovieEntry movie = state.movie(probe.movieId());
            if (movie == null || movie.vector() == null) {
                continue;
            }
            float[] v = movie.vector();
            List<Map.Entry<String, Double>> nearest = new ArrayList<>();
            for (String id : ids) {
                MovieEntry other = state.movie(id);
                if (rated.contains(id) || other.vector() == null) {
                    continue;
                }
                nearest.add(Map.entry(id, cosine(v, other.vector())));
            }
            nearest.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry::getKey));
            for (Map.Entry<String, Double> hit : nearest.subList(0, Math.min(NEIGHBOURS, nearest.size()))) {
                scores.merge(hit.getKey(), probe.rating() * (1 + hit.getValue()) / 2, Double::sum);
            }
        }
        return scores.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                .limit(k).map(Map.Entry::getKey).toList();
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int d = 0; d < a.length; d++) {
            dot += a[d] * b[d];
            na += (double) a[d] * a[d];
            nb += (double) b[d] * b[d];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
