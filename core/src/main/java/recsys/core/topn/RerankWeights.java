package recsys.core.topn;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The serving re-ranker: a weighted mean of eight per-(user, movie) features, each on a comparable scale.
 * <ul>
 *   <li><b>itemItem</b>: the item-item model's score ({@code Σ_{i rated} W[i][j]}) over the user's largest score of
 *       any unrated catalogue movie;</li>
 *   <li><b>als</b>: the implicit ALS score (folded-in user factors · item factors) over the user's largest;</li>
 *   <li><b>content</b>: cosine of the movie's embedding to the user's profile vector, over the user's largest;</li>
 *   <li><b>popularity</b>: log1p(training ratings) / log1p(the catalogue's largest count);</li>
 *   <li><b>rating</b>: the serving rating model's predicted rating mapped from [0.5, 5] stars to [0, 1];</li>
 *   <li><b>itemItemByRating</b>: the product of the two, item-item × rating. Relevant means "watched and rated 4
 *       or more": roughly the chance to watch (what the item-item model scores) times the chance to like once
 *       watched (what the rating model predicts). A sum lets a high predicted rating lift a movie the user would
 *       not watch; the product does not.</li>
 *   <li><b>liked</b>: a second item-item model's score, fitted on the liked ratings only (4 stars or more) and
 *       summed over the user's liked movies, over the user's largest. "People who liked what you liked" separates
 *       what a user enjoyed from what they merely watched, which the first table, fitted on every rating, cannot;</li>
 *   <li><b>novelty</b>: one minus the popularity feature. A weight here is a popularity penalty (weights are never
 *       negative): the item-item scores favour the most-rated movies, and a penalty trades a little NDCG for lists
 *       that reach further into the catalogue.</li>
 * </ul>
 * score = Σ w·feature / Σ w. Dividing by each user's own maximum keeps a weight meaning the same for a user with
 * three ratings and one with three hundred, whose raw item-item sums differ a hundredfold.
 *
 * <p>A movie the model version does not know (added after training) has only a content feature; its score is then
 * that feature alone, the weighted mean of the parts present, as {@link recsys.core.ranking.RankingBlend} treats a
 * missing prediction. That is the content path that makes a new movie recommendable at once.
 *
 * <p>Only ratios matter. All weights are finite and at least 0, and at least one is positive.
 */
public record RerankWeights(double itemItem, double als, double content, double popularity, double rating,
                            double itemItemByRating, double liked, double novelty) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final RerankWeights ITEM_ITEM_ONLY = new RerankWeights(1, 0, 0, 0, 0);
    public static final RerankWeights ALS_ONLY = new RerankWeights(0, 1, 0, 0, 0);
    public static final RerankWeights CONTENT_ONLY = new RerankWeights(0, 0, 1, 0, 0);
    public static final RerankWeights POPULARITY_ONLY = new RerankWeights(0, 0, 0, 1, 0);
    public static final RerankWeights LIKED_ONLY = new RerankWeights(0, 0, 0, 0, 0, 0, 1, 0);

    /** Number of features. */
    public static final int FEATURES = 8;
    static final int ITEM_ITEM = 0;
    static final int ALS = 1;
    static final int CONTENT = 2;
    static final int POPULARITY = 3;
    static final int RATING = 4;
    static final int ITEM_ITEM_BY_RATING = 5;
    static final int LIKED = 6;
    static final int NOVELTY = 7;

    /** Without the product, liked and novelty features. */
    public RerankWeights(double itemItem, double als, double content, double popularity, double rating) {
        this(itemItem, als, content, popularity, rating, 0, 0, 0);
    }

    /** Without the liked and novelty features. */
    public RerankWeights(double itemItem, double als, double content, double popularity, double rating,
                         double itemItemByRating) {
        this(itemItem, als, content, popularity, rating, itemItemByRating, 0, 0);
    }

    public RerankWeights {
        double[] all = {itemItem, als, content, popularity, rating, itemItemByRating, liked, novelty};
        double sum = 0;
        for (double w : all) {
            if (!Double.isFinite(w) || w < 0) {
                throw new IllegalArgumentException("re-rank weights must be finite and at least 0, got " + this);
            }
            sum += w;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("re-rank weights are all zero");
        }
    }

    /** The weights in feature order. */
    public double[] toArray() {
        return new double[] {itemItem, als, content, popularity, rating, itemItemByRating, liked, novelty};
    }

    public static RerankWeights of(double[] weights) {
        if (weights.length != FEATURES) {
            throw new IllegalArgumentException("expected " + FEATURES + " weights, got " + weights.length);
        }
        return new RerankWeights(weights[0], weights[1], weights[2], weights[3], weights[4], weights[5], weights[6],
                weights[7]);
    }

    /** For the manifest's flat parameter map: {@code prefix.item_item} … {@code prefix.rating}. */
    public Map<String, String> toParameters(String prefix) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(prefix + ".item_item", Double.toString(itemItem));
        values.put(prefix + ".als", Double.toString(als));
        values.put(prefix + ".content", Double.toString(content));
        values.put(prefix + ".popularity", Double.toString(popularity));
        values.put(prefix + ".rating", Double.toString(rating));
        values.put(prefix + ".item_item_by_rating", Double.toString(itemItemByRating));
        values.put(prefix + ".liked", Double.toString(liked));
        values.put(prefix + ".novelty", Double.toString(novelty));
        return values;
    }

    /** Reads what {@link #toParameters} wrote. */
    public static RerankWeights fromParameters(Map<String, String> parameters, String prefix) {
        return new RerankWeights(number(parameters, prefix + ".item_item"), number(parameters, prefix + ".als"),
                number(parameters, prefix + ".content"), number(parameters, prefix + ".popularity"),
                number(parameters, prefix + ".rating"),
                // versions published before the product feature have no such weight
                Double.parseDouble(parameters.getOrDefault(prefix + ".item_item_by_rating", "0")),
                // nor those before the liked table and the novelty feature
                Double.parseDouble(parameters.getOrDefault(prefix + ".liked", "0")),
                Double.parseDouble(parameters.getOrDefault(prefix + ".novelty", "0")));
    }

    private static double number(Map<String, String> parameters, String key) {
        String value = parameters.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no parameter " + key);
        }
        return Double.parseDouble(value);
    }

    /** The score of one movie's features: their weighted mean, NaN when no positively weighted one is present. */
    public double score(double[] features) {
        return score(toArray(), features);
    }

    /** The positions of the weights above zero, ascending: the only ones a score reads. */
    static int[] used(double[] weights) {
        return IntStream.range(0, weights.length).filter(j -> weights[j] > 0).toArray();
    }

    /** {@link #score(double[])} with the weights as an array (the search's inner loop). */
    static double score(double[] weights, double[] features) {
        double sum = 0;
        double total = 0;
        for (int j = 0; j < Math.min(weights.length, features.length); j++) {
            if (weights[j] > 0 && !Double.isNaN(features[j])) {
                sum += weights[j] * features[j];
                total += weights[j];
            }
        }
        return total > 0 ? sum / total : Double.NaN;
    }

    public boolean usesRating() {
        return rating > 0 || itemItemByRating > 0;
    }
}
