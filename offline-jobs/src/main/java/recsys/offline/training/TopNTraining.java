package recsys.offline.training;

import static org.apache.spark.sql.functions.col;
import static recsys.offline.training.RatingColumns.MOVIE;
import static recsys.offline.training.RatingColumns.RATING;
import static recsys.offline.training.RatingColumns.TIMESTAMP;
import static recsys.offline.training.RatingColumns.USER;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import recsys.core.evaluation.Relevance;
import recsys.core.evaluation.UserSample;
import recsys.core.features.EncoderState;
import recsys.core.features.RatedMovie;
import recsys.core.movielens.Rating;
import recsys.core.similar.SimilarityProbe;
import recsys.core.model.ModelKind;
import recsys.core.model.TreeRatingModel;
import recsys.core.topn.ItemFactors;
import recsys.core.topn.ItemNeighbours;
import recsys.core.topn.RerankSearch;
import recsys.core.topn.RerankWeights;
import recsys.core.topn.TopNModel;
import recsys.offline.topn.Ease;
import recsys.offline.topn.ImplicitAls;
import recsys.offline.topn.ItemGram;
import recsys.offline.topn.ItemKnn;
import recsys.offline.similar.SimilarProbes;
import recsys.offline.similar.SimilarTuning;

/**
 * Tunes the top-N models on validation and refits them on train, the way the rating models are: EASE's λ and the
 * implicit ALS setting each by the validation NDCG@10 of that model alone, then the re-ranker's weights by
 * {@link RerankSearch} over the pools of the chosen EASE, ALS and the tuning-part serving rating model. The item-kNN
 * baseline is fitted at its fixed neighbour count. The similar-movies blend is chosen last, from the same tables and
 * validation users ({@link SimilarTuning}).
 *
 * <p>Where the work runs: the co-occurrence counts ({@link ItemGram}) and ALS in Spark; the EASE inverse on the
 * driver (n³ for the {@link TopNSettings#easeMaxMovies} most-rated movies); the validation rankings on the driver
 * over at most {@link TopNSettings#maxValidationUsers} users, both cores in parallel.
 */
public final class TopNTraining {

    static final int K = 10;

    private TopNTraining() {
    }

    /**
     * What validation chose.
     *
     * @param validationNdcg NDCG@10 on validation of each single model and of the chosen blend
     *                       ({@link ModelKind#TOP_N_SERVING}), by report name
     * @param sources        the chosen tables fitted on the tuning part, every source nominating: the candidate
     *                       pools the rating models' blend search ranks, as the evaluation ranks the refitted ones
     */
    public record Tuned(double easeLambda, int easeNeighbours, boolean easeByColumn, double easeLikedLambda,
                        TopNSettings.AlsConfig als, RerankWeights weights,
                        Map<String, Double> validationNdcg, double validationCoverage, int validationUsers,
                        int easeMovies, SimilarTuning.Tuned similar, boolean contentNominates, TopNModel sources) {
    }

    /** The models refitted on train at the chosen settings. */
    public record Fitted(ItemNeighbours ease, ItemNeighbours itemKnn, ItemFactors als, ItemNeighbours liked) {
    }

    public static Tuned tune(RatingSplit split, EncoderState tuningState, TreeRatingModel tuningRatingModel,
                             TopNSettings settings, long seed, PrintStream out) {
        long started = System.nanoTime();
        List<ValidationUser> users = validationUsers(split.tuningTrain(), split.validation(),
                settings.maxValidationUsers(), seed);
        if (users.isEmpty()) {
            throw new IllegalStateException("no validation user has a relevant held-out rating: cannot tune top-N");
        }
        Map<String, Double> ndcg = new LinkedHashMap<>();
        ItemGram gram = ItemGram.compute(split.tuningTrain(), settings.easeMaxMovies());
        out.printf("  top-N: %,d validation users; co-occurrences of %,d movies in %.0f s%n", users.size(),
                gram.ids().size(), seconds(started));

        TopNModel base = new TopNModel(tuningState, null, null, null, RerankWeights.ITEM_ITEM_ONLY,
                settings.poolPerSource());
        double bestLambda = Double.NaN;
        int bestKeep = 0;
        boolean bestByColumn = true;
        ItemNeighbours bestEase = null;
        double bestEaseNdcg = Double.NEGATIVE_INFINITY;
        for (double lambda : settings.easeLambdas()) {
            double[] weights = Ease.weights(gram, lambda);
            for (int keep : settings.easeNeighbours()) {
                for (boolean byColumn : new boolean[] {true, false}) {
                    ItemNeighbours ease = truncate(gram.ids(), weights, keep, byColumn);
                    double value = ndcg(base.withItemItem(ease), users);
                    out.printf("  top-N: EASE λ=%s, %d weights kept per %s: validation NDCG@%d %.4f (%.0f s)%n",
                            lambda, keep, byColumn ? "column" : "row", K, value, seconds(started));
                    if (value > bestEaseNdcg) {
                        bestEaseNdcg = value;
                        bestLambda = lambda;
                        bestKeep = keep;
                        bestByColumn = byColumn;
                        bestEase = ease;
                    }
                }
            }
        }
        ndcg.put(ModelKind.EASE.reportName(), bestEaseNdcg);
        ndcg.put(ModelKind.ITEM_KNN.reportName(),
                ndcg(base.withItemItem(ItemKnn.fit(gram, settings.knnNeighbours())), users));
        gram = null; // the n×n matrix is the largest object of the job: let it go before ALS

        TopNSettings.AlsConfig bestAls = null;
        ItemFactors bestFactors = null;
        double bestAlsNdcg = Double.NEGATIVE_INFINITY;
        for (TopNSettings.AlsConfig config : settings.alsConfigs()) {
            ItemFactors factors = ImplicitAls.fit(split.tuningTrain(), config.rank(), config.regParam(),
                    config.alpha(), settings.alsMaxIter(), seed).items();
            double value = ndcg(new TopNModel(tuningState, null, factors, null, RerankWeights.ALS_ONLY,
                    settings.poolPerSource()), users);
            out.printf("  top-N: implicit ALS %s validation NDCG@%d %.4f (%.0f s)%n", config, K, value,
                    seconds(started));
            if (value > bestAlsNdcg) {
                bestAlsNdcg = value;
                bestAls = config;
                bestFactors = factors;
            }
        }
        ndcg.put(ModelKind.IMPLICIT_ALS.reportName(), bestAlsNdcg);

        // The liked table's λ is chosen with the whole re-ranker: alone it ranks what a user would enjoy, not what
        // they would watch, so only its contribution to the blend is worth measuring.
        ItemGram likedGram = ItemGram.compute(liked(split.tuningTrain()), settings.easeMaxMovies());
        double bestLikedLambda = Double.NaN;
        RerankSearch.Result search = null;
        TopNModel.Prepared full = null;
        List<RerankSearch.ValidationUser> pools = null;
        for (double likedLambda : settings.easeLikedLambdas()) {
            ItemNeighbours liked = truncate(likedGram.ids(), Ease.weights(likedGram, likedLambda), bestKeep,
                    bestByColumn);
            TopNModel.Prepared candidate = new TopNModel(tuningState, bestEase, bestFactors, tuningRatingModel,
                    RerankWeights.ITEM_ITEM_ONLY, settings.poolPerSource(), liked).prepared();
            List<RerankSearch.ValidationUser> candidatePools = pools(candidate, users);
            RerankSearch.Result result = RerankSearch.search(candidatePools, RerankSearch.defaultGrid(), K,
                    tuningState.movies().size(), settings.minCoverage());
            out.printf("  top-N: liked EASE λ=%s (%,d movies): alone %.4f; best re-ranker %s validation NDCG@%d %.4f,"
                            + " coverage@%d %.4f (%.0f s)%n", likedLambda, likedGram.ids().size(),
                    RerankSearch.ndcg(candidatePools, RerankWeights.LIKED_ONLY, K), result.best().weights(), K,
                    result.best().ndcg(), K, result.best().coverage(), seconds(started));
            if (search == null || better(result, search)) {
                search = result;
                bestLikedLambda = likedLambda;
                full = candidate;
                pools = candidatePools;
            }
        }
        likedGram = null;
        ndcg.put(ModelKind.EASE_LIKED.reportName(), RerankSearch.ndcg(pools, RerankWeights.LIKED_ONLY, K));
        ndcg.put(ModelKind.CONTENT.reportName(), RerankSearch.ndcg(pools, RerankWeights.CONTENT_ONLY, K));
        RerankSearch.Trial served = search.best();
        boolean contentNominates = true;
        if (served.weights().content() == 0) {
            // With no weight on content, the embedding cosine of every catalogue movie, most of a ranking's cost,
            // serves only to nominate; it stays only if the served ranking is better on validation with it.
            RerankSearch.Trial without = RerankSearch.trial(
                    pools(full.model().withContentNominating(false).prepared(), users), served.weights(), K,
                    tuningState.movies().size());
            boolean dropContent = without.ndcg() >= served.ndcg()
                    && (without.coverage() >= settings.minCoverage() || !search.coverageMet());
            out.printf("  top-N: without content nominating, validation NDCG@%d %.4f (with %.4f), coverage@%d %.4f:"
                            + " %s (%.0f s)%n", K, without.ndcg(), served.ndcg(), K, without.coverage(),
                    dropContent ? "content does not nominate" : "content nominates", seconds(started));
            if (dropContent) {
                served = without;
                contentNominates = false;
            }
        }
        ndcg.put(ModelKind.TOP_N_SERVING.reportName(), served.ndcg());
        RerankSearch.Trial unconstrained = search.trials().stream()
                .max(java.util.Comparator.comparingDouble(RerankSearch.Trial::ndcg)).orElseThrow();
        out.printf("  top-N: re-ranker %s validation NDCG@%d %.4f, coverage@%d %.4f (%s %.2f) over %d weightings;"
                        + " best without the floor %s NDCG %.4f coverage %.4f; EASE alone %.4f; in %.0f s%n",
                search.best().weights(), K, search.best().ndcg(), K, search.best().coverage(),
                search.coverageMet() ? "floor" : "NO weighting reaches the floor", settings.minCoverage(),
                search.trials().size(), unconstrained.weights(), unconstrained.ndcg(), unconstrained.coverage(),
                bestEaseNdcg, seconds(started));
        // Similar movies from the same tuning-part tables and embeddings, on the same validation users.
        SimilarTuning.Tuned similar = SimilarTuning.tune(full, similarityProbes(users), out);
        if (!settings.compareShortHistories()) {
            return new Tuned(bestLambda, bestKeep, bestByColumn, bestLikedLambda, bestAls, served.weights(), ndcg,
                    served.coverage(), users.size(), bestEase.size(), similar, contentNominates, full.model());
        }
        Map<String, Double> shortHistory = ShortHistoryComparison.measure(users.stream()
                .map(user -> new ShortHistoryComparison.TimedUser(user.timed(), user.relevant())).toList(),
                full.model().withWeights(served.weights()).withContentNominating(contentNominates), K);
        ndcg.putAll(shortHistory);
        StringBuilder line = new StringBuilder("  top-N: histories cut to their n latest ratings, validation NDCG@10"
                + " top-N / cosine path:");
        for (int n : ShortHistoryComparison.LENGTHS) {
            line.append(String.format(" n=%d %.4f / %.4f;", n, shortHistory.get("short_history.n" + n + ".topn"),
                    shortHistory.get("short_history.n" + n + ".cosine")));
        }
        out.println(line + String.format(" (%.0f s)", seconds(started)));
        return new Tuned(bestLambda, bestKeep, bestByColumn, bestLikedLambda, bestAls, served.weights(), ndcg,
                served.coverage(), users.size(), bestEase.size(), similar, contentNominates, full.model());
    }

    /** Refits the chosen settings on all of train. */
    public static Fitted fit(Dataset<Row> train, Tuned tuned, TopNSettings settings, long seed) {
        ItemGram gram = ItemGram.compute(train, settings.easeMaxMovies());
        double[] weights = Ease.weights(gram, tuned.easeLambda());
        ItemNeighbours ease = truncate(gram.ids(), weights, tuned.easeNeighbours(), tuned.easeByColumn());
        weights = null;
        ItemNeighbours knn = ItemKnn.fit(gram, settings.knnNeighbours());
        gram = null;
        ItemGram likedGram = ItemGram.compute(liked(train), settings.easeMaxMovies());
        ItemNeighbours liked = truncate(likedGram.ids(), Ease.weights(likedGram, tuned.easeLikedLambda()),
                tuned.easeNeighbours(), tuned.easeByColumn());
        likedGram = null;
        ItemFactors als = ImplicitAls.fit(train, tuned.als().rank(), tuned.als().regParam(), tuned.als().alpha(),
                settings.alsMaxIter(), seed).items();
        return new Fitted(ease, knn, als, liked);
    }

    /** The ratings that count as liked: relevant by the evaluation's own rule (4 stars or more). */
    static Dataset<Row> liked(Dataset<Row> ratings) {
        return ratings.where(col(RATING).geq(Relevance.DEFAULT.threshold()));
    }

    private static ItemNeighbours truncate(List<String> ids, double[] weights, int keep, boolean byColumn) {
        return byColumn ? ItemNeighbours.truncateColumns(ids, weights, keep)
                : ItemNeighbours.truncate(ids, weights, keep);
    }

    /** A search whose best meets the coverage floor beats one that does not; then the higher NDCG wins. */
    private static boolean better(RerankSearch.Result candidate, RerankSearch.Result incumbent) {
        if (candidate.coverageMet() != incumbent.coverageMet()) {
            return candidate.coverageMet();
        }
        return candidate.best().ndcg() > incumbent.best().ndcg();
    }

    /** Manifest parameters of the choice (the weights under {@code topn.weights.*} are written separately). */
    public static Map<String, String> parameters(Tuned tuned, TopNSettings settings, long seed) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(ModelKind.EASE.parameter("lambda"), Double.toString(tuned.easeLambda()));
        values.put(ModelKind.EASE.parameter("neighbours"), Integer.toString(tuned.easeNeighbours()));
        values.put(ModelKind.EASE.parameter("kept_per"), tuned.easeByColumn() ? "column" : "row");
        values.put(ModelKind.EASE.parameter("max_movies"), Integer.toString(settings.easeMaxMovies()));
        values.put(ModelKind.EASE_LIKED.parameter("lambda"), Double.toString(tuned.easeLikedLambda()));
        values.put(ModelKind.ITEM_KNN.parameter("neighbours"), Integer.toString(settings.knnNeighbours()));
        values.put(ModelKind.IMPLICIT_ALS.parameter("rank"), Integer.toString(tuned.als().rank()));
        values.put(ModelKind.IMPLICIT_ALS.parameter("reg_param"), Double.toString(tuned.als().regParam()));
        values.put(ModelKind.IMPLICIT_ALS.parameter("alpha"), Double.toString(tuned.als().alpha()));
        values.put(ModelKind.IMPLICIT_ALS.parameter("max_iter"), Integer.toString(settings.alsMaxIter()));
        values.put(ModelKind.IMPLICIT_ALS.parameter("seed"), Long.toString(seed));
        values.put(ModelKind.TOP_N_SERVING.parameter("validation_users"),
                Integer.toString(tuned.validationUsers()));
        values.put(ModelKind.TOP_N_SERVING.parameter("min_coverage"), Double.toString(settings.minCoverage()));
        values.put(ModelKind.TOP_N_SERVING.parameter("validation_coverage@10"),
                Double.toString(tuned.validationCoverage()));
        tuned.validationNdcg().forEach((name, value) -> values.put(name + ".validation_ndcg@10",
                Double.toString(value)));
        return values;
    }

    /** Each validation user's candidate pool under {@code model}, with every feature, for the re-ranker search. */
    private static List<RerankSearch.ValidationUser> pools(TopNModel.Prepared model, List<ValidationUser> users) {
        return users.parallelStream()
                .map(user -> new RerankSearch.ValidationUser(model.candidates(user.history(), Set.of(), Map.of(),
                        true), user.relevant()))
                .toList();
    }

    private static double ndcg(TopNModel model, List<ValidationUser> users) {
        TopNModel.Prepared prepared = model.prepared();
        double sum = users.parallelStream()
                .mapToDouble(user -> recsys.core.evaluation.RankingMetrics.of(prepared.top(user.history(), K),
                        user.relevant(), K).ndcg())
                .sum();
        return sum / users.size();
    }

    /** A validation user: training history and relevant held-out movies. */
    record ValidationUser(String userId, List<RatedMovie> history, List<ShortHistoryComparison.TimedRating> timed,
                          Set<String> relevant) {
    }

    /**
     * The similar-movies users of a split ({@link SimilarityProbe}), drawn like the validation users: those with a
     * liked held-out rating, at most {@code max} of them by seeded hash; then those without a liked history movie
     * are left out.
     *
     * @param history the histories (train, or the tuning part), with timestamps
     * @param heldOut the held-out ratings (test, or validation)
     */
    public static SimilarProbes similarityProbes(Dataset<Row> history, Dataset<Row> heldOut, int max, long seed) {
        Map<String, Set<String>> relevant = relevantHeldOut(heldOut);
        return new SimilarProbes(similarityProbes(validationUsers(history, relevant, max, seed)), relevant.size(),
                max, seed);
    }

    private static List<SimilarityProbe> similarityProbes(List<ValidationUser> users) {
        List<SimilarityProbe> probes = new ArrayList<>(users.size());
        for (ValidationUser user : users) {
            List<Rating> ratings = user.timed().stream()
                    .map(r -> new Rating(user.userId(), r.movieId(), r.rating(), r.timestamp())).toList();
            SimilarityProbe.of(user.userId(), ratings, user.relevant(), Relevance.DEFAULT).ifPresent(probes::add);
        }
        return probes;
    }

    /**
     * Users with a relevant validation rating and their tuning-part histories, collected to the driver; beyond
     * {@code max}, those whose id hashes lowest (seeded), so the sample is the same on every run.
     */
    static List<ValidationUser> validationUsers(Dataset<Row> history, Dataset<Row> heldOut, int max, long seed) {
        return validationUsers(history, relevantHeldOut(heldOut), max, seed);
    }

    /** Each user's relevant held-out movies, by user id in order. */
    private static Map<String, Set<String>> relevantHeldOut(Dataset<Row> heldOut) {
        Map<String, Set<String>> relevant = new TreeMap<>();
        for (Row row : liked(heldOut)
                .select(col(USER), col(MOVIE), col(RATING)).collectAsList()) {
            if (Relevance.DEFAULT.isRelevant(row.getDouble(2))) {
                relevant.computeIfAbsent(row.getString(0), u -> new HashSet<>()).add(row.getString(1));
            }
        }
        return relevant;
    }

    private static List<ValidationUser> validationUsers(Dataset<Row> history, Map<String, Set<String>> relevant,
                                                        int max, long seed) {
        List<String> chosen = new UserSample(max, seed).choose(relevant.keySet());
        Set<String> wanted = new HashSet<>(chosen);
        Map<String, List<ShortHistoryComparison.TimedRating>> histories = new HashMap<>();
        Dataset<Row> theirs = history.where(col(USER).isin(chosen.toArray()));
        for (Row row : theirs.select(col(USER), col(MOVIE), col(RATING), col(TIMESTAMP)).collectAsList()) {
            if (wanted.contains(row.getString(0))) {
                histories.computeIfAbsent(row.getString(0), u -> new ArrayList<>())
                        .add(new ShortHistoryComparison.TimedRating(row.getString(1), row.getDouble(2),
                                row.getLong(3)));
            }
        }
        chosen.sort(null);
        List<ValidationUser> users = new ArrayList<>(chosen.size());
        for (String id : chosen) {
            List<ShortHistoryComparison.TimedRating> timed = histories.getOrDefault(id, List.of());
            users.add(new ValidationUser(id, timed.stream().map(r -> new RatedMovie(r.movieId(), r.rating()))
                    .toList(), timed, relevant.get(id)));
        }
        return users;
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }
}
