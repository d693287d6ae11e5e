package recsys.core.similar;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import recsys.core.topn.TopNCatalogue;

/**
 * Runs the similar-movies measurement: for every {@link SimilarityProbe}, each compared list's top k for the probe's
 * query, without the user's training movies, scored by {@link SimilarListMetrics}. The lists share one probe's
 * pass, so a scorer can compute what they have in common once (the train job's blend grid reuses one query's
 * collaborative and content scores for every weight). Probes whose query the catalogue does not know are left out
 * and counted. Probes run in parallel; the result does not depend on their order.
 */
public final class SimilarListEvaluation {

    /** The cut-off of every similar-movies figure: a page of ten, as the endpoint returns by default. */
    public static final int K = 10;

    private SimilarListEvaluation() {
    }

    /** One score array per compared list, each by catalogue position, for one query movie. */
    @FunctionalInterface
    public interface QueryScores {
        List<double[]> scores(String queryMovieId);
    }

    /**
     * @param users      probes whose query the catalogue knows: the users every mean is over
     * @param leftOut    probes whose query it does not know
     * @param lists      each list's means, in the scorer's order
     */
    public record Result(long users, long leftOut, List<SimilarListMetrics> lists) {
        public Result {
            lists = List.copyOf(lists);
        }
    }

    /**
     * @param similar the version's similar movies: its catalogue and {@link SimilarMovies#top} (ties, exclusion)
     * @param lists   how many arrays {@code scorer} returns per query
     * @throws IllegalStateException if no probe's query is in the catalogue
     */
    public static Result evaluate(SimilarMovies similar, List<SimilarityProbe> probes, int lists, QueryScores scorer,
                                  int k) {
        Objects.requireNonNull(scorer, "scorer");
        if (lists < 1) {
            throw new IllegalArgumentException("at least one list to compare, got " + lists);
        }
        TopNCatalogue catalogue = similar.catalogue();
        List<SimilarityProbe> known = probes.stream().filter(p -> catalogue.indexOf(p.query()) >= 0).toList();
        if (known.isEmpty()) {
            throw new IllegalStateException("none of the " + probes.size() + " probes' queries is in the catalogue");
        }
        List<SimilarListAccumulator> sums = known.parallelStream().collect(() -> accumulators(lists, k),
                (accumulators, probe) -> {
                    boolean[] rated = new boolean[catalogue.size()];
                    for (String id : probe.rated()) {
                        int i = catalogue.indexOf(id);
                        if (i >= 0) {
                            rated[i] = true;
                        }
                    }
                    List<double[]> scores = scorer.scores(probe.query());
                    if (scores.size() != lists) {
                        throw new IllegalStateException(scores.size() + " score arrays for " + lists + " lists");
                    }
                    for (int l = 0; l < lists; l++) {
                        List<String> top = similar.top(scores.get(l), 0, k, i -> !rated[i]).stream()
                                .map(SimilarMovie::movieId).toList();
                        accumulators.get(l).add(SimilarListMetrics.of(top, probe.relevant(), k));
                    }
                },
                (left, right) -> {
                    for (int l = 0; l < lists; l++) {
                        left.get(l).merge(right.get(l));
                    }
                });
        List<SimilarListMetrics> means = new ArrayList<>(lists);
        sums.forEach(sum -> means.add(sum.mean()));
        return new Result(known.size(), probes.size() - known.size(), means);
    }

    /**
     * The popularity baseline's scores for a query: each movie's training rating count, the query itself -∞. With
     * the user's training movies left out, its list is the most-rated movies they have not seen, whatever the query.
     */
    public static double[] popularity(TopNCatalogue catalogue, String query) {
        double[] scores = new double[catalogue.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = catalogue.count(i);
        }
        int q = catalogue.indexOf(query);
        if (q >= 0) {
            scores[q] = Double.NEGATIVE_INFINITY;
        }
        return scores;
    }

    private static List<SimilarListAccumulator> accumulators(int lists, int k) {
        List<SimilarListAccumulator> accumulators = new ArrayList<>(lists);
        for (int l = 0; l < lists; l++) {
            accumulators.add(new SimilarListAccumulator(k));
        }
        return accumulators;
    }
}
