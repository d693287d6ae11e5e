package recsys.core.similar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;
import recsys.core.topn.TopNCatalogue;
import recsys.core.topn.TopNModel;

/**
 * "People who liked this also liked" and "movies like this one" for one model version: every catalogue movie
 * scored as a neighbour of a query movie, from the version's own item-item tables and embeddings, and the best of
 * them in a fixed order. Built once per model version and shared: immutable after construction, thread-safe.
 *
 * <p><b>Sources.</b> Every score is indexed by catalogue position ({@link TopNCatalogue}); the query itself and
 * movies with no evidence under the source score -∞, which {@link #top} never returns.
 * <ul>
 *   <li>{@link SimilaritySource#COLLABORATIVE}: the {@link CollaborativeSignal} of the tables, {@link
 *       CollaborativeSignal#CHOSEN} unless the constructor is given another; movies without a positive weight
 *       score -∞ (so the list can be shorter than asked, and is empty for a movie outside the tables);</li>
 *   <li>{@link SimilaritySource#CONTENT}: cosine of the two movies' embeddings; movies without an embedding score
 *       -∞, and so does everything when the query has none;</li>
 *   <li>{@link SimilaritySource#BLEND}: {@code (w·c/max c + (1-w)·t/max t)} with w =
 *       {@link SimilarityBlend#collaborative()}, c the collaborative and t the content score, each maximum over the
 *       catalogue without the query, as the top-N re-ranker normalises its features. A part the query has no
 *       signal for at all (no table entry, or no embedding) is left out rather than counted as 0, so a movie
 *       without collaborative signal still gets its content neighbours, whatever w is. A movie scores -∞ only when
 *       no part that counts has evidence for it. With both parts present, w = 1 orders like COLLABORATIVE and w = 0
 *       like CONTENT.</li>
 * </ul>
 *
 * <p><b>Measured</b> (ml-latest-small, random split seed 42; {@link SimilarListMetrics}: hit rate@10 / MRR@10 of the
 * list of each user's latest liked training movie against their liked held-out movies). Validation, 535 users,
 * tables of the tuning part: the collaborative signals as on {@link CollaborativeSignal#CHOSEN}; the blend by
 * weight 0 … 1: 0.039, 0.056, 0.077, 0.116, 0.138, 0.153, 0.161, 0.166, 0.168, 0.166, 0.170, so the train job chose
 * 1.0 (content adds nothing this metric can see once the liked table is in). Test, 593 users, the published
 * version: collaborative = blend 0.3238 / 0.1472, content 0.0708 / 0.0368, the item-kNN table 0.2445 / 0.1023, and
 * the most-rated movies 0.5531 / 0.3292. Popularity wins this metric: the liked held-out movies of a random split
 * are mostly popular ones, one query movie says little about the rest of a user's taste, and EASE's weights (a
 * regression on all other movies) favour what is specific to the query over what everybody rated (the likely
 * reasons; not measured separately). The figures measure "would this list have shown you something you went on to
 * like", not how related the neighbours are to the query.
 *
 * <p><b>Cost.</b> One query is one table row (and, for the symmetric signals, one column) plus one pass of cosines
 * over the catalogue: about 3.7 million multiply-adds on ml-latest-small (9.7k movies, 384 dimensions), the same
 * pass the top-N content feature makes per user. Construction maps the tables' rows to catalogue positions and,
 * for the symmetric signals only, indexes their columns (one more copy of a table).
 */
public final class SimilarMovies {

    private final TopNCatalogue catalogue;
    private final CollaborativeSignal signal;
    private final CatalogueTable itemItem;
    private final CatalogueTable liked;
    private final BestPositions best;

    /** With the {@link CollaborativeSignal#CHOSEN} signal: what the service uses. */
    public SimilarMovies(TopNModel.Prepared model) {
        this(model, CollaborativeSignal.CHOSEN);
    }

    /**
     * With another collaborative signal, for the evaluation's comparison. A signal that reads the liked table falls
     * back to its all-ratings counterpart for a version without one.
     */
    public SimilarMovies(TopNModel.Prepared model, CollaborativeSignal signal) {
        Objects.requireNonNull(model, "model");
        this.signal = Objects.requireNonNull(signal, "signal");
        this.catalogue = model.catalogue();
        TopNModel topN = model.model();
        boolean useLiked = signal.usesLiked() && topN.liked() != null;
        this.itemItem = topN.itemItem() == null || (useLiked && signal != CollaborativeSignal.ROW_AND_LIKED) ? null
                : new CatalogueTable(topN.itemItem(), catalogue, signal.symmetric());
        this.liked = useLiked ? new CatalogueTable(topN.liked(), catalogue, signal.symmetric()) : null;
        long[] counts = new long[catalogue.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = catalogue.count(i);
        }
        this.best = new BestPositions(counts);
    }

    public TopNCatalogue catalogue() {
        return catalogue;
    }

    public CollaborativeSignal signal() {
        return signal;
    }

    /**
     * Every catalogue movie's score as a neighbour of catalogue movie {@code movieId}, by catalogue position; the
     * query itself and movies without evidence score -∞ (see the class comment). A new array on every call.
     *
     * @throws IllegalArgumentException if the version's catalogue does not hold {@code movieId}
     */
    public double[] scores(String movieId, SimilaritySource source, SimilarityBlend blend) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(blend, "blend");
        int q = position(movieId);
        double[] scores = switch (source) {
            case COLLABORATIVE -> evidenceOnly(collaborative(q));
            case CONTENT -> content(q);
            case BLEND -> blend(collaborative(q), content(q), q, blend);
        };
        scores[q] = Double.NEGATIVE_INFINITY;
        return scores;
    }

    /**
     * {@link SimilaritySource#BLEND} scores of {@code movieId} for several blends at once, in their order: each
     * equal to {@link #scores}, with the two parts computed once (the train job's grid of weights).
     *
     * @throws IllegalArgumentException if the version's catalogue does not hold {@code movieId}
     */
    public List<double[]> blendScores(String movieId, List<SimilarityBlend> blends) {
        int q = position(movieId);
        double[] collaborative = collaborative(q);
        double[] content = content(q);
        List<double[]> all = new ArrayList<>(blends.size());
        for (SimilarityBlend blend : blends) {
            double[] scores = blend(collaborative, content, q, Objects.requireNonNull(blend, "blend"));
            scores[q] = Double.NEGATIVE_INFINITY;
            all.add(scores);
        }
        return all;
    }

    /**
     * Content scores of every catalogue movie for a movie the version does not know, by its embedding: the cosine,
     * or -∞ for catalogue movies without an embedding. Everything is -∞ for a zero vector, which has no direction.
     *
     * @throws IllegalArgumentException if the vector's length is not the version's embedding dimension
     */
    public double[] contentScores(float[] vector) {
        Objects.requireNonNull(vector, "vector");
        if (vector.length != catalogue.dimension()) {
            throw new IllegalArgumentException("a " + vector.length + "-dimension vector for a catalogue of "
                    + catalogue.dimension() + "-dimension embeddings");
        }
        double[] direction = new double[vector.length];
        for (int d = 0; d < vector.length; d++) {
            direction[d] = vector[d];
        }
        return cosines(direction);
    }

    /**
     * The best {@code k} after the best {@code skip} (paging) among the positions {@code acceptedPosition} accepts
     * with a score above -∞, best first. Ties: more training ratings first, then lower movie id (the catalogue is in
     * id order). Shorter than k when fewer qualify.
     *
     * @param scores one of {@link #scores} or {@link #contentScores}, or any scores by catalogue position (NaN
     *               counts as no score)
     * @throws IllegalArgumentException if {@code skip} or {@code k} is negative or the scores are not one per
     *                                  catalogue movie
     */
    public List<SimilarMovie> top(double[] scores, int skip, int k, IntPredicate acceptedPosition) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(acceptedPosition, "acceptedPosition");
        if (scores.length != catalogue.size()) {
            throw new IllegalArgumentException(scores.length + " scores for a catalogue of " + catalogue.size());
        }
        if (skip < 0 || k < 0) {
            throw new IllegalArgumentException("skip and k must be at least 0, got " + skip + " and " + k);
        }
        int[] positions = best.select(scores, skip, k, acceptedPosition);
        List<SimilarMovie> movies = new ArrayList<>(positions.length);
        for (int i : positions) {
            movies.add(new SimilarMovie(catalogue.id(i), scores[i]));
        }
        return movies;
    }

    /** The raw collaborative signal of query q: a sum of positive weights, 0 where the tables hold nothing. */
    private double[] collaborative(int q) {
        double[] scores = new double[catalogue.size()];
        switch (signal) {
            case ROW -> addRow(itemItem, q, scores);
            case SYMMETRIC -> addBothSides(itemItem, q, scores);
            case LIKED -> addRow(liked != null ? liked : itemItem, q, scores);
            case LIKED_SYMMETRIC -> addBothSides(liked != null ? liked : itemItem, q, scores);
            case ROW_AND_LIKED -> {
                addRow(itemItem, q, scores);
                if (liked != null) {
                    scale(scores, q);
                    double[] fromLiked = new double[scores.length];
                    addRow(liked, q, fromLiked);
                    scale(fromLiked, q);
                    for (int j = 0; j < scores.length; j++) {
                        scores[j] += fromLiked[j];
                    }
                }
            }
        }
        return scores;
    }

    private double[] content(int q) {
        if (!catalogue.hasVector(q)) {
            double[] none = new double[catalogue.size()];
            Arrays.fill(none, Double.NEGATIVE_INFINITY);
            return none;
        }
        return cosines(catalogue.unitVector(q));
    }

    private int position(String movieId) {
        int q = catalogue.indexOf(movieId);
        if (q < 0) {
            throw new IllegalArgumentException("movie " + movieId + " is not in this model version's catalogue");
        }
        return q;
    }

    /** The blend of the query's two parts (neither modified); a new array. */
    private static double[] blend(double[] collaborative, double[] content, int q, SimilarityBlend blend) {
        double collaborativeMax = maxWithout(collaborative, q);
        double contentMax = maxWithout(content, q);
        boolean hasCollaborative = collaborativeMax > 0;
        boolean hasContent = contentMax > 0;
        // a part the query has no signal for is left out, not counted as 0: its weight goes to the other part
        double wc = !hasCollaborative ? 0 : hasContent ? blend.collaborative() : 1;
        double wt = !hasContent ? 0 : hasCollaborative ? blend.content() : 1;
        double[] scores = new double[collaborative.length];
        for (int j = 0; j < scores.length; j++) {
            boolean collaborativeEvidence = wc > 0 && collaborative[j] > 0;
            boolean contentEvidence = wt > 0 && content[j] > Double.NEGATIVE_INFINITY;
            scores[j] = collaborativeEvidence || contentEvidence
                    ? (wc > 0 ? wc * collaborative[j] / collaborativeMax : 0)
                            + (contentEvidence ? wt * content[j] / contentMax : 0)
                    : Double.NEGATIVE_INFINITY;
        }
        return scores;
    }

    /** Cosines to a direction; -∞ for catalogue movies without an embedding, everything -∞ for a zero direction. */
    private double[] cosines(double[] direction) {
        double[] scores = new double[catalogue.size()];
        boolean zero = true;
        for (double v : direction) {
            zero &= v == 0;
        }
        if (zero) {
            Arrays.fill(scores, Double.NEGATIVE_INFINITY);
            return scores;
        }
        catalogue.cosines(direction, scores);
        for (int j = 0; j < scores.length; j++) {
            if (!catalogue.hasVector(j)) {
                scores[j] = Double.NEGATIVE_INFINITY;
            }
        }
        return scores;
    }

    /** No positive weight, no evidence: -∞. */
    private static double[] evidenceOnly(double[] collaborative) {
        for (int j = 0; j < collaborative.length; j++) {
            if (!(collaborative[j] > 0)) {
                collaborative[j] = Double.NEGATIVE_INFINITY;
            }
        }
        return collaborative;
    }

    private static void addRow(CatalogueTable table, int q, double[] scores) {
        if (table != null) {
            table.addRow(q, scores);
        }
    }

    private static void addBothSides(CatalogueTable table, int q, double[] scores) {
        if (table != null) {
            table.addRow(q, scores);
            table.addColumn(q, scores);
        }
    }

    /** Divides by the maximum without the query, when positive. */
    private static void scale(double[] scores, int q) {
        double max = maxWithout(scores, q);
        if (max > 0) {
            for (int j = 0; j < scores.length; j++) {
                scores[j] /= max;
            }
        }
    }

    private static double maxWithout(double[] scores, int q) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < scores.length; j++) {
            if (j != q && scores[j] > max) {
                max = scores[j];
            }
        }
        return max;
    }
}
