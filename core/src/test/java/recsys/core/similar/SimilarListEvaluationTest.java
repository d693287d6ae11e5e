package recsys.core.similar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import recsys.core.features.EncoderParameters;
import recsys.core.features.EncoderState;
import recsys.core.features.MovieEntry;
import recsys.core.topn.ItemNeighbours;
import recsys.core.topn.RerankWeights;
import recsys.core.topn.TopNModel;

/**
 * The measurement on five movies and three users, worked out by hand. Table rows (W[q][j]): a → b 0.9, c 0.5,
 * d 0.1; b → a 0.8, e 0.3. Counts: a 50, b 40, c 30, d 20, e 10; every movie but e has an embedding.
 */
class SimilarListEvaluationTest {

    private final TopNModel.Prepared model = model();
    private final SimilarMovies similar = new SimilarMovies(model, CollaborativeSignal.ROW);

    @Test
    void hitRateAndReciprocalRankOfTheCollaborativeAndPopularityLists() {
        List<SimilarityProbe> probes = List.of(
                // query a, rated a and b: collaborative list c, d; popularity c, d, e. c relevant: rank 1 in both
                new SimilarityProbe("u1", "a", Set.of("a", "b"), Set.of("c")),
                // query a, rated a and c: collaborative b, d; popularity b, d, e. d relevant: rank 2 in both
                new SimilarityProbe("u2", "a", Set.of("a", "c"), Set.of("d")),
                // query b, rated b: collaborative a, e; popularity a, c, d, e. c relevant: miss; popularity rank 2
                new SimilarityProbe("u3", "b", Set.of("b"), Set.of("c")),
                // a query the version does not know: left out
                new SimilarityProbe("u4", "zz", Set.of("zz"), Set.of("a")));

        SimilarListEvaluation.Result result = SimilarListEvaluation.evaluate(similar, probes, 2,
                query -> List.of(similar.scores(query, SimilaritySource.COLLABORATIVE, SimilarityBlend.DEFAULT),
                        SimilarListEvaluation.popularity(similar.catalogue(), query)), 10);

        assertEquals(3, result.users());
        assertEquals(1, result.leftOut());
        SimilarListMetrics collaborative = result.lists().get(0);
        assertEquals(2.0 / 3, collaborative.hitRate(), 1e-12);
        assertEquals((1 + 0.5 + 0) / 3, collaborative.reciprocalRank(), 1e-12);
        SimilarListMetrics popularity = result.lists().get(1);
        assertEquals(1.0, popularity.hitRate(), 1e-12);
        assertEquals((1 + 0.5 + 0.5) / 3, popularity.reciprocalRank(), 1e-12);
    }

    @Test
    void aCutOffOfOneCountsOnlyTheFirstMovie() {
        SimilarListEvaluation.Result result = SimilarListEvaluation.evaluate(similar,
                List.of(new SimilarityProbe("u2", "a", Set.of("a", "c"), Set.of("d"))), 1,
                query -> List.of(similar.scores(query, SimilaritySource.COLLABORATIVE, SimilarityBlend.DEFAULT)), 1);
        assertEquals(new SimilarListMetrics(1, 0, 0, 0), result.lists().get(0), "b comes first, d second");
    }

    @Test
    void blendScoresAreTheScoresOfEachBlend() {
        SimilarMovies withContent = new SimilarMovies(model, CollaborativeSignal.SYMMETRIC);
        List<SimilarityBlend> grid = List.of(new SimilarityBlend(0), new SimilarityBlend(0.4), new SimilarityBlend(1));
        for (String query : model.catalogue().ids()) {
            List<double[]> all = withContent.blendScores(query, grid);
            for (int b = 0; b < grid.size(); b++) {
                double[] one = withContent.scores(query, SimilaritySource.BLEND, grid.get(b));
                for (int j = 0; j < one.length; j++) {
                    assertEquals(one[j], all.get(b)[j], 0.0, query + " " + grid.get(b) + " " + j);
                }
            }
        }
    }

    private static TopNModel.Prepared model() {
        List<MovieEntry> movies = new ArrayList<>();
        String[] ids = {"a", "b", "c", "d", "e"};
        for (int i = 0; i < ids.length; i++) {
            float[] vector = i == 4 ? null : new float[] {1, i, i * i % 3};
            long count = 50 - 10L * i;
            movies.add(new MovieEntry(ids[i], count, 4.0 * count, 2000, new int[0], List.of(), vector));
        }
        EncoderState state = EncoderState.of(new EncoderParameters(3.5, 5, 5, List.of("Drama"), 2000, 8, 3, 2, 42,
                EncoderParameters.FORMAT_VERSION), movies);
        ItemNeighbours table = ItemNeighbours.of(List.of(ids), new int[][] {{1, 2, 3}, {0, 4}, {}, {}, {}},
                new float[][] {{0.9f, 0.5f, 0.1f}, {0.8f, 0.3f}, {}, {}, {}});
        return new TopNModel(state, table, null, null, RerankWeights.ITEM_ITEM_ONLY, 10).prepared();
    }
}
