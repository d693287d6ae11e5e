package recsys.offline.similar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import recsys.core.model.ModelKind;
import recsys.core.similar.CollaborativeSignal;
import recsys.core.similar.SimilarListEvaluation;
import recsys.core.similar.SimilarListMetrics;
import recsys.core.similar.SimilarMovies;
import recsys.core.similar.SimilaritySource;
import recsys.core.similar.SimilarityBlend;
import recsys.core.topn.ItemNeighbours;
import recsys.core.topn.RerankWeights;
import recsys.core.topn.TopNModel;

/**
 * Measures a published version's similar movies on the test part: the collaborative, content and blend lists the
 * service would return (core's {@link SimilarMovies} over the version's artifacts, the blend weight from its
 * manifest), the popularity baseline and, when the version has it, the item-kNN table used as a collaborative
 * source, all over the same users ({@link recsys.core.similar.SimilarityProbe}) in one pass.
 */
public final class SimilarEvaluation {

    /** List names in the report besides the three sources' labels: the most-rated movies, and the item-kNN table. */
    public static final String POPULARITY = "popularity";
    public static final String ITEM_KNN = ModelKind.ITEM_KNN.reportName();

    /**
     * Test users measured at most; beyond it a seeded sample. Ranking one user's lists costs two catalogue passes
     * of cosines (a few milliseconds), so 5,000 users keep the section to seconds on any MovieLens set, and every
     * user of ml-latest-small (610) is measured.
     */
    public static final int MAX_USERS = 5_000;

    private SimilarEvaluation() {
    }

    /**
     * @param served  the version's top-N model, as the service loads it
     * @param itemKnn the version's item-kNN table, or null
     * @param blend   the version's blend ({@link SimilarityBlend#fromParameters})
     */
    public static SimilarMoviesResults evaluate(TopNModel served, ItemNeighbours itemKnn, SimilarityBlend blend,
                                                SimilarProbes probes) {
        SimilarMovies similar = new SimilarMovies(served.prepared());
        SimilarMovies knn = itemKnn == null ? null : new SimilarMovies(new TopNModel(served.state(), itemKnn, null,
                null, RerankWeights.ITEM_ITEM_ONLY, served.poolPerSource()).prepared(), CollaborativeSignal.ROW);
        Map<String, String> descriptions = new LinkedHashMap<>();
        String signal = similar.signal().name().toLowerCase(Locale.ROOT);
        descriptions.put(SimilaritySource.COLLABORATIVE.label(), "the version's EASE tables, signal " + signal
                + " (CollaborativeSignal." + similar.signal() + ")");
        descriptions.put(SimilaritySource.CONTENT.label(), "cosine between the movies' text embeddings");
        descriptions.put(SimilaritySource.BLEND.label(), String.format(Locale.ROOT, "%.1f × collaborative + %.1f"
                + " × content, each over its maximum for the query (the weight chosen on validation)",
                blend.collaborative(), blend.content()));
        descriptions.put(POPULARITY, "the most-rated movies, whatever the query");
        if (knn != null) {
            descriptions.put(ITEM_KNN, "the item-kNN baseline's table (cosine on the binary rating matrix) as the"
                    + " collaborative source");
        }
        SimilarListEvaluation.Result result = SimilarListEvaluation.evaluate(similar, probes.probes(),
                descriptions.size(), query -> {
                    List<double[]> scores = new ArrayList<>(descriptions.size());
                    scores.add(similar.scores(query, SimilaritySource.COLLABORATIVE, blend));
                    scores.add(similar.scores(query, SimilaritySource.CONTENT, blend));
                    scores.add(similar.scores(query, SimilaritySource.BLEND, blend));
                    scores.add(SimilarListEvaluation.popularity(similar.catalogue(), query));
                    if (knn != null) {
                        scores.add(knn.scores(query, SimilaritySource.COLLABORATIVE, blend));
                    }
                    return scores;
                }, SimilarListEvaluation.K);
        Map<String, SimilarListMetrics> lists = new LinkedHashMap<>();
        int l = 0;
        for (String name : descriptions.keySet()) {
            lists.put(name, result.lists().get(l++));
        }
        return new SimilarMoviesResults(SimilarListEvaluation.K, result.users(), probes.heldOutUsers(),
                probes.sampled(), probes.maxUsers(), probes.seed(), blend.collaborative(), signal, lists, descriptions);
    }
}
