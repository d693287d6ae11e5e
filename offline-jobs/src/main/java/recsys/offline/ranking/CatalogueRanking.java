package recsys.offline.ranking;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import recsys.core.features.EncoderParameters;
import recsys.core.features.EncoderState;
import recsys.core.features.FeatureEncoder;
import recsys.core.features.MovieEntry;
import recsys.core.features.RatedMovie;
import recsys.core.features.UserProfile;
import recsys.core.ranking.Candidate;
import recsys.core.ranking.Ranker;

/**
 * One user's top-k lists, one per {@link RankingSpec}, computed the way the online service ranks: every catalogue
 * movie the user has not rated in train is a candidate, carrying the model's predicted rating and the movie's
 * training rating count and damped mean (from the encoder state, so nothing of the held-out ratings), and
 * {@link Ranker#top} picks the list. Each scorer predicts a user's candidates once, however many blends use it.
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
    private final Map<String, Long> counts = new java.util.HashMap<>();
    private final Map<String, Double> dampedMeans = new java.util.HashMap<>();
    private final long maxRatingCount;

    /**
     * @param state   the encoder state fitted on the training ratings; its movies are the catalogue
     * @param scorers every scorer a spec names
     * @param specs   the rankings to compute
     * @param maxK    how long each list is
     */
    public CatalogueRanking(EncoderState state, Map<String, CandidateScorer> scorers, List<RankingSpec> specs,
                            int maxK) {
        for (RankingSpec spec : specs) {
            if (!scorers.containsKey(spec.scorer())) {
                throw new IllegalArgumentException("ranking " + spec.name() + " names unknown scorer " + spec.scorer());
            }
        }
        this.encoder = new FeatureEncoder(state);
        this.scorers = Map.copyOf(scorers);
        this.specs = List.copyOf(specs);
        this.maxK = maxK;
        this.catalogue = state.movies().keySet().stream().sorted().toList();
        EncoderParameters p = state.parameters();
        long max = 0;
        for (String id : catalogue) {
            MovieEntry movie = state.movie(id);
            counts.put(id, movie.ratingCount());
            dampedMeans.put(id, (movie.ratingSum() + p.movieDamping() * p.globalMean())
                    / (movie.ratingCount() + p.movieDamping()));
            max = Math.max(max, movie.ratingCount());
        }
        this.maxRatingCount = max;
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
        List<String> candidateIds = new ArrayList<>(catalogue.size());
        for (String id : catalogue) {
            if (!rated.contains(id)) {
                candidateIds.add(id);
            }
        }
        UserProfile profile = history.isEmpty() ? UserProfile.empty(encoder.state()) : encoder.profile(history);
        Map<String, List<Candidate>> byScorer = new LinkedHashMap<>();
        Map<String, List<String>> lists = new LinkedHashMap<>();
        for (RankingSpec spec : specs) {
            List<Candidate> candidates = byScorer.computeIfAbsent(spec.scorer(),
                    name -> candidates(scorers.get(name).predict(userId, profile, candidateIds, encoder),
                            candidateIds));
            lists.put(spec.name(), new Ranker(spec.blend(), maxRatingCount).top(candidates, rated, maxK));
        }
        return lists;
    }

    private List<Candidate> candidates(double[] predictions, List<String> ids) {
        List<Candidate> candidates = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            candidates.add(new Candidate(id, predictions[i], counts.get(id), dampedMeans.get(id), List.of()));
        }
        return candidates;
    }

    /** What a Spark task needs to build a {@link CatalogueRanking}; broadcast once. */
    public record Inputs(EncoderState state, Map<String, CandidateScorer> scorers, List<RankingSpec> specs,
                         int maxK) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Inputs {
            Objects.requireNonNull(state, "state");
            scorers = Map.copyOf(scorers);
            specs = List.copyOf(specs);
        }

        public CatalogueRanking build() {
            return new CatalogueRanking(state, scorers, specs, maxK);
        }
    }
}
