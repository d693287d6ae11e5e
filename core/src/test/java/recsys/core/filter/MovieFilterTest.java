package recsys.core.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import recsys.core.features.MovieEntry;

class MovieFilterTest {

    @Test
    void noneAcceptsEverythingIncludingMoviesWithoutYearOrGenres() {
        assertTrue(MovieFilter.NONE.acceptsAll());
        assertTrue(MovieFilter.NONE.accepts("1", List.of(), null));
    }

    @Test
    void anyNeedsOneGenreAndAllNeedsEvery() {
        MovieFilter any = new MovieFilter(Set.of("Comedy", "Drama"), GenreMode.ANY, Set.of(), null, null, Set.of());
        MovieFilter all = new MovieFilter(Set.of("Comedy", "Drama"), GenreMode.ALL, Set.of(), null, null, Set.of());
        assertTrue(any.accepts("1", List.of("Drama"), 2000));
        assertFalse(all.accepts("1", List.of("Drama"), 2000));
        assertTrue(all.accepts("1", List.of("Drama", "Comedy", "War"), 2000));
        assertFalse(any.accepts("1", List.of("War"), 2000));
    }

    @Test
    void excludedGenresAndIdsWinOverWantedGenres() {
        MovieFilter filter = new MovieFilter(Set.of("Comedy"), GenreMode.ANY, Set.of("Horror"), null, null,
                Set.of("7"));
        assertFalse(filter.accepts("1", List.of("Comedy", "Horror"), 2000));
        assertFalse(filter.accepts("7", List.of("Comedy"), 2000));
        assertTrue(filter.accepts("8", List.of("Comedy"), 2000));
    }

    @Test
    void yearBoundsAreInclusiveAndRefuseUnknownYears() {
        MovieFilter filter = new MovieFilter(Set.of(), GenreMode.ANY, Set.of(), 1990, 1999, Set.of());
        assertTrue(filter.accepts("1", List.of(), 1990));
        assertTrue(filter.accepts("1", List.of(), 1999));
        assertFalse(filter.accepts("1", List.of(), 1989));
        assertFalse(filter.accepts("1", List.of(), 2000));
        assertFalse(filter.accepts("1", List.of(), null));
        assertThrows(IllegalArgumentException.class,
                () -> new MovieFilter(Set.of(), GenreMode.ANY, Set.of(), 2000, 1990, Set.of()));
    }

    @Test
    void catalogueEntriesAreReadThroughTheVocabulary() {
        MovieEntry movie = new MovieEntry("5", 3, 10, 1995, new int[] {1}, List.of(), null);
        List<String> vocabulary = List.of("Comedy", "Drama");
        assertTrue(MovieFilter.genre("Drama").accepts(movie, vocabulary));
        assertFalse(MovieFilter.genre("Comedy").accepts(movie, vocabulary));
        assertEquals(MovieFilter.genre("Drama"), new MovieFilter(Set.of("Drama"), GenreMode.ANY, Set.of(), null,
                null, Set.of("9")).withoutExcludedIds());
    }

    /** The compiled filter agrees with the plain rule on every combination of a small vocabulary. */
    @Test
    void theCompiledFilterAgreesWithThePlainRule() {
        List<String> vocabulary = List.of("Action", "Comedy", "Drama", "War");
        java.util.Random random = new java.util.Random(3);
        int checked = 0;
        for (int f = 0; f < 200; f++) {
            Set<String> wanted = randomGenres(random, List.of("Action", "Comedy", "Drama", "War", "Noir"));
            Set<String> excluded = randomGenres(random, vocabulary);
            Integer from = random.nextBoolean() ? null : 1990 + random.nextInt(10);
            Integer to = random.nextBoolean() || from == null ? null : from + random.nextInt(10);
            MovieFilter filter = new MovieFilter(wanted, random.nextBoolean() ? GenreMode.ANY : GenreMode.ALL,
                    excluded, from, to, random.nextInt(4) == 0 ? Set.of("m1") : Set.of());
            MovieFilter.Compiled compiled = filter.compile(vocabulary);
            for (int m = 0; m < 30; m++) {
                java.util.TreeSet<Integer> indices = new java.util.TreeSet<>();
                for (String genre : randomGenres(random, vocabulary)) {
                    indices.add(vocabulary.indexOf(genre));
                }
                Integer year = random.nextInt(5) == 0 ? null : 1985 + random.nextInt(20);
                MovieEntry movie = new MovieEntry("m" + random.nextInt(3), 1, 4, year,
                        indices.stream().mapToInt(Integer::intValue).toArray(), List.of(), null);
                List<String> names = indices.stream().map(vocabulary::get).toList();
                assertEquals(filter.accepts(movie.movieId(), names, year), compiled.accepts(movie),
                        filter + " " + names + " " + year);
                checked++;
            }
        }
        assertEquals(6000, checked);
    }

    private static Set<String> randomGenres(java.util.Random random, List<String> from) {
        Set<String> chosen = new java.util.HashSet<>();
        for (String genre : from) {
            if (random.nextInt(3) == 0) {
                chosen.add(genre);
            }
        }
        return chosen;
    }
}
