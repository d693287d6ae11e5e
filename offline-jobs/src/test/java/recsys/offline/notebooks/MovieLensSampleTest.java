package recsys.offline.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import recsys.core.movielens.LineResult;
import recsys.core.movielens.MovieLensFormat;
import recsys.core.movielens.MovieLensParser;
import recsys.offline.testing.MovieLensFixture;

class MovieLensSampleTest {

    private final MovieLensFixture fixture = new MovieLensFixture(11, 40, 25, 8);

    @Test
    void keepsEveryRatingOfTheDrawnUsersAndOnlyTheMoviesTheyRated(@TempDir Path dir) throws IOException {
        for (MovieLensFormat format : List.of(MovieLensFormat.ML_LATEST_CSV, MovieLensFormat.ML_DAT,
                MovieLensFormat.ML_100K)) {
            Path source = write(format, dir.resolve("source-" + format));
            Path target = dir.resolve("sample-" + format);
            MovieLensSample sample = MovieLensSample.write(source, target, 7, 3);

            MovieLensParser parser = format.parser();
            Charset charset = format.charset();
            List<String> sourceRatings = Files.readAllLines(source.resolve(format.ratingsFile()), charset);
            List<String> sampleRatings = Files.readAllLines(target.resolve(format.ratingsFile()), charset);
            Set<String> users = values(sampleRatings, parser::rating).stream().map(r -> r.userId())
                    .collect(java.util.stream.Collectors.toSet());
            assertEquals(7, users.size(), format.toString());
            assertEquals(7, sample.users());
            // every rating line of a drawn user is kept, byte for byte, and no other
            List<String> expected = sourceRatings.stream().filter(line -> parser.rating(line).toOptional()
                    .map(r -> users.contains(r.userId())).orElse(false)).toList();
            assertEquals(expected, sampleRatings.subList(format.hasHeader() ? 1 : 0, sampleRatings.size()));
            assertEquals(expected.size(), sample.ratings());
            Set<String> rated = new HashSet<>();
            values(sampleRatings, parser::rating).forEach(r -> rated.add(r.movieId()));
            Set<String> movies = new HashSet<>();
            values(Files.readAllLines(target.resolve(format.moviesFile()), charset), parser::movie)
                    .forEach(m -> movies.add(m.movieId()));
            assertEquals(rated.size(), sample.movies(), "the distinct movies the kept ratings name");
            // the fixture rates a movie its catalogue lacks: ingest drops such ratings, the sample keeps the lines
            rated.retainAll(allMovies(source, format));
            assertEquals(rated, movies, format.toString());
            if (format.hasHeader()) {
                assertEquals(Files.readAllLines(source.resolve(format.moviesFile()), charset).get(0),
                        Files.readAllLines(target.resolve(format.moviesFile()), charset).get(0));
            }
        }
    }

    @Test
    void theSameSeedDrawsTheSameUsersAndAnotherSeedOthers(@TempDir Path dir) throws IOException {
        Path source = fixture.writeMlLatest(dir.resolve("source"));
        MovieLensSample.write(source, dir.resolve("a"), 5, 1);
        MovieLensSample.write(source, dir.resolve("b"), 5, 1);
        MovieLensSample.write(source, dir.resolve("c"), 5, 2);
        assertEquals(Files.readAllLines(dir.resolve("a/ratings.csv")), Files.readAllLines(dir.resolve("b/ratings.csv")));
        assertTrue(!Files.readAllLines(dir.resolve("a/ratings.csv")).equals(
                Files.readAllLines(dir.resolve("c/ratings.csv"))), "another seed, another draw");
    }

    @Test
    void moreUsersThanTheFolderHasKeepsThemAll(@TempDir Path dir) {
        Path source = fixture.writeMlLatest(dir.resolve("source"));
        assertEquals(fixture.expectedUsers(), MovieLensSample.write(source, dir.resolve("all"), 10_000, 1).users());
    }

    private Path write(MovieLensFormat format, Path dir) {
        return switch (format) {
            case ML_LATEST_CSV -> fixture.writeMlLatest(dir);
            case ML_DAT -> fixture.writeMlDat(dir);
            default -> fixture.writeMl100k(dir);
        };
    }

    private static Set<String> allMovies(Path source, MovieLensFormat format) throws IOException {
        Set<String> ids = new HashSet<>();
        values(Files.readAllLines(source.resolve(format.moviesFile()), format.charset()), format.parser()::movie)
                .forEach(m -> ids.add(m.movieId()));
        return ids;
    }

    private static <T> List<T> values(List<String> lines, Function<String, LineResult<T>> parse) {
        return lines.stream().map(parse).filter(LineResult::isParsed).map(LineResult::value).toList();
    }
}
