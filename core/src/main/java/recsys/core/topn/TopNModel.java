package recsys.core.topn;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import recsys.core.evaluation.Relevance;
import recsys.core.features.EncoderState;
import recsys.core.features.FeatureEncoder;
import recsys.core.features.MovieEntry;
import recsys.core.features.RatedMovie;
import recsys.core.features.UserProfile;
import recsys.core.filter.MovieFilter;
import recsys.core.model.TreeRatingModel;
import recsys.core.ranking.RankingBlend;

/**
 * The serving top-N ranking of one model version: candidate sources and the re-ranker that orders them. The offline
 * evaluation and the online service both call {@link #top}, so for the same version and ratings they return the
 * same list.
 *
 * <p>For a user's current ratings it scores every catalogue movie by each source: the item-item table (EASE), the
 * implicit ALS factors (folded in from the ratings), the liked-only item-item table (from the liked ratings), the
 * embedding cosine to the user's profile vector, and
 * popularity. The union of each source's best {@code poolPerSource} unrated movies among those it scores above 0
 * is the candidate pool; the
 * rating model predicts only for the pool (its trees are the expensive part), and {@link RerankWeights} orders it.
 * Every feature is normalised by the user's maximum over the whole unrated catalogue, not over the pool, so the
 * re-ranker's score of a movie does not depend on which other movies made the pool.
 *
 * <p>Cost per user: O(Σ neighbours of the rated movies + n·(rank + dimension) + pool·trees). On ml-latest-small
 * (9.7k movies, 384-dimension vectors) the embedding cosines dominate at about 3.7 million multiply-adds, so a
 * version whose content source neither nominates nor is weighted skips them ({@code contentNominates}).
 *
 * @param state         the encoder state of the version: its catalogue, vectors and counts
 * @param itemItem      the item-item table, or null
 * @param als           the implicit ALS item factors, or null
 * @param ratingModel   the serving rating model, or null
 * @param weights       the re-ranker
 * @param poolPerSource how many movies each source adds to the pool, at least 1
 * @param liked         the item-item table fitted on liked ratings only, scored from the user's liked ratings (at
 *                      least {@link Relevance#DEFAULT}'s threshold), or null
 * @param contentNominates whether the embedding cosine nominates candidates. When it does not and the re-ranker
 *                      gives content no weight, the cosine pass over the catalogue, most of a ranking's cost, is
 *                      skipped; training chooses this on validation ({@code TopNTraining})
 */
public record TopNModel(EncoderState state, ItemNeighbours itemItem, ItemFactors als, TreeRatingModel ratingModel,
                        RerankWeights weights, int poolPerSource, ItemNeighbours liked, boolean contentNominates)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The liked table's position among the candidate sources (after item-item, ALS, content, popularity). */
    private static final int LIKED_SOURCE = 4;

    /** Default candidates per source. */
    public static final int DEFAULT_POOL_PER_SOURCE = 200;

    public TopNModel {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(weights, "weights");
        if (poolPerSource < 1) {
            throw new IllegalArgumentException("pool per source must be at least 1, got " + poolPerSource);
        }
    }

    /** With every source nominating. */
    public TopNModel(EncoderState state, ItemNeighbours itemItem, ItemFactors als, TreeRatingModel ratingModel,
                     RerankWeights weights, int poolPerSource, ItemNeighbours liked) {
        this(state, itemItem, als, ratingModel, weights, poolPerSource, liked, true);
    }

    /** Without the liked table. */
    public TopNModel(EncoderState state, ItemNeighbours itemItem, ItemFactors als, TreeRatingModel ratingModel,
                     RerankWeights weights, int poolPerSource) {
        this(state, itemItem, als, ratingModel, weights, poolPerSource, null);
    }

    /** The same sources with other weights. */
    public TopNModel withWeights(RerankWeights other) {
        return new TopNModel(state, itemItem, als, ratingModel, other, poolPerSource, liked, contentNominates);
    }

    /** The same sources with another item-item table (item-kNN for the baseline). */
    public TopNModel withItemItem(ItemNeighbours other) {
        return new TopNModel(state, other, als, ratingModel, weights, poolPerSource, liked, contentNominates);
    }

    /** The same model with the content source nominating or not. */
    public TopNModel withContentNominating(boolean nominates) {
        return new TopNModel(state, itemItem, als, ratingModel, weights, poolPerSource, liked, nominates);
    }

    /** Whether a ranking needs the embedding cosine of every catalogue movie. */
    boolean needsContent() {
        return contentNominates || weights.content() > 0;
    }


    /** The model's top {@code k} for a user with these ratings, best first; rated movies are never returned. */
    public List<String> top(Collection<RatedMovie> ratings, int k) {
        return prepared().top(ratings, k);
    }

    /** What ranking a user needs, built once per model (the catalogue index and the source-to-catalogue maps). */
    public Prepared prepared() {
        return new Prepared(this, null);
    }

    /**
     * {@link #prepared()} sharing an encoder the caller already built, when it was built from this model's encoder
     * state (the same object); otherwise the prepared model builds its own on first use, as {@link #prepared()} does.
     */
    public Prepared prepared(FeatureEncoder encoder) {
        return new Prepared(this, encoder != null && encoder.state() == state ? encoder : null);
    }

    /**
     * A model ready to rank many users: build once (it indexes the catalogue) and reuse; thread-safe.
     */
    public static final class Prepared {
        private final TopNModel model;
        private final TopNCatalogue catalogue;
        private volatile FeatureEncoder encoder;
        final int[] itemItemToCatalogue;
        private final int[] alsToCatalogue;
        final int[] likedToCatalogue;
        /** The catalogue's entries by position, for filtering without a lookup per movie. */
        private final MovieEntry[] entries;
        /**
         * Catalogue positions by popularity, best first, ties by position: the order {@link TopK} keeps, so the
         * popularity source's nominees are a walk down it instead of a pass over the catalogue per user.
         */
        private final int[] byPopularity;
        private final MetadataRefusals metadataRefusals = new MetadataRefusals();

        Prepared(TopNModel model, FeatureEncoder encoder) {
            this.model = model;
            this.encoder = encoder;
            this.catalogue = new TopNCatalogue(model.state);
            this.itemItemToCatalogue = model.itemItem == null ? null : catalogue.positionsOf(model.itemItem.ids());
            this.alsToCatalogue = model.als == null ? null : catalogue.positionsOf(model.als.ids());
            this.likedToCatalogue = model.liked == null ? null : catalogue.positionsOf(model.liked.ids());
            this.entries = new MovieEntry[catalogue.size()];
            for (int i = 0; i < entries.length; i++) {
                entries[i] = model.state.movie(catalogue.id(i));
            }
            this.byPopularity = descending(catalogue.popularities());
        }

        public TopNModel model() {
            return model;
        }

        public TopNCatalogue catalogue() {
            return catalogue;
        }

        public List<String> top(Collection<RatedMovie> ratings, int k) {
            return top(ratings, Set.of(), MovieFilter.NONE, Map::of, k);
        }

        /**
         * A user's candidate pool with its features.
         *
         * @param ratings    the user's current ratings (movies the version does not know count for nothing but
         *                   exclusion)
         * @param excluded   further movie ids never to return
         * @param newMovies  movies the version does not know, by id, with their embeddings: the content path
         *                   scores them (the service passes the ones its vector search found)
         * @param withRating whether to predict the rating model's feature for the pool
         */
        public UserCandidates candidates(Collection<RatedMovie> ratings, Set<String> excluded,
                                         Map<String, float[]> newMovies, boolean withRating) {
            return candidates(ratings, excluded, () -> newMovies, withRating);
        }

        /**
         * {@link #candidates(Collection, Set, Map, boolean)} with the new movies asked for only once the catalogue is
         * scored (the rating model's predictions included), so a caller that finds them by a search (the service's
         * kNN search on the user's profile vector) can run it meanwhile instead of before. Same result.
         *
         * @param newMovies called once, after the catalogue's features are computed
         */
        public UserCandidates candidates(Collection<RatedMovie> ratings, Set<String> excluded,
                                         Supplier<Map<String, float[]>> newMovies, boolean withRating) {
            return candidates(ratings, excluded, MovieFilter.NONE, newMovies, withRating);
        }

        /**
         * {@link #candidates(Collection, Set, Supplier, boolean)} restricted to the movies a filter accepts: each
         * source nominates its best accepted movies, so a filtered pool is as full as an unfiltered one. Features
         * are still normalised over the whole unrated catalogue, so an accepted movie scores exactly what it scores
         * without the filter: a filtered list is the unfiltered ranking restricted to the filter. The filter's
         * metadata constraints apply to catalogue movies only; the caller checks the new movies' own metadata.
         *
         * @param filter which movies may be nominated; unlike {@code excluded}, it leaves the normalisation alone
         */
        public UserCandidates candidates(Collection<RatedMovie> ratings, Set<String> excluded, MovieFilter filter,
                                         Supplier<Map<String, float[]>> newMovies, boolean withRating) {
            Pool pool = pool(ratings, excluded, filter, withRating);
            double[][] features = new double[pool.positions.length][];
            for (int p = 0; p < features.length; p++) {
                features[p] = pool.sources.features(pool.positions[p]);
            }
            return pool.candidates(features, null, newMovies.get(), excluded, filter);
        }

        /**
         * The model's top {@code k}, exactly {@code candidates(ratings, excluded, filter, newMovies,
         * weights.usesRating()).top(weights, k)}, for a caller that needs only the list: the rating model, the
         * costliest feature, predicts only for the candidates that could still reach the top k. The re-ranker's
         * score is a weighted mean in which the rating is one term in [0, 1] (and the item-item product another,
         * linear in it), so every candidate's score has an upper bound without its prediction; candidates are
         * predicted in order of that bound until the k-th best exact score is above every bound left (the
         * threshold algorithm). The candidates never predicted cannot be in the top k, and the ones predicted are
         * ranked by the same {@link UserCandidates#top}, ties included.
         */
        public List<String> top(Collection<RatedMovie> ratings, Set<String> excluded, MovieFilter filter,
                                Supplier<Map<String, float[]>> newMovies, int k) {
            RerankWeights weights = model.weights;
            if (!weights.usesRating() || model.ratingModel == null) {
                return candidates(ratings, excluded, filter, newMovies, weights.usesRating()).top(weights, k);
            }
            double[] w = weights.toArray();
            Pool pool = pool(ratings, excluded, filter, true);
            int m = pool.positions.length;
            double[][] features = new double[m][];
            double[] bounds = new double[m];
            for (int p = 0; p < m; p++) {
                features[p] = pool.sources.featuresBeforeRating(pool.positions[p]);
                bounds[p] = upperBound(w, features[p]);
            }
            boolean[] predicted = new boolean[m];
            TopK best = new TopK(Math.max(1, k));
            BestFirstOrder byBound = new BestFirstOrder(bounds);
            while (byBound.hasNext()) {
                int p = byBound.next();
                // strictly above, with room for rounding: a tie with the bound could still enter on the tie order
                if (best.size() == k && best.worstScore() > bounds[p] + 1e-9) {
                    break;
                }
                pool.sources.predictRating(pool.positions[p], features[p]);
                predicted[p] = true;
                best.offer(p, RerankWeights.score(w, features[p]));
            }
            // the movies the version lacks have no rating feature: their exact scores compete in UserCandidates.top
            return pool.candidates(features, predicted, newMovies.get(), excluded, filter).top(weights, k);
        }

        /**
         * The largest score {@code features} can have whatever rating the model predicts: the weighted mean without
         * the rating terms (a NaN prediction drops them), or with the rating at whichever end of [0, 1] is higher.
         */
        static double upperBound(double[] weights, double[] features) {
            double sum = 0;
            double total = 0;
            for (int j = 0; j < RerankWeights.FEATURES; j++) {
                if (j != RerankWeights.RATING && j != RerankWeights.ITEM_ITEM_BY_RATING && weights[j] > 0
                        && !Double.isNaN(features[j])) {
                    sum += weights[j] * features[j];
                    total += weights[j];
                }
            }
            double withoutRating = total > 0 ? sum / total : Double.NEGATIVE_INFINITY;
            double slope = weights[RerankWeights.RATING];
            double withRatingTotal = total + weights[RerankWeights.RATING];
            double itemItem = features[RerankWeights.ITEM_ITEM];
            if (weights[RerankWeights.ITEM_ITEM_BY_RATING] > 0 && !Double.isNaN(itemItem)) {
                slope += weights[RerankWeights.ITEM_ITEM_BY_RATING] * itemItem;
                withRatingTotal += weights[RerankWeights.ITEM_ITEM_BY_RATING];
            }
            double withRating = withRatingTotal > 0 ? (sum + Math.max(0, slope)) / withRatingTotal
                    : Double.NEGATIVE_INFINITY;
            return Math.max(withoutRating, withRating);
        }

        /** One user's candidate pool: its catalogue positions (in catalogue order) and the sources that scored it. */
        private final class Pool {
            final int[] positions;
            final SourceScores sources;

            Pool(int[] positions, SourceScores sources) {
                this.positions = positions;
                this.sources = sources;
            }

            /**
             * The pool's candidates with these features (only those {@code kept}, when given) and the new movies
             * the content path scores.
             */
            UserCandidates candidates(double[][] features, boolean[] kept, Map<String, float[]> unknown,
                                      Set<String> excluded, MovieFilter filter) {
                List<String> ids = new ArrayList<>(positions.length + unknown.size());
                List<double[]> rows = new ArrayList<>(positions.length + unknown.size());
                List<Long> counts = new ArrayList<>(positions.length + unknown.size());
                for (int p = 0; p < positions.length; p++) {
                    if (kept == null || kept[p]) {
                        ids.add(catalogue.id(positions[p]));
                        rows.add(features[p]);
                        counts.add(catalogue.count(positions[p]));
                    }
                }
                double[] profileVector = sources.profileVector();
                double[] maxima = sources.maxima();
                double norm = Math.sqrt(dot(profileVector, profileVector));
                for (Map.Entry<String, float[]> movie : new java.util.TreeMap<>(unknown).entrySet()) {
                    if (catalogue.indexOf(movie.getKey()) >= 0 || sources.ratedIds.contains(movie.getKey())
                            || excluded.contains(movie.getKey()) || filter.excludedIds().contains(movie.getKey())) {
                        continue;
                    }
                    double[] f = new double[RerankWeights.FEATURES];
                    java.util.Arrays.fill(f, Double.NaN);
                    f[RerankWeights.CONTENT] = relative(cosine(movie.getValue(), profileVector, norm),
                            maxima[RerankWeights.CONTENT]);
                    ids.add(movie.getKey());
                    rows.add(f);
                    counts.add(0L);
                }
                return new UserCandidates(ids, rows.toArray(double[][]::new),
                        counts.stream().mapToLong(Long::longValue).toArray());
            }
        }

        /** Every index of {@code scores}, best first, ties by index: {@link TopK}'s own order. */
        private static int[] descending(double[] scores) {
            TopK all = new TopK(Math.max(1, scores.length));
            for (int i = 0; i < scores.length; i++) {
                all.offer(i, scores[i]);
            }
            return all.indicesBestFirst();
        }

        /** The first {@code limit} positions of {@code order} that a source may nominate (what TopK would keep). */
        private static int[] firstNominable(int[] order, double[] scores, boolean[] blocked, boolean[] refused,
                                            int limit) {
            int[] chosen = new int[Math.min(limit, order.length)];
            int count = 0;
            for (int p = 0; p < order.length && count < chosen.length; p++) {
                int i = order[p];
                if (!blocked[i] && scores[i] > 0 && (refused == null || !refused[i])) {
                    chosen[count++] = i;
                }
            }
            return java.util.Arrays.copyOf(chosen, count);
        }

        /** The union of each source's best {@code poolPerSource} nominable movies. */
        private Pool pool(Collection<RatedMovie> ratings, Set<String> excluded, MovieFilter filter,
                          boolean withRating) {
            int n = catalogue.size();
            boolean[] refused = refused(filter);
            SourceScores sources = sources(ratings, excluded, withRating);
            boolean[] blocked = sources.blocked;
            boolean[] inPool = new boolean[n];
            int poolSize = 0;
            int[] nominable = new int[n];
            double[] nominableScores = new double[n];
            for (double[] scores : sources.nominating()) {
                if (scores == null) {
                    continue;
                }
                int[] nominees;
                if (scores == sources.popularity) {
                    nominees = firstNominable(byPopularity, scores, blocked, refused, model.poolPerSource);
                } else {
                    // only evidence nominates: a movie near none of the user's (liked) movies, outside the ALS
                    // factors, or never rated scores 0 or less, and nominating those would add arbitrary ties
                    // written every time and kept by advancing the count: no branch for the processor to
                    // mispredict on about every other movie (it was a fifth of a ranking's time)
                    int count = 0;
                    for (int i = 0; i < n; i++) {
                        double score = scores[i];
                        nominable[count] = i;
                        nominableScores[count] = score;
                        count += score > 0 & !blocked[i] & (refused == null || !refused[i]) ? 1 : 0;
                    }
                    nominees = TopSelection.best(nominable, nominableScores, count, model.poolPerSource);
                }
                for (int i : nominees) {
                    if (!inPool[i]) {
                        inPool[i] = true;
                        poolSize++;
                    }
                }
            }
            int[] positions = new int[poolSize];
            for (int i = 0, p = 0; p < poolSize; i++) {
                if (inPool[i]) {
                    positions[p++] = i;
                }
            }
            return new Pool(positions, sources);
        }

        /**
         * The re-ranker's score of each of these catalogue movies for a user with these ratings, as {@link #top}
         * would score it (normalised over the whole unrated catalogue), whether or not a source would nominate it;
         * NaN for a rated movie. What an explanation checks its claims against.
         */
        public double[] scores(Collection<RatedMovie> ratings, int[] positions) {
            SourceScores sources = sources(ratings, Set.of(), model.weights.usesRating());
            double[] scores = new double[positions.length];
            for (int p = 0; p < positions.length; p++) {
                scores[p] = sources.blocked[positions[p]] ? Double.NaN
                        : model.weights.score(sources.features(positions[p]));
            }
            return scores;
        }

        /**
         * Every source's scores of the catalogue for one user, and their maxima over the movies neither rated nor
         * excluded.
         */
        private SourceScores sources(Collection<RatedMovie> ratings, Set<String> excluded, boolean withRating) {
            boolean[] blocked = new boolean[catalogue.size()];
            Set<String> ratedIds = new HashSet<>();
            Set<String> likedIds = new HashSet<>();
            for (RatedMovie rated : ratings) {
                ratedIds.add(rated.movieId());
                if (Relevance.DEFAULT.isRelevant(rated.rating())) {
                    likedIds.add(rated.movieId());
                }
            }
            for (Set<String> ids : List.of(ratedIds, excluded)) {
                for (String id : ids) {
                    int i = catalogue.indexOf(id);
                    if (i >= 0) {
                        blocked[i] = true;
                    }
                }
            }
            UserProfile profile = UserProfile.of(model.state, ratings);
            double[] profileVector = profile.profileVector();
            double[] content = null;
            if (model.needsContent()) {
                content = new double[catalogue.size()];
                catalogue.cosines(profileVector, content);
            }
            double userBias = withRating && model.ratingModel != null ? model.ratingModel.userBias(ratings) : 0;
            return new SourceScores(tableScores(model.itemItem, itemItemToCatalogue, ratedIds), alsScores(ratedIds),
                    content, catalogue.popularities(), tableScores(model.liked, likedToCatalogue, likedIds), blocked,
                    ratedIds, profile, profileVector, withRating, userBias);
        }

        /**
         * One user's source scores by catalogue position (null for a source the version lacks) and the maximum of
         * each over the unblocked catalogue, which normalises its feature.
         */
        private final class SourceScores {
            private final double[] itemItem;
            private final double[] als;
            private final double[] content;
            final double[] popularity;
            private final double[] liked;
            /** Rated or excluded, by catalogue position: never nominated, not in the maxima. */
            final boolean[] blocked;
            final Set<String> ratedIds;
            private final UserProfile profile;
            private final double[] profileVector;
            private final boolean withRating;
            private final double userBias;
            /** By source, in {@link #nominating} order (content's too when it only scores). */
            private final double[] maxima;

            SourceScores(double[] itemItem, double[] als, double[] content, double[] popularity, double[] liked,
                         boolean[] blocked, Set<String> ratedIds, UserProfile profile, double[] profileVector,
                         boolean withRating, double userBias) {
                this.blocked = blocked;
                this.ratedIds = ratedIds;
                this.itemItem = itemItem;
                this.als = als;
                this.content = content;
                this.popularity = popularity;
                this.liked = liked;
                this.profile = profile;
                this.profileVector = profileVector;
                this.withRating = withRating;
                this.userBias = userBias;
                List<double[]> all = java.util.Arrays.asList(itemItem, als, content, popularity, liked);
                this.maxima = new double[all.size()];
                for (int s = 0; s < all.size(); s++) {
                    double[] scores = all.get(s);
                    double max = Double.NEGATIVE_INFINITY;
                    boolean nan = false;
                    for (int i = 0; scores != null && i < scores.length; i++) {
                        double score = scores[i];
                        // a comparison, not Math.max, in this pass over the catalogue per source: Math.max's NaN and
                        // signed-zero handling cost more than the loop; a NaN is carried as Math.max would
                        if (!blocked[i]) {
                            if (score > max) {
                                max = score;
                            } else if (score != score) {
                                nan = true;
                            }
                        }
                    }
                    maxima[s] = nan ? Double.NaN : max;
                }
            }

            /**
             * The candidate sources: the first four indexed like their features, the liked table fifth; null for a
             * source the version lacks, and for content when it does not nominate.
             */
            List<double[]> nominating() {
                return java.util.Arrays.asList(itemItem, als, model.contentNominates ? content : null, popularity,
                        liked);
            }

            double[] maxima() {
                return maxima;
            }

            double[] profileVector() {
                return profileVector;
            }

            /** The re-ranker's features of catalogue movie i ({@link RerankWeights} order; NaN where missing). */
            double[] features(int i) {
                double[] f = featuresBeforeRating(i);
                predictRating(i, f);
                return f;
            }

            /** {@link #features} with the rating and its product left NaN, for {@link #predictRating} to fill. */
            double[] featuresBeforeRating(int i) {
                double[] f = new double[RerankWeights.FEATURES];
                f[RerankWeights.ITEM_ITEM] = itemItem == null ? Double.NaN
                        : relative(itemItem[i], maxima[RerankWeights.ITEM_ITEM]);
                f[RerankWeights.ALS] = als == null ? Double.NaN : relative(als[i], maxima[RerankWeights.ALS]);
                f[RerankWeights.CONTENT] = content == null ? Double.NaN
                        : relative(content[i], maxima[RerankWeights.CONTENT]);
                f[RerankWeights.POPULARITY] = popularity[i];
                f[RerankWeights.RATING] = Double.NaN;
                f[RerankWeights.ITEM_ITEM_BY_RATING] = Double.NaN;
                f[RerankWeights.LIKED] = liked == null ? Double.NaN : relative(liked[i], maxima[LIKED_SOURCE]);
                f[RerankWeights.NOVELTY] = 1 - popularity[i];
                return f;
            }

            /** Fills the rating feature of catalogue movie i, and the item-item product, into its features. */
            void predictRating(int i, double[] f) {
                f[RerankWeights.RATING] = withRating && model.ratingModel != null
                        ? RankingBlend.stars(model.ratingModel.predict(encoder(), profile, userBias, catalogue.id(i)))
                        : Double.NaN;
                f[RerankWeights.ITEM_ITEM_BY_RATING] = f[RerankWeights.ITEM_ITEM] * f[RerankWeights.RATING];
            }
        }

        /**
         * Whether the filter accepts the catalogue movie at each position (for lists ranked outside this class). Each
         * position is tested when asked, so a caller that checks a few hundred kept neighbours does not pay for the
         * whole catalogue.
         */
        public IntPredicate acceptedPositions(MovieFilter filter) {
            if (filter.acceptsAll()) {
                return i -> true;
            }
            MovieFilter.Compiled metadata = filter.constrainsMetadata()
                    ? filter.withoutExcludedIds().compile(model.state.parameters().genres()) : null;
            int[] excluded = filter.excludedIds().stream().mapToInt(catalogue::indexOf).filter(i -> i >= 0)
                    .sorted().toArray();
            return i -> java.util.Arrays.binarySearch(excluded, i) < 0
                    && (metadata == null || metadata.accepts(entries[i]));
        }

        private boolean[] refusedByMetadata(MovieFilter metadataOnly) {
            MovieFilter.Compiled compiled = metadataOnly.compile(model.state.parameters().genres());
            boolean[] refused = new boolean[catalogue.size()];
            for (int i = 0; i < refused.length; i++) {
                refused[i] = !compiled.accepts(entries[i]);
            }
            return refused;
        }

        /** By catalogue position, the movies the filter refuses; null when it refuses none. */
        boolean[] refused(MovieFilter filter) {
            if (filter.acceptsAll()) {
                return null;
            }
            boolean[] refused = filter.constrainsMetadata()
                    ? metadataRefusals.of(filter.withoutExcludedIds(), this::refusedByMetadata).clone()
                    : new boolean[catalogue.size()];
            for (String id : filter.excludedIds()) {
                int i = catalogue.indexOf(id);
                if (i >= 0) {
                    refused[i] = true;
                }
            }
            return refused;
        }

        /**
         * Why each of {@code movieIds} ranks where it does for a user with these ratings: the rated movies whose
         * item-item rows carry most of its score, and the genres behind its content score ({@link TopNExplainer}).
         * Movies outside the catalogue get an empty explanation.
         *
         * @param maxRated at most this many rated movies named per movie
         */
        public Map<String, Explanation> explain(Collection<RatedMovie> ratings, Collection<String> movieIds,
                                                int maxRated) {
            return new TopNExplainer(this).explain(ratings, movieIds, maxRated);
        }

        /**
         * The encoder the rating feature needs, built on first use: its per-movie precomputation is the costliest
         * part of preparing a model, and rankings without the rating feature never need it.
         */
        FeatureEncoder encoder() {
            FeatureEncoder known = encoder;
            if (known == null) {
                synchronized (this) {
                    known = encoder;
                    if (known == null) {
                        known = new FeatureEncoder(model.state);
                        encoder = known;
                    }
                }
            }
            return known;
        }

        /** Σ of the table's rows of {@code ids}, by catalogue position; null without a table. */
        double[] tableScores(ItemNeighbours table, int[] tableToCatalogue, Set<String> ids) {
            if (table == null) {
                return null;
            }
            List<Integer> rows = new ArrayList<>();
            for (String id : ids) {
                int row = table.indexOf(id);
                if (row >= 0) {
                    rows.add(row);
                }
            }
            double[] byRow = new double[table.size()];
            table.accumulate(rows.stream().mapToInt(Integer::intValue).sorted().toArray(), byRow);
            return toCatalogue(byRow, tableToCatalogue);
        }

        private double[] alsScores(Set<String> ratedIds) {
            if (model.als == null) {
                return null;
            }
            ItemFactors factors = model.als;
            List<Integer> rows = new ArrayList<>();
            for (String id : ratedIds) {
                int row = factors.indexOf(id);
                if (row >= 0) {
                    rows.add(row);
                }
            }
            double[] user = factors.foldIn(rows.stream().mapToInt(Integer::intValue).sorted().toArray());
            double[] byRow = new double[factors.ids().size()];
            factors.scores(user, byRow);
            return toCatalogue(byRow, alsToCatalogue);
        }

        private double[] toCatalogue(double[] byRow, int[] positions) {
            if (positions.length == catalogue.size() && isIdentity(positions)) {
                return byRow;
            }
            double[] scores = new double[catalogue.size()];
            for (int r = 0; r < byRow.length; r++) {
                if (positions[r] >= 0) {
                    scores[positions[r]] = byRow[r];
                }
            }
            return scores;
        }
    }

    /** Whether a source's rows are the catalogue's positions in order (its scores then need no copy). */
    private static boolean isIdentity(int[] positions) {
        for (int r = 0; r < positions.length; r++) {
            if (positions[r] != r) {
                return false;
            }
        }
        return true;
    }

    /** A score over the user's maximum; 0 when the maximum is not positive (no signal for this user). */
    static double relative(double score, double max) {
        return max > 0 ? score / max : 0;
    }


    /** Cosine of a vector to a direction of known norm; 0 when either has none. */
    static double cosine(float[] vector, double[] direction, double directionNorm) {
        if (vector == null || vector.length != direction.length || directionNorm == 0) {
            return 0;
        }
        double dot = 0;
        double norm = 0;
        for (int d = 0; d < vector.length; d++) {
            dot += vector[d] * direction[d];
            norm += (double) vector[d] * vector[d];
        }
        return norm == 0 ? 0 : dot / (Math.sqrt(norm) * directionNorm);
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            sum += a[d] * b[d];
        }
        return sum;
    }
}
