package recsys.online.recommend;

import jakarta.inject.Singleton;
import java.util.LinkedHashSet;
import java.util.Set;
import recsys.core.filter.MovieFilter;
import recsys.online.error.ApiException;
import recsys.online.movies.Catalogue;

/**
 * Maps the genres a client wrote to the catalogue's spelling (MovieLens writes {@code Film-Noir}, clients write
 * {@code film-noir}); a genre the catalogue lacks is a 400 naming the parameter and listing the catalogue's genres,
 * since a filter on a typo would silently return only the popularity fill.
 */
@Singleton
public class GenreNames {

    private final PopularityRanking popularity;

    public GenreNames(PopularityRanking popularity) {
        this.popularity = popularity;
    }

    /** The filter with every genre in the catalogue's spelling. */
    public MovieFilter resolve(MovieFilter requested) {
        if (requested.genres().isEmpty() && requested.excludedGenres().isEmpty()) {
            return requested;
        }
        Catalogue catalogue = popularity.catalogue();
        return new MovieFilter(resolve(catalogue, ListQuery.GENRE, requested.genres()), requested.genreMode(),
                resolve(catalogue, ListQuery.EXCLUDE_GENRE, requested.excludedGenres()), requested.yearFrom(),
                requested.yearTo(), requested.excludedIds());
    }

    private static Set<String> resolve(Catalogue catalogue, String field, Set<String> genres) {
        Set<String> resolved = new LinkedHashSet<>();
        for (String genre : genres) {
            resolved.add(catalogue.genre(genre).orElseThrow(() -> ApiException.badRequest(field,
                    "unknown genre \"" + genre + "\"; the catalogue has " + String.join(", ", catalogue.genres()))));
        }
        return resolved;
    }
}
