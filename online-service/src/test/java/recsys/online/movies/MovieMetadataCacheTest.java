package recsys.online.movies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import recsys.online.config.MovieMetadataConfiguration;

/** What is kept, what is read again, and that a read racing a change keeps nothing. */
class MovieMetadataCacheTest {

    /** The index as a map the test edits; every read is recorded. */
    private final Map<String, MovieDocument> index = new HashMap<>();
    private final List<List<String>> reads = new ArrayList<>();
    private final Function<List<String>, Map<String, MovieDocument>> read = ids -> {
        reads.add(List.copyOf(ids));
        Map<String, MovieDocument> found = new HashMap<>();
        ids.forEach(id -> {
            if (index.containsKey(id)) {
                found.put(id, index.get(id));
            }
        });
        return found;
    };

    private static MovieMetadataCache cache(int maxMovies) {
        return new MovieMetadataCache(new MovieMetadataConfiguration(maxMovies, Duration.ofSeconds(1),
                Duration.ofSeconds(60)));
    }

    private static MovieDocument movie(String id, String title) {
        return new MovieDocument(id, title, List.of("Drama"), List.of(), 0, 0.0);
    }

    private static String title(Map<String, MovieDocument> documents, String id) {
        return documents.get(id).title();
    }

    @Test
    void keptMoviesAreNotReadAgainAndOnlyTheMissingOnesAre() {
        MovieMetadataCache cache = cache(100);
        index.put("1", movie("1", "One (2001)"));
        index.put("2", movie("2", "Two (2002)"));
        index.put("3", movie("3", "Three (2003)"));

        cache.get(List.of("1", "2"), read);
        Map<String, MovieDocument> second = cache.get(List.of("2", "1", "3", "3"), read);

        assertEquals(List.of(List.of("1", "2"), List.of("3")), reads, "the second read asks for 3 alone, once");
        assertEquals("Three (2003)", title(second, "3"));
        cache.get(List.of("3", "2", "1"), read);
        assertEquals(2, reads.size(), "all three kept: no read");
    }

    @Test
    void aForgottenMovieIsReadAgainWithItsNewFieldsAndForgetAllForgetsEveryOne() {
        MovieMetadataCache cache = cache(100);
        index.put("1", movie("1", "Old (2001)"));
        index.put("2", movie("2", "Two (2002)"));
        cache.get(List.of("1", "2"), read);
        index.put("1", movie("1", "New (2001)"));

        assertEquals("Old (2001)", title(cache.get(List.of("1"), read), "1"), "kept until told");
        cache.forget(List.of("1"));
        assertEquals("New (2001)", title(cache.get(List.of("1", "2"), read), "1"));
        assertEquals(List.of("1"), reads.get(reads.size() - 1), "only the forgotten one was read");

        cache.forgetAll();
        cache.get(List.of("1", "2"), read);
        assertEquals(List.of("1", "2"), reads.get(reads.size() - 1));
    }

    @Test
    void aMovieThatDoesNotExistIsAskedForAgainEveryTime() {
        MovieMetadataCache cache = cache(100);
        assertTrue(cache.get(List.of("9"), read).isEmpty());
        index.put("9", movie("9", "Nine (2009)"));
        assertEquals("Nine (2009)", title(cache.get(List.of("9"), read), "9"), "added elsewhere: found at once");
    }

    @Test
    void aReadThatRacedAChangeKeepsNothingOfWhatItRead() {
        MovieMetadataCache cache = cache(100);
        index.put("1", movie("1", "Old (2001)"));
        // the change lands while the read is in flight: the read got the old fields and must not keep them
        Function<List<String>, Map<String, MovieDocument>> racing = ids -> {
            Map<String, MovieDocument> stale = read.apply(ids);
            index.put("1", movie("1", "New (2001)"));
            cache.forget(List.of("1"));
            return stale;
        };
        assertEquals("Old (2001)", title(cache.get(List.of("1"), racing), "1"), "that request saw the old fields");
        assertEquals("New (2001)", title(cache.get(List.of("1"), read), "1"), "the next one reads again");
    }

    @Test
    void atMostMaxMoviesAreKept() {
        MovieMetadataCache cache = cache(10);
        List<String> ids = IntStream.range(0, 100).mapToObj(Integer::toString).toList();
        ids.forEach(id -> index.put(id, movie(id, "Movie " + id)));

        assertEquals(100, cache.get(ids, read).size(), "the request gets all it asked for");
        assertTrue(cache.size() <= 10, "kept " + cache.size());
    }

    @Test
    void zeroMaxMoviesReadsEveryTime() {
        MovieMetadataCache cache = cache(0);
        index.put("1", movie("1", "One (2001)"));
        cache.get(List.of("1"), read);
        cache.get(List.of("1"), read);
        assertEquals(2, reads.size());
        assertEquals(0, cache.size());
    }
}
