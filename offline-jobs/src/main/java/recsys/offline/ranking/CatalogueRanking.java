package recsys.offline.ranking;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import recsys.core.features.EncoderState;
import recsys.core.features.FeatureEncoder;
import recsys.core.features.MovieStatistics;
import recsys.core.features.RatedMovie;
import recsys.core.features.UserProfile;
import recsys.core.ranking.Candidate;
import recsys.core.ranking.Ranker;
import recsys.core.topn.TopNModel;
import recsys.core.topn.UserCandidates;

/**
 * One user's top-k lists, one per {@link RankingSpec}, computed the way the online service ranks: each candidate
 * carries the model's predicted rating and the movie's training rating count and damped mean (core's
 * {@link MovieStatistics} of the encoder state, so nothing of the held-out ratings), and {@link Ranker#top} picks the
 * list. Each scorer predicts a user's candidates once, however many blends use it.
 *
 * <p>The candidates are every catalogue movie the user has not rated in train, or, with a candidate model, the
 * user's pool of that top-N model: the movies its sources nominate, as the service's candidates are. Each list is
 * then the whole-catalogue ranking restricted to the pool, so a model is measured on ordering what the top-N
 * sources put forward, at a cost of users × pool instead of users × catalogue (at 10M ratings the catalogue is 39k
 * movies and the pool about a thousand).
 *
 * <p>Top-N rankings ({@link TopNSpec}) go through core's {@link TopNModel}, the code the online service ranks with:
 * each model's candidate pool is computed once per user and ordered by every spec that names it.
 *
 * <p>Built once per Spark partition (the encoder's per-movie precomputation is its main cost) and then used for
 * each user of the partition in turn; not thread-safe beyond that.
 */
public final class CatalogueRanking {

    private final FeatureEncoder encoder;
    private final Map<String, CandidateScorer> scorers;
    private final List<RankingSpec> specs;
    private final int maxK;
    private final List<String> catalogue;
    private final Map<String, MovieStatistics> statistics = new HashMap<>();
    private final long maxRatingCount;
    private final Map<String, TopNModel.Prepared> topNModels = new LinkedHashMap<>();
    private final List<TopNSpec> topNSpecs;
    private final String candidateModel;

    /**
     * @param state   the encoder state fitted on the training ratings; its movies are the catalogue
     * @param scorers every scorer a spec names
     * @param specs   the rankings to compute
     * @param maxK    how long each list is
     */
    public CatalogueRanking(EncoderState state, Map<String, CandidateScorer> scorers, List<RankingSpec> specs,
                            int maxK) {
        this(state, scorers, specs, Map.of(), List.of(), maxK);
    }

    /**
     * @param topNModels top-N models by name
     * @param topNSpecs  the top-N rankings to compute, each naming one of {@code topNModels}
     */
    public CatalogueRanking(EncoderState state, Map<String, CandidateScorer> scorers, List<RankingSpec> specs,
                            Map<String, TopNModel> topNModels, List<TopNSpec> topNSpecs, int maxK) {
        this(state, scorers, specs, topNModels, topNSpecs, null, maxK);
    }

    /**
     * @param candidateModel the top-N model, one of {@code topNModels}, whose pool is each user's candidates for the
     *                       rating rankings, or null for every unrated catalogue movie
     */
    public CatalogueRanking(EncoderState state, Map<String, CandidateScorer> scorers, List<RankingSpec> specs,
                            Map<String, TopNModel> topNModels, List<TopNSpec> topNSpecs, String candidateModel,
                            int maxK) {
        if (candidateModel != null && !topNModels.containsKey(candidateModel)) {
            throw new IllegalArgumentException("the candidates come from unknown top-N model " + candidateModel);
        }
        this.candidateModel = candidateModel;
        for (TopNSpec spec : topNSpecs) {
            if (!topNModels.containsKey(spec.model())) {
                throw new IllegalArgumentException("ranking " + spec.name() + " names unknown top-N model "
                        + spec.model());
            }
        }
        this.encoder = new FeatureEncoder(state);
        topNModels.forEach((name, model) -> this.topNModels.put(name, model.prepared(encoder)));
        this.topNSpecs = List.copyOf(topNSpecs);
        for (RankingSpec spec : specs) {
            if (!scorers.containsKey(spec.scorer())) {
                throw new IllegalArgumentException("ranking " + spec.name() + " names unknown scorer " + spec.scorer());
            }
        }
        this.scorers = Map.copyOf(scorers);
        this.specs = List.copyOf(specs);
        this.maxK = maxK;
        this.catalogue = state.movies().keySet().stream().sorted().toList();
        for (String id : catalogue) {
            statistics.put(id, MovieStatistics.of(state, id));
        }
        this.maxRatingCount = MovieStatistics.maxRatingCount(state);
    }

    /** How many movies could be recommended: the denominator of catalogue coverage. */
    public int catalogueSize() {
        return catalogue.size();
    }

    /**
     * @param userId  the user
     * @param history the user's training ratings (empty for a user without any)
     * @return each spec's list, by spec name, best first, at most {@code maxK} long
     */
    public Map<String, List<String>> top(String userId, List<RatedMovie> history) {
        Set<String> rated = new HashSet<>();
        history.forEach(r -> rated.add(r.movieId()));
        Map<String, UserCandidates> pools = new LinkedHashMap<>();
        List<String> candidateIds = candidateModel == null ? unrated(rated)
                : pool(pools, candidateModel, history).ids();
        UserProfile profile = history.isEmpty() ? UserProfile.empty(encoder.state()) : encoder.profile(history);
        Map<String, List<Candidate>> byScorer = new LinkedHashMap<>();
        Map<String, List<String>> lists = new LinkedHashMap<>();
        for (RankingSpec spec : specs) {
            List<Candidate> candidates = byScorer.computeIfAbsent(spec.scorer(),
                    name -> candidates(scorers.get(name).predict(userId, profile, candidateIds, encoder),
                            candidateIds));
            lists.put(spec.name(), new Ranker(spec.blend(), maxRatingCount).top(candidates, rated, maxK));
        }
        for (TopNSpec spec : topNSpecs) {
            lists.put(spec.name(), pool(pools, spec.model(), history).top(spec.weights(), maxK));
        }
        return lists;
    }

    private List<String> unrated(Set<String> rated) {
        List<String> ids = new ArrayList<>(catalogue.size());
        for (String id : catalogue) {
            if (!rated.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** The user's pool of top-N model {@code name}, computed once per user however many rankings use it. */
    private UserCandidates pool(Map<String, UserCandidates> pools, String name, List<RatedMovie> history) {
        return pools.computeIfAbsent(name, model -> topNModels.get(model).candidates(history, Set.of(), Map.of(),
                topNSpecs.stream().anyMatch(s -> s.model().equals(model) && s.weights().usesRating())));
    }

    private List<Candidate> candidates(double[] predictions, List<String> ids) {
        List<Candidate> candidates = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            candidates.add(Candidate.of(id, predictions[i], statistics.get(id), List.of()));
        }
        return candidates;
    }

    /** What a Spark task needs to build a {@link CatalogueRanking}; broadcast once. */
    public record Inputs(EncoderState state, Map<String, CandidateScorer> scorers, List<RankingSpec> specs,
                         Map<String, TopNModel> topNModels, List<TopNSpec> topNSpecs, String candidateModel,
                         int maxK)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        public Inputs {
            Objects.requireNonNull(state, "state");
            scorers = Map.copyOf(scorers);
            specs = List.copyOf(specs);
            topNModels = Map.copyOf(topNModels);
            topNSpecs = List.copyOf(topNSpecs);
        }

        public CatalogueRanking build() {
            return new CatalogueRanking(state, scorers, specs, topNModels, topNSpecs, candidateModel, maxK);
        }
    }
}
