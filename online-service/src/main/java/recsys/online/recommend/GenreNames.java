package recsys.online.recommend;

import jakarta.inject.Singleton;
import java.util.LinkedHashSet;
import java.util.Set;
import recsys.core.filter.MovieFilter;
import recsys.online.error.ApiException;
import recsys.online.movies.GenreVocabulary;

/**
 * Maps the genres a client wrote to the vocabulary's spelling (MovieLens writes {@code Film-Noir}, clients write
 * {@code film-noir}); a genre outside {@link GenreVocabulary} is a 400 naming the parameter and listing the
 * genres, since a filter on a typo would silently return only the popularity fill. The same vocabulary accepts a
 * posted movie's genres, so a movie added a moment ago is found by its genre before the catalogue's statistics
 * are read again.
 */
@Singleton
public class GenreNames {

    private final GenreVocabulary vocabulary;

    public GenreNames(GenreVocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** The filter with every genre in the vocabulary's spelling. */
    public MovieFilter resolve(MovieFilter requested) {
        if (requested.genres().isEmpty() && requested.excludedGenres().isEmpty()) {
            return requested;
        }
        return new MovieFilter(resolve(ListQuery.GENRE, requested.genres()), requested.genreMode(),
                resolve(ListQuery.EXCLUDE_GENRE, requested.excludedGenres()), requested.yearFrom(),
                requested.yearTo(), requested.excludedIds());
    }

    private Set<String> resolve(String field, Set<String> genres) {
        Set<String> resolved = new LinkedHashSet<>();
        for (String genre : genres) {
            resolved.add(vocabulary.spelling(genre).orElseThrow(() -> ApiException.badRequest(field,
                    "unknown genre \"" + genre + "\"; the genres are " + vocabulary.describe())));
        }
        return resolved;
    }
}
