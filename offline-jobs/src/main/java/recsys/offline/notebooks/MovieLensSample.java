package recsys.offline.notebooks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import recsys.core.movielens.LineResult;
import recsys.core.movielens.MovieLensFormat;
import recsys.core.movielens.MovieLensParser;

/**
 * A smaller MovieLens folder in the same format: every rating of {@code users} users drawn at random, and only the
 * movies (with their tags and links) those users rated. The kept lines are copied byte for byte, so the sample goes
 * through ingest exactly as the full folder would; files the format does not parse are copied whole.
 *
 * <p>Written for the notebooks, which train on a sample of a folder to stay within minutes on any MovieLens size.
 * Lines that do not parse are dropped from the rating, tag and link files (ingest would reject them anyway) but
 * kept in the movies file when they are the header.
 *
 * @param users  users kept
 * @param movies movies kept
 * @param ratings rating lines kept
 */
public record MovieLensSample(int users, int movies, long ratings) {

    /**
     * Writes the sample of {@code source} into {@code target} (created; existing files of the same names replaced).
     *
     * @param users how many users to keep; all of them when the folder has fewer
     * @param seed  the draw's seed: the same seed and folder give the same sample
     */
    public static MovieLensSample write(Path source, Path target, int users, long seed) {
        if (users < 1) {
            throw new IllegalArgumentException("a sample needs at least one user, got " + users);
        }
        try (Stream<Path> listing = Files.list(source)) {
            List<Path> files = listing.filter(Files::isRegularFile).sorted().toList();
            MovieLensFormat format = MovieLensFormat.detect(files.stream().map(f -> f.getFileName().toString())
                    .toList()).orElseThrow(() -> new IllegalArgumentException("no MovieLens data in " + source));
            MovieLensParser parser = format.parser();
            Charset charset = format.charset();
            Path ratingsFile = source.resolve(format.ratingsFile());

            Set<String> allUsers = new TreeSet<>();
            forEachValue(ratingsFile, charset, parser::rating, rating -> allUsers.add(rating.userId()));
            List<String> drawn = new ArrayList<>(allUsers);
            java.util.Collections.shuffle(drawn, new Random(seed));
            Set<String> keptUsers = new HashSet<>(drawn.subList(0, Math.min(users, drawn.size())));

            Files.createDirectories(target);
            Set<String> keptMovies = new HashSet<>();
            long ratings = copyLines(ratingsFile, target, charset, format.hasHeader(), line -> parser.rating(line)
                    .toOptional().filter(r -> keptUsers.contains(r.userId())).map(r -> keptMovies.add(r.movieId()))
                    .isPresent());
            Path moviesFile = source.resolve(format.moviesFile());
            copyLines(moviesFile, target, charset, format.hasHeader(), line -> parser.movie(line).toOptional()
                    .filter(m -> keptMovies.contains(m.movieId())).isPresent());
            Set<Path> parsed = new HashSet<>(List.of(ratingsFile, moviesFile));
            // the files that name a movie besides the catalogue: kept for the kept movies only
            List<Map.Entry<Optional<String>, Function<String, Optional<String>>>> byMovie = List.of(
                    Map.entry(format.tagsFile(), line -> parser.tag(line).toOptional().map(t -> t.movieId())),
                    Map.entry(format.linksFile(), line -> parser.link(line).toOptional().map(l -> l.movieId())));
            for (var file : byMovie) {
                if (file.getKey().isPresent()) {
                    Path path = source.resolve(file.getKey().get());
                    parsed.add(path);
                    if (Files.exists(path)) {
                        copyLines(path, target, charset, format.hasHeader(),
                                line -> file.getValue().apply(line).filter(keptMovies::contains).isPresent());
                    }
                }
            }
            for (Path file : files) {
                if (!parsed.contains(file)) {
                    Files.copy(file, target.resolve(file.getFileName()),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return new MovieLensSample(keptUsers.size(), keptMovies.size(), ratings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sample " + source + " into " + target, e);
        }
    }

    private static <T> void forEachValue(Path file, Charset charset, Function<String, LineResult<T>> parse,
                                         java.util.function.Consumer<T> action) throws IOException {
        try (Stream<String> lines = Files.lines(file, charset)) {
            lines.map(parse).filter(LineResult::isParsed).map(LineResult::value).forEach(action);
        }
    }

    /** Copies the lines {@code keep} accepts (and the header line when the format has one); returns how many. */
    private static long copyLines(Path file, Path target, Charset charset, boolean header, Predicate<String> keep)
            throws IOException {
        long kept = 0;
        try (Stream<String> lines = Files.lines(file, charset);
             BufferedWriter out = Files.newBufferedWriter(target.resolve(file.getFileName()), charset)) {
            var iterator = lines.iterator();
            boolean first = true;
            while (iterator.hasNext()) {
                String line = iterator.next();
                if ((first && header) || keep.test(line)) {
                    out.write(line);
                    out.write('\n');
                    kept += first && header ? 0 : 1;
                }
                first = false;
            }
        }
        return kept;
    }
}
