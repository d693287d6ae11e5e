package recsys.offline.training;

import java.util.List;
import java.util.Objects;
import recsys.core.topn.TopNModel;

/**
 * The top-N models' hyper-parameters and grids, each with one documented default.
 *
 * @param easeMaxMovies        EASE (and the item-kNN baseline) cover the most-rated this many movies: the driver holds
 *                             two dense n×n double matrices (the Gram matrix and its inverse), 1.6 GB at n = 10,000,
 *                             and inverts in O(n³) (about 30 s at 9.7k with native LAPACK); the rest of the catalogue
 *                             is reached by ALS, content and popularity. Default 10,000, in [2, 30,000]
 * @param easeLambdas          EASE's L2 weight λ, tried on validation; default {150, 300} (on ml-latest-small
 *                             200 to 1000 were within 0.002 of each other alone, 100 and 3000 worse; with the liked
 *                             table in the blend 150 did better)
 * @param easeNeighbours       weights kept per movie in the published EASE table, tried on validation, each both
 *                             per column (a movie's strongest contributors) and per row; default {500} (200 was
 *                             0.001–0.004 worse on validation at every λ)
 * @param easeLikedLambdas     λ of the second EASE table, fitted on the liked ratings only (4 stars or more), each
 *                             tried with the re-ranker's whole grid on validation; default {100, 200} (on
 *                             ml-latest-small 50 to 200 were within 0.003 of each other in a blend with the first)
 * @param knnNeighbours        neighbours per movie of the item-kNN baseline; default 100 (not tuned: a baseline)
 * @param alsConfigs           implicit ALS (rank, regParam, alpha) settings tried on validation
 * @param alsMaxIter           implicit ALS iterations; default 10
 * @param poolPerSource        candidates each source adds to the re-ranker's pool; default
 *                             {@value TopNModel#DEFAULT_POOL_PER_SOURCE}
 * @param maxValidationUsers   at most this many validation users (a deterministic sample by user id hash) rank in
 *                             the searches, which run on the driver; default 5,000
 * @param minCoverage          the re-ranker's weights are the best validation NDCG@10 among those whose catalogue
 *                             coverage@10 reaches this; default 0.05
 * @param compareShortHistories whether to measure top-N against the seed's cosine path on validation histories cut
 *                             to their 1 to 19 latest ratings ({@link ShortHistoryComparison}); about 100 s on
 *                             ml-latest-small, so off by default ({@code train --compare-short-histories})
 */
public record TopNSettings(int easeMaxMovies, List<Double> easeLambdas, List<Integer> easeNeighbours,
                           List<Double> easeLikedLambdas, int knnNeighbours, List<AlsConfig> alsConfigs, int alsMaxIter, int poolPerSource,
                           int maxValidationUsers, double minCoverage, boolean compareShortHistories) {

    /** One implicit ALS setting. */
    public record AlsConfig(int rank, double regParam, double alpha) {
        public AlsConfig {
            if (rank < 1 || !(regParam > 0) || !(alpha >= 0)) {
                throw new IllegalArgumentException("invalid implicit ALS setting rank " + rank + ", regParam "
                        + regParam + ", alpha " + alpha);
            }
        }
    }

    public static final TopNSettings DEFAULTS = new TopNSettings(10_000, List.of(150.0, 300.0),
            List.of(500), List.of(100.0, 200.0), 100, List.of(new AlsConfig(32, 0.05, 10), new AlsConfig(32, 0.1, 20)), 10,
            TopNModel.DEFAULT_POOL_PER_SOURCE, 5_000, 0.05, false);

    public TopNSettings {
        if (easeMaxMovies < 2 || easeMaxMovies > 30_000) {
            throw new IllegalArgumentException("easeMaxMovies must be in [2, 30000], got " + easeMaxMovies);
        }
        easeLambdas = List.copyOf(Objects.requireNonNull(easeLambdas, "easeLambdas"));
        easeNeighbours = List.copyOf(Objects.requireNonNull(easeNeighbours, "easeNeighbours"));
        easeLikedLambdas = List.copyOf(Objects.requireNonNull(easeLikedLambdas, "easeLikedLambdas"));
        alsConfigs = List.copyOf(Objects.requireNonNull(alsConfigs, "alsConfigs"));
        if (easeLambdas.isEmpty() || alsConfigs.isEmpty() || easeNeighbours.isEmpty() || easeLikedLambdas.isEmpty()) {
            throw new IllegalArgumentException("the EASE and ALS grids need at least one value each");
        }
        java.util.stream.Stream.concat(easeLambdas.stream(), easeLikedLambdas.stream()).forEach(l -> {
            if (!(l > 0)) {
                throw new IllegalArgumentException("EASE lambda must be positive, got " + l);
            }
        });
        if (easeNeighbours.stream().anyMatch(n -> n < 1) || knnNeighbours < 1 || alsMaxIter < 1
                || poolPerSource < 1 || maxValidationUsers < 1) {
            throw new IllegalArgumentException("neighbour counts, iterations, pool and user cap must be at least 1");
        }
        if (!(minCoverage >= 0 && minCoverage <= 1)) {
            throw new IllegalArgumentException("minCoverage must be in [0, 1], got " + minCoverage);
        }
    }

    public TopNSettings withEaseMaxMovies(int movies) {
        return new TopNSettings(movies, easeLambdas, easeNeighbours, easeLikedLambdas, knnNeighbours, alsConfigs,
                alsMaxIter,
                poolPerSource, maxValidationUsers, minCoverage, compareShortHistories);
    }

    public TopNSettings withShortHistoryComparison(boolean compare) {
        return new TopNSettings(easeMaxMovies, easeLambdas, easeNeighbours, easeLikedLambdas, knnNeighbours, alsConfigs,
                alsMaxIter,
                poolPerSource, maxValidationUsers, minCoverage, compare);
    }
}
