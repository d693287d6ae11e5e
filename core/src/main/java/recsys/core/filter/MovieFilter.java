package recsys.core.filter;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import recsys.core.features.MovieEntry;

/**
 * Which movies a list may contain: the one definition of the query filters ({@code genre}, {@code genre_mode},
 * {@code exclude_genre}, {@code year_from}, {@code year_to}, {@code exclude}) for every ranking that applies them,
 * in memory over a model's catalogue and, through the service's Elasticsearch query built from the same fields,
 * over the movies index. A filter is applied before a list is cut, so a filtered list is as long as the
 * catalogue allows.
 *
 * <p>Genres are compared in the catalogue's spelling (the service maps a requested genre to it first). A movie
 * without a year fails any year bound: a bound asks for movies known to be in the range.
 *
 * @param genres         wanted genres; empty means any movie
 * @param genreMode      whether a movie needs any or all of {@code genres}
 * @param excludedGenres a movie with any of these is refused
 * @param yearFrom       earliest release year, inclusive, or {@code null}
 * @param yearTo         latest release year, inclusive, or {@code null}
 * @param excludedIds    movies never returned
 */
public record MovieFilter(Set<String> genres, GenreMode genreMode, Set<String> excludedGenres, Integer yearFrom,
                          Integer yearTo, Set<String> excludedIds) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Accepts every movie. */
    public static final MovieFilter NONE = new MovieFilter(Set.of(), GenreMode.ANY, Set.of(), null, null, Set.of());

    public MovieFilter {
        genres = Set.copyOf(genres);
        Objects.requireNonNull(genreMode, "genreMode");
        excludedGenres = Set.copyOf(excludedGenres);
        excludedIds = Set.copyOf(excludedIds);
        if (yearFrom != null && yearTo != null && yearFrom > yearTo) {
            throw new IllegalArgumentException("year_from " + yearFrom + " is after year_to " + yearTo);
        }
    }

    /** Only the given genre (the original service's single {@code genre} parameter). */
    public static MovieFilter genre(String genre) {
        return new MovieFilter(Set.of(genre), GenreMode.ANY, Set.of(), null, null, Set.of());
    }

    /** Whether the filter refuses no movie. */
    public boolean acceptsAll() {
        return genres.isEmpty() && excludedGenres.isEmpty() && yearFrom == null && yearTo == null
                && excludedIds.isEmpty();
    }

    /** Whether it constrains the movies' metadata (genres or year), beyond excluding ids. */
    public boolean constrainsMetadata() {
        return !genres.isEmpty() || !excludedGenres.isEmpty() || yearFrom != null || yearTo != null;
    }

    /** The same metadata constraints without excluded ids (a cache key that does not grow with every id list). */
    public MovieFilter withoutExcludedIds() {
        return excludedIds.isEmpty() ? this
                : new MovieFilter(genres, genreMode, excludedGenres, yearFrom, yearTo, Set.of());
    }

    /** Whether a movie with these genres and year passes. */
    public boolean accepts(String movieId, Collection<String> movieGenres, Integer year) {
        if (excludedIds.contains(movieId)) {
            return false;
        }
        for (String genre : excludedGenres) {
            if (movieGenres.contains(genre)) {
                return false;
            }
        }
        if (!genres.isEmpty()) {
            boolean pass = genreMode == GenreMode.ALL ? movieGenres.containsAll(genres)
                    : genres.stream().anyMatch(movieGenres::contains);
            if (!pass) {
                return false;
            }
        }
        if (yearFrom != null && (year == null || year < yearFrom)) {
            return false;
        }
        return yearTo == null || (year != null && year <= yearTo);
    }

    /** Whether a catalogue movie passes; its genre indices are positions in {@code vocabulary}. */
    public boolean accepts(MovieEntry movie, List<String> vocabulary) {
        return compile(vocabulary).accepts(movie);
    }

    /**
     * The filter over one genre vocabulary, for testing a whole catalogue: genre names resolved to positions once,
     * so each movie costs a few array reads (a ranking filters every catalogue movie per request).
     */
    public Compiled compile(List<String> vocabulary) {
        boolean[] wanted = new boolean[vocabulary.size()];
        boolean[] refused = new boolean[vocabulary.size()];
        boolean unknownWanted = false;
        for (String genre : genres) {
            int g = vocabulary.indexOf(genre);
            if (g >= 0) {
                wanted[g] = true;
            } else {
                unknownWanted = true;
            }
        }
        for (String genre : excludedGenres) {
            int g = vocabulary.indexOf(genre);
            if (g >= 0) {
                refused[g] = true;
            }
        }
        // a wanted genre outside the vocabulary: no catalogue movie has it, so "all" accepts none
        boolean none = unknownWanted && genreMode == GenreMode.ALL;
        return new Compiled(this, wanted, refused, (int) genres.stream().filter(vocabulary::contains).count(), none);
    }

    /** {@link MovieFilter} with its genres as vocabulary positions. */
    public static final class Compiled {
        private final MovieFilter filter;
        private final boolean[] wanted;
        private final boolean[] refused;
        private final int wantedCount;
        private final boolean none;

        private Compiled(MovieFilter filter, boolean[] wanted, boolean[] refused, int wantedCount, boolean none) {
            this.filter = filter;
            this.wanted = wanted;
            this.refused = refused;
            this.wantedCount = wantedCount;
            this.none = none;
        }

        /** The same answer as {@link MovieFilter#accepts(String, Collection, Integer)} for this movie's genres. */
        public boolean accepts(MovieEntry movie) {
            if (filter.acceptsAll()) {
                return true;
            }
            if (none || filter.excludedIds.contains(movie.movieId())) {
                return false;
            }
            int matched = 0;
            for (int g : movie.genreIndices()) {
                if (refused[g]) {
                    return false;
                }
                if (wanted[g]) {
                    matched++;
                }
            }
            if (!filter.genres.isEmpty() && (filter.genreMode == GenreMode.ALL ? matched < wantedCount
                    : matched == 0)) {
                return false;
            }
            Integer year = movie.year();
            if (filter.yearFrom != null && (year == null || year < filter.yearFrom)) {
                return false;
            }
            return filter.yearTo == null || (year != null && year <= filter.yearTo);
        }
    }
}
