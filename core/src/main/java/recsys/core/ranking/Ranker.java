package recsys.core.ranking;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Picks a user's top k movies from scored candidates: the one ranking both the offline evaluation and the online
 * service run, so the number the evaluation reports is the quality of what the service returns.
 *
 * <p>Order, best first: scored candidates before unscored ones (see {@link RankingBlend#score}); higher score;
 * then, on equal scores, more training ratings; then movie id ascending (as strings). The order is total, so the
 * result does not depend on the order of the candidates.
 *
 * <p>Cost: one pass over the candidates with a heap of at most k entries, O(n log k) time and O(k) extra space
 * beyond a set of ids used to reject duplicates; no full sort of the candidates.
 *
 * @param blend          how candidates are scored
 * @param maxRatingCount the largest training rating count in the catalogue, at least 0; counts above it (stale
 *                       catalogue statistics) score the full popularity part
 */
public record Ranker(RankingBlend blend, long maxRatingCount) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Ranker {
        Objects.requireNonNull(blend, "blend");
        if (maxRatingCount < 0) {
            throw new IllegalArgumentException("max rating count must be at least 0, got " + maxRatingCount);
        }
    }

    /** The candidate's score under this ranker's blend, in [0, 1], or NaN when it has none. */
    public double score(Candidate candidate) {
        return blend.score(candidate, maxRatingCount);
    }

    /** {@link #top(Collection, Set, int, Predicate)} without a filter. */
    public List<String> top(Collection<Candidate> candidates, Set<String> excluded, int k) {
        return top(candidates, excluded, k, candidate -> true);
    }

    /**
     * @param candidates the movies to rank, each movie at most once
     * @param excluded   ids never to return, typically the movies the user already rated; may be empty
     * @param k          how many ids to return at most, at least 1
     * @param filter     which candidates may be returned (e.g. {@link Candidate#inGenre})
     * @return at most k distinct movie ids, best first; fewer when fewer candidates pass the exclusion and filter
     * @throws IllegalArgumentException if k &lt; 1 or a movie id appears in two candidates (a grouping bug
     *                                  upstream: which of the two would be the real one?)
     */
    public List<String> top(Collection<Candidate> candidates, Set<String> excluded, int k,
                            Predicate<Candidate> filter) {
        Objects.requireNonNull(candidates, "candidates");
        Objects.requireNonNull(excluded, "excluded");
        Objects.requireNonNull(filter, "filter");
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        Set<String> seen = new HashSet<>(candidates.size() * 2);
        // Worst of the kept entries at the head, so a better candidate replaces it in O(log k).
        PriorityQueue<Scored> kept = new PriorityQueue<>(Math.min(k, candidates.size()) + 1,
                Scored.BEST_FIRST.reversed());
        for (Candidate candidate : candidates) {
            if (!seen.add(candidate.movieId())) {
                throw new IllegalArgumentException("movie " + candidate.movieId() + " is a candidate twice");
            }
            if (excluded.contains(candidate.movieId()) || !filter.test(candidate)) {
                continue;
            }
            Scored scored = new Scored(candidate, score(candidate));
            if (kept.size() < k) {
                kept.add(scored);
            } else if (Scored.BEST_FIRST.compare(scored, kept.peek()) < 0) {
                kept.poll();
                kept.add(scored);
            }
        }
        List<String> top = new ArrayList<>(kept.size());
        while (!kept.isEmpty()) {
            top.add(kept.poll().candidate().movieId());
        }
        Collections.reverse(top);
        return top;
    }

    private record Scored(Candidate candidate, double score) {
        static final Comparator<Scored> BEST_FIRST = Scored::compareBestFirst;

        private static int compareBestFirst(Scored a, Scored b) {
            boolean aScored = !Double.isNaN(a.score);
            boolean bScored = !Double.isNaN(b.score);
            if (aScored != bScored) {
                return aScored ? -1 : 1;
            }
            if (aScored) {
                int byScore = Double.compare(b.score, a.score);
                if (byScore != 0) {
                    return byScore;
                }
            }
            int byCount = Long.compare(b.candidate.ratingCount(), a.candidate.ratingCount());
            return byCount != 0 ? byCount : a.candidate.movieId().compareTo(b.candidate.movieId());
        }
    }
}
