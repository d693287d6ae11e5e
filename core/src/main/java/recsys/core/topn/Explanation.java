package recsys.core.topn;

import java.util.List;

/**
 * Why a movie is in a user's list, from the scores that put it there.
 *
 * @param becauseYouRated the user's rated movies that contribute most to its item-item scores, strongest first
 * @param genreAffinity   its genres that the user rates above their own mean, strongest first, when the content
 *                        or the rating term (which reads those affinities) counted
 * @param popular         whether it is there for its popularity (the ranking of users without ratings, or the
 *                        fill of a short list)
 */
public record Explanation(List<String> becauseYouRated, List<String> genreAffinity, boolean popular) {

    public static final Explanation NONE = new Explanation(List.of(), List.of(), false);
    public static final Explanation POPULAR = new Explanation(List.of(), List.of(), true);

    public Explanation {
        becauseYouRated = List.copyOf(becauseYouRated);
        genreAffinity = List.copyOf(genreAffinity);
    }

    public boolean isEmpty() {
        return becauseYouRated.isEmpty() && genreAffinity.isEmpty() && !popular;
    }
}
