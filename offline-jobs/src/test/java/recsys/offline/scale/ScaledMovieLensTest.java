package recsys.offline.scale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import recsys.core.movielens.LineResult;
import recsys.core.movielens.Movie;
import recsys.core.movielens.MovieLensFormat;
import recsys.core.movielens.MovieLensParser;
import recsys.core.movielens.Rating;

class ScaledMovieLensTest {

    @TempDir
    Path temp;

    @Test
    void usersRatingsAndTagsGrowByTheUserCopiesAndMoviesByTheMovieCopies() throws IOException {
        Path source = source();
        ScaledMovieLens.Written written = ScaledMovieLens.write(source, temp.resolve("x"),
                new ScaledMovieLens.Shape(4, 3, 7));

        assertEquals(new ScaledMovieLens.Written(3 * 4, 5 * 3, 9 * 4, 2 * 4), written);
        MovieLensParser parser = MovieLensFormat.ML_LATEST_CSV.parser();
        List<String> movieLines = body(temp.resolve("x/movies.csv"));
        Map<String, Movie> movies = new HashMap<>();
        for (String line : movieLines) {
            LineResult<Movie> movie = parser.movie(line);
            assertTrue(movie.isParsed(), () -> line + ": " + movie.reason());
            movies.put(movie.value().movieId(), movie.value());
        }
        assertEquals(15, movies.size(), "distinct ids");
        // copy 2 of movie 10: a new id, the title marked before its year, the year and genres kept
        Movie copy = movies.get("210");
        assertEquals("Heat [2] (1995)", copy.title());
        assertEquals(movies.get("10").genres(), copy.genres());
        assertEquals(movies.get("10").year(), copy.year());
        assertEquals("No Year [1]", movies.get("112").title());

        Set<String> pairs = new HashSet<>();
        Set<String> users = new HashSet<>();
        for (String line : body(temp.resolve("x/ratings.csv"))) {
            LineResult<Rating> rating = parser.rating(line);
            assertTrue(rating.isParsed(), () -> line + ": " + rating.reason());
            Rating r = rating.value();
            assertTrue(movies.containsKey(r.movieId()), "a rated movie exists: " + line);
            assertTrue(pairs.add(r.userId() + "/" + r.movieId()), "no (user, movie) pair repeats: " + line);
            assertTrue(r.rating() >= 0.5 && r.rating() <= 5 && r.rating() * 2 == Math.rint(r.rating() * 2), line);
            users.add(r.userId());
        }
        assertEquals(Set.of("1", "2", "3", "11", "12", "13", "21", "22", "23", "31", "32", "33"), users);
        // user copy 0 is the source itself
        assertEquals(body(source.resolve("ratings.csv")), body(temp.resolve("x/ratings.csv")).subList(0, 9));
        assertEquals(5 * 3, body(temp.resolve("x/links.csv")).size());
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOtherRatings() throws IOException {
        Path source = source();
        ScaledMovieLens.write(source, temp.resolve("a"), new ScaledMovieLens.Shape(6, 3, 1));
        ScaledMovieLens.write(source, temp.resolve("b"), new ScaledMovieLens.Shape(6, 3, 1));
        ScaledMovieLens.write(source, temp.resolve("c"), new ScaledMovieLens.Shape(6, 3, 2));
        for (String file : List.of("movies.csv", "ratings.csv", "tags.csv", "links.csv")) {
            assertArrayEquals(Files.readAllBytes(temp.resolve("a").resolve(file)),
                    Files.readAllBytes(temp.resolve("b").resolve(file)), file);
        }
        assertNotEquals(body(temp.resolve("a/ratings.csv")), body(temp.resolve("c/ratings.csv")));
    }

    @Test
    void idsOfCopiesStartAtThePowerOfTenAboveTheLargestId() {
        assertEquals(10, ScaledMovieLens.stride(9));
        assertEquals(100, ScaledMovieLens.stride(10));
        assertEquals(1_000_000, ScaledMovieLens.stride(193_609));
    }

    private Path source() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("source"));
        Files.writeString(dir.resolve("movies.csv"), """
                movieId,title,genres
                1,Toy Story (1995),Adventure|Animation
                2,"Jumanji, The (1995)",Adventure|Children
                3,Grumpier Old Men (1995),Comedy|Romance
                10,Heat (1995),Action|Crime
                12,No Year,(no genres listed)
                """);
        Files.writeString(dir.resolve("ratings.csv"), """
                userId,movieId,rating,timestamp
                1,1,4.0,964982703
                1,2,0.5,964981247
                1,10,5.0,964982224
                2,1,3.5,1445714994
                2,3,3.0,1445714996
                2,12,2.5,1445715000
                3,2,4.5,1306463578
                3,3,1.0,1306463600
                3,10,2.0,1306463700
                """);
        Files.writeString(dir.resolve("tags.csv"), """
                userId,movieId,tag,timestamp
                2,1,"funny, sweet",1445714994
                3,10,crime,1306463700
                """);
        Files.writeString(dir.resolve("links.csv"), """
                movieId,imdbId,tmdbId
                1,0114709,862
                2,0113497,8844
                3,0113228,15602
                10,0113277,949
                12,0000001,
                """);
        return dir;
    }

    private static List<String> body(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return lines.subList(1, lines.size());
    }
}
