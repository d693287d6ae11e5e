package recsys.offline.similar;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import recsys.core.similar.CollaborativeSignal;
import recsys.core.similar.SimilarListEvaluation;
import recsys.core.similar.SimilarListMetrics;
import recsys.core.similar.SimilarMovies;
import recsys.core.similar.SimilaritySource;
import recsys.core.similar.SimilarityBlend;
import recsys.core.similar.SimilarityProbe;
import recsys.core.topn.TopNModel;

/**
 * Chooses the similar-movies blend on validation: each weight of {@link #GRID} ranks every validation user's
 * {@link SimilarityProbe} with the tuning-part tables and embeddings, and the weight with the highest hit
 * rate@{@value SimilarListEvaluation#K} wins (a tie goes to the higher MRR, then to the lower weight). Beside it,
 * for the record and the manifest: each {@link CollaborativeSignal} alone, content alone and popularity, on the same
 * users, which is what {@link CollaborativeSignal#CHOSEN} was decided on.
 *
 * <p>Cost: one catalogue pass of cosines per user for the whole grid ({@link SimilarMovies#blendScores}), plus one
 * table row per user and signal.
 */
public final class SimilarTuning {

    /** The collaborative weights tried: 0, 0.1, … 1, both ends included (each part alone). */
    public static final List<SimilarityBlend> GRID = grid();

    /** Manifest parameter: how many validation users the choice was made on. */
    static final String USERS = "similar.validation_users";
    /** Manifest parameter: the collaborative signal the lists were ranked with. */
    static final String SIGNAL = "similar.signal";

    private SimilarTuning() {
    }

    /**
     * What validation chose and measured.
     *
     * @param byWeight  the blend's means by collaborative weight, in grid order
     * @param baselines the other lists' means: {@code collaborative_<signal>} per signal, {@code content},
     *                  {@code popularity}
     */
    public record Tuned(SimilarityBlend blend, long users, Map<Double, SimilarListMetrics> byWeight,
                        Map<String, SimilarListMetrics> baselines) {

        public Tuned {
            byWeight = Collections.unmodifiableMap(new LinkedHashMap<>(byWeight));
            baselines = Collections.unmodifiableMap(new LinkedHashMap<>(baselines));
        }

        /**
         * For the manifest: the chosen weight ({@link SimilarityBlend#toParameters()}), the signal, the number of
         * users, and every validation figure as {@code similar.validation_<metric>@10.<list>}.
         */
        public Map<String, String> parameters() {
            Map<String, String> values = new LinkedHashMap<>(blend.toParameters());
            values.put(SIGNAL, CollaborativeSignal.CHOSEN.name().toLowerCase(Locale.ROOT));
            values.put(USERS, Long.toString(users));
            GRID.forEach(b -> put(values, "blend_" + b.collaborative(), byWeight.get(b.collaborative())));
            baselines.keySet().stream().sorted().forEach(name -> put(values, name, baselines.get(name)));
            return values;
        }

        private static void put(Map<String, String> values, String list, SimilarListMetrics metrics) {
            values.put("similar.validation_hit_rate@" + metrics.k() + "." + list, Double.toString(metrics.hitRate()));
            values.put("similar.validation_mrr@" + metrics.k() + "." + list,
                    Double.toString(metrics.reciprocalRank()));
        }
    }

    /**
     * @param model  the top-N model fitted on the tuning part (its tables and the encoder state's embeddings)
     * @param probes the validation users
     */
    public static Tuned tune(TopNModel.Prepared model, List<SimilarityProbe> probes, PrintStream out) {
        long started = System.nanoTime();
        int k = SimilarListEvaluation.K;
        SimilarMovies similar = new SimilarMovies(model);
        SimilarListEvaluation.Result grid = SimilarListEvaluation.evaluate(similar, probes, GRID.size(),
                query -> similar.blendScores(query, GRID), k);
        Map<Double, SimilarListMetrics> byWeight = new LinkedHashMap<>();
        SimilarityBlend best = null;
        SimilarListMetrics bestMetrics = null;
        for (int b = 0; b < GRID.size(); b++) {
            SimilarListMetrics metrics = grid.lists().get(b);
            byWeight.put(GRID.get(b).collaborative(), metrics);
            if (best == null || metrics.hitRate() > bestMetrics.hitRate()
                    || (metrics.hitRate() == bestMetrics.hitRate()
                    && metrics.reciprocalRank() > bestMetrics.reciprocalRank())) {
                best = GRID.get(b);
                bestMetrics = metrics;
            }
        }

        Map<String, SimilarListMetrics> baselines = new LinkedHashMap<>();
        for (CollaborativeSignal signal : CollaborativeSignal.values()) {
            SimilarMovies variant = new SimilarMovies(model, signal);
            baselines.put("collaborative_" + signal.name().toLowerCase(Locale.ROOT),
                    SimilarListEvaluation.evaluate(variant, probes, 1, query -> List.of(variant.scores(query,
                            SimilaritySource.COLLABORATIVE, SimilarityBlend.DEFAULT)), k).lists().get(0));
        }
        SimilarListEvaluation.Result others = SimilarListEvaluation.evaluate(similar, probes, 2,
                query -> List.of(similar.scores(query, SimilaritySource.CONTENT, SimilarityBlend.DEFAULT),
                        SimilarListEvaluation.popularity(similar.catalogue(), query)), k);
        baselines.put(SimilaritySource.CONTENT.label(), others.lists().get(0));
        baselines.put(SimilarEvaluation.POPULARITY, others.lists().get(1));

        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "  similar movies: %,d validation users (%,d left out), hit rate@%d by collaborative weight:",
                grid.users(), grid.leftOut(), k));
        byWeight.forEach((w, m) -> line.append(String.format(Locale.ROOT, " %.1f %.4f;", w, m.hitRate())));
        out.println(line);
        StringBuilder alone = new StringBuilder("  similar movies: alone, hit rate@" + k + " / MRR@" + k + ":");
        baselines.forEach((name, m) -> alone.append(String.format(Locale.ROOT, " %s %.4f / %.4f;", name,
                m.hitRate(), m.reciprocalRank())));
        out.println(alone);
        out.printf(Locale.ROOT, "  similar movies: blend %.1f chosen (hit rate@%d %.4f, MRR@%d %.4f) in %.1f s%n",
                best.collaborative(), k, bestMetrics.hitRate(), k, bestMetrics.reciprocalRank(),
                (System.nanoTime() - started) / 1e9);
        return new Tuned(best, grid.users(), byWeight, baselines);
    }

    private static List<SimilarityBlend> grid() {
        List<SimilarityBlend> grid = new ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            grid.add(new SimilarityBlend(i / 10.0));
        }
        return List.copyOf(grid);
    }
}
