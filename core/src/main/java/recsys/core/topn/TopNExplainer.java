package recsys.core.topn;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import recsys.core.evaluation.Relevance;
import recsys.core.features.MovieEntry;
import recsys.core.features.RatedMovie;
import recsys.core.features.UserProfile;
import recsys.core.ranking.RankingBlend;

/**
 * Explanations read off the re-ranker's own terms rather than a separate heuristic.
 *
 * <p>The re-ranker's score of movie j is a weighted mean of features; the item-item ones are linear in the user's
 * rated movies: {@code itemItem_j = Σ_{i rated} W[i][j] / max} and {@code liked_j = Σ_{i liked} L[i][j] / max'}
 * (and the product feature, {@code itemItem_j × rating_j}). So the share of rated movie i in j's score is
 * {@code c_i = (w_itemItem + w_product·rating_j)·W[i][j]/max + w_liked·L[i][j]/max'}, and the movies with the
 * largest positive {@code c_i} are the candidates. Removing one lowers j's item-item evidence by exactly its share, but
 * the score can still rise: the user's maxima move, and so do the ALS fold-in (which solves for all ratings at once,
 * so no rating has a share of its own) and the profile vector. So each candidate is checked against the re-ranker's
 * real score without that rating ({@link TopNModel.Prepared#scores}); only those whose removal lowers it are named,
 * the largest drop first. That costs one scoring of the catalogue per distinct candidate (a few milliseconds each on
 * ml-latest-small), paid only by requests that ask for explanations.
 *
 * <p>The genres named are the movie's genres in which the user's ratings run above their damped mean m
 * ({@link UserProfile#genreAffinity}). Two terms score through them: the rating model, whose inputs include these
 * very affinities ({@code user_affinity_<genre>}, {@code genre_affinity}), and the content feature, the cosine to the
 * profile vector {@code Σ (r − m)·v}, the same deviations summed over embeddings that encode the genres. They are
 * named only when one of those terms counted: a positive rating weight, or a positive content weight and cosine.
 */
final class TopNExplainer {

    /** Rated movies checked per explained movie beyond the number named, in case the strongest shares fail. */
    private static final int PROPOSALS_BEYOND = 2;
    /** Genres named at most; more would stop being a reason. */
    private static final int MAX_GENRES = 2;

    private final TopNModel.Prepared prepared;

    TopNExplainer(TopNModel.Prepared prepared) {
        this.prepared = prepared;
    }

    Map<String, Explanation> explain(Collection<RatedMovie> ratings, Collection<String> movieIds, int maxRated) {
        TopNModel model = prepared.model();
        TopNCatalogue catalogue = prepared.catalogue();
        RerankWeights weights = model.weights();
        Set<String> ratedIds = new HashSet<>();
        Set<String> likedIds = new HashSet<>();
        boolean[] rated = new boolean[catalogue.size()];
        for (RatedMovie movie : ratings) {
            ratedIds.add(movie.movieId());
            if (Relevance.DEFAULT.isRelevant(movie.rating())) {
                likedIds.add(movie.movieId());
            }
            int i = catalogue.indexOf(movie.movieId());
            if (i >= 0) {
                rated[i] = true;
            }
        }
        Map<Integer, String> targets = new LinkedHashMap<>();
        for (String id : movieIds) {
            int j = catalogue.indexOf(id);
            if (j >= 0 && !rated[j]) {
                targets.put(j, id);
            }
        }
        UserProfile profile = UserProfile.of(model.state(), ratings);
        Map<Integer, Map<String, Double>> shares = new HashMap<>();
        if (model.itemItem() != null) {
            double max = unratedMaximum(prepared.tableScores(model.itemItem(), prepared.itemItemToCatalogue,
                    ratedIds), rated);
            Map<Integer, Double> perTarget = new HashMap<>();
            double userBias = weights.itemItemByRating() > 0 && model.ratingModel() != null
                    ? model.ratingModel().userBias(ratings) : 0;
            for (int j : targets.keySet()) {
                double product = 0;
                if (weights.itemItemByRating() > 0 && model.ratingModel() != null) {
                    product = weights.itemItemByRating() * RankingBlend.stars(model.ratingModel().predict(
                            prepared.encoder(), profile, userBias, catalogue.id(j)));
                }
                perTarget.put(j, max > 0 ? (weights.itemItem() + product) / max : 0);
            }
            addShares(model.itemItem(), prepared.itemItemToCatalogue, ratedIds, perTarget, shares);
        }
        if (model.liked() != null && weights.liked() > 0) {
            double max = unratedMaximum(prepared.tableScores(model.liked(), prepared.likedToCatalogue, likedIds),
                    rated);
            Map<Integer, Double> perTarget = new HashMap<>();
            for (int j : targets.keySet()) {
                perTarget.put(j, max > 0 ? weights.liked() / max : 0);
            }
            addShares(model.liked(), prepared.likedToCatalogue, likedIds, perTarget, shares);
        }
        // the proposals, checked against the real score: a rated movie is named only if the re-ranker scores the
        // movie lower without it (its share can be outweighed by the normalisation and the other features moving)
        int[] positions = targets.keySet().stream().mapToInt(Integer::intValue).toArray();
        double[] base = prepared.scores(ratings, positions);
        Map<String, double[]> without = new HashMap<>();
        Map<Integer, List<String>> proposed = new HashMap<>();
        for (int t = 0; t < positions.length; t++) {
            List<String> best = shares.getOrDefault(positions[t], Map.of()).entrySet().stream()
                    .filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(maxRated + PROPOSALS_BEYOND).map(Map.Entry::getKey).toList();
            proposed.put(positions[t], best);
            for (String id : best) {
                without.computeIfAbsent(id, removed -> prepared.scores(ratings.stream()
                        .filter(r -> !r.movieId().equals(removed)).toList(), positions));
            }
        }
        double[] profileVector = profile.profileVector();
        Map<String, Explanation> explanations = new LinkedHashMap<>();
        for (int t = 0; t < positions.length; t++) {
            int position = t;
            List<String> named = proposed.get(positions[t]).stream()
                    .filter(id -> without.get(id)[position] < base[position])
                    .sorted(Comparator.<String>comparingDouble(id -> without.get(id)[position])
                            .thenComparing(Comparator.naturalOrder()))
                    .limit(maxRated).toList();
            String movieId = targets.get(positions[t]);
            MovieEntry movie = model.state().movie(movieId);
            boolean contentCounted = weights.content() > 0
                    && TopNModel.cosine(movie.vector(), profileVector, Math.sqrt(dot(profileVector))) > 0;
            boolean ratingCounted = weights.usesRating() && model.ratingModel() != null;
            List<String> genres = contentCounted || ratingCounted ? genresAboveMean(movie, profile) : List.of();
            explanations.put(movieId, new Explanation(named, genres, false));
        }
        for (String id : movieIds) {
            explanations.putIfAbsent(id, Explanation.NONE);
        }
        return explanations;
    }

    /**
     * Adds, for every target movie, each source row's weight times the target's factor to that row's movie's share.
     * One pass over the rows of the user's movies, as scoring does.
     */
    private static void addShares(ItemNeighbours table, int[] toCatalogue, Set<String> from,
                                  Map<Integer, Double> factorByTarget, Map<Integer, Map<String, Double>> shares) {
        for (String id : from) {
            int row = table.indexOf(id);
            if (row < 0) {
                continue;
            }
            int[] neighbours = table.neighbours(row);
            float[] rowWeights = table.weights(row);
            for (int e = 0; e < neighbours.length; e++) {
                int j = toCatalogue[neighbours[e]];
                Double factor = j < 0 ? null : factorByTarget.get(j);
                if (factor != null && factor > 0) {
                    shares.computeIfAbsent(j, k -> new HashMap<>()).merge(id, factor * rowWeights[e], Double::sum);
                }
            }
        }
    }

    /** The largest score of an unrated movie, as the re-ranker's normalisation takes it. */
    private static double unratedMaximum(double[] scores, boolean[] rated) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < scores.length; i++) {
            if (!rated[i]) {
                max = Math.max(max, scores[i]);
            }
        }
        return max;
    }

    private List<String> genresAboveMean(MovieEntry movie, UserProfile profile) {
        List<String> vocabulary = prepared.model().state().parameters().genres();
        List<Integer> positive = new ArrayList<>();
        for (int g : movie.genreIndices()) {
            if (profile.genreAffinity(g) > 0) {
                positive.add(g);
            }
        }
        positive.sort(Comparator.<Integer>comparingDouble(profile::genreAffinity).reversed()
                .thenComparing(g -> vocabulary.get(g)));
        return positive.stream().limit(MAX_GENRES).map(vocabulary::get).toList();
    }

    private static double dot(double[] vector) {
        double sum = 0;
        for (double v : vector) {
            sum += v * v;
        }
        return sum;
    }
}
