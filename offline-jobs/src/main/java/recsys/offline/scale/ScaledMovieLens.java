package recsys.offline.scale;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A larger MovieLens-shaped folder (ml-latest CSV: {@code movies.csv}, {@code ratings.csv}, {@code tags.csv},
 * {@code links.csv}) derived from a real one, for measuring how the jobs and the service scale. Quality figures on
 * it mean nothing: its users are copies of real ones with their ratings moved to copies of the movies.
 *
 * <ul>
 *   <li>every movie has {@code movieCopies} copies: copy 0 is the movie itself, copy k a new id
 *       ({@code id + k·stride}, stride the power of ten above the largest id) whose title gets " [k]" before its
 *       year, so each copy has its own text to embed; genres and links are the original's;</li>
 *   <li>every user has {@code userCopies} copies, ids made the same way. Copy c of a user rates, for each of the
 *       original's ratings, one copy of that movie, chosen by a seeded hash of (c, user, movie), so the copies'
 *       tastes overlap the original's without repeating it; the rating moves half a star up or down with
 *       probability 0.3 (kept in [0.5, 5]) and every timestamp of the copy shifts by one offset of up to a year.
 *       Tags follow their ratings' mapping.</li>
 * </ul>
 * So ratings, users and tags grow by {@code userCopies} and movies by {@code movieCopies}; no (user, movie) pair
 * repeats, since a user's original movies are distinct and map to distinct copies. The same source, shape and seed
 * give the same bytes.
 *
 * <p>Written by hand rather than in Spark: a sequential pass that keeps only the source in memory, linear in the
 * output, is all it takes (25 million ratings from ml-latest-small's 100,836 in 17 s), and it runs where
 * no Spark is.
 */
public final class ScaledMovieLens {

    /** How much larger: copies of each user and of each movie, and the seed of every random choice. */
    public record Shape(int userCopies, int movieCopies, long seed) {
        public Shape {
            if (userCopies < 1 || movieCopies < 1) {
                throw new IllegalArgumentException("copies must be at least 1, got users " + userCopies
                        + " and movies " + movieCopies);
            }
        }
    }

    /** What was written. */
    public record Written(long users, long movies, long ratings, long tags) {
    }

    private static final Pattern YEAR = Pattern.compile("^(.*?)(\\s*\\(\\d{4}\\)\\s*)$");
    private static final double NUDGE_PROBABILITY = 0.3;
    private static final long MAX_SHIFT_SECONDS = 365L * 24 * 3600;
    private static final CSVFormat READ = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build();

    private record Line(long user, long movie, String value, long timestamp) {
    }

    private ScaledMovieLens() {
    }

    public static Written write(Path source, Path target, Shape shape) throws IOException {
        Files.createDirectories(target);
        List<CSVRecord> movies = read(source.resolve("movies.csv"));
        List<Line> ratings = lines(source.resolve("ratings.csv"), "rating");
        Path tagsFile = source.resolve("tags.csv");
        List<Line> tags = Files.exists(tagsFile) ? lines(tagsFile, "tag") : List.of();
        long movieStride = stride(movies.stream().mapToLong(m -> Long.parseLong(m.get("movieId"))).max().orElse(0));
        long userStride = stride(ratings.stream().mapToLong(Line::user).max().orElse(0));

        try (CSVPrinter out = printer(target.resolve("movies.csv"), "movieId", "title", "genres")) {
            for (int k = 0; k < shape.movieCopies(); k++) {
                for (CSVRecord movie : movies) {
                    long id = Long.parseLong(movie.get("movieId")) + k * movieStride;
                    out.printRecord(id, k == 0 ? movie.get("title") : copyTitle(movie.get("title"), k),
                            movie.get("genres"));
                }
            }
        }
        Path linksFile = source.resolve("links.csv");
        if (Files.exists(linksFile)) {
            List<CSVRecord> links = read(linksFile);
            try (CSVPrinter out = printer(target.resolve("links.csv"), "movieId", "imdbId", "tmdbId")) {
                for (int k = 0; k < shape.movieCopies(); k++) {
                    for (CSVRecord link : links) {
                        out.printRecord(Long.parseLong(link.get("movieId")) + k * movieStride, link.get("imdbId"),
                                link.get("tmdbId"));
                    }
                }
            }
        }
        Set<Long> users = new LinkedHashSet<>();
        long ratingCount = 0;
        try (CSVPrinter out = printer(target.resolve("ratings.csv"), "userId", "movieId", "rating", "timestamp")) {
            for (int c = 0; c < shape.userCopies(); c++) {
                for (Line rating : ratings) {
                    Random random = random(shape.seed(), c, rating.user(), rating.movie());
                    long user = rating.user() + c * userStride;
                    users.add(user);
                    out.printRecord(user, movieCopy(rating, c, shape, movieStride),
                            c == 0 ? rating.value() : nudged(Double.parseDouble(rating.value()), random),
                            rating.timestamp() + shift(shape.seed(), c, rating.user()));
                    ratingCount++;
                }
            }
        }
        long tagCount = 0;
        if (!tags.isEmpty()) {
            try (CSVPrinter out = printer(target.resolve("tags.csv"), "userId", "movieId", "tag", "timestamp")) {
                for (int c = 0; c < shape.userCopies(); c++) {
                    for (Line tag : tags) {
                        out.printRecord(tag.user() + c * userStride, movieCopy(tag, c, shape, movieStride),
                                tag.value(), tag.timestamp() + shift(shape.seed(), c, tag.user()));
                        tagCount++;
                    }
                }
            }
        }
        return new Written(users.size(), (long) movies.size() * shape.movieCopies(), ratingCount, tagCount);
    }

    /** The smallest power of ten above {@code max}: copies' ids never meet the originals'. */
    static long stride(long max) {
        long stride = 10;
        while (stride <= max) {
            stride *= 10;
        }
        return stride;
    }

    static String copyTitle(String title, int copy) {
        Matcher year = YEAR.matcher(title);
        return year.matches() ? year.group(1) + " [" + copy + "]" + year.group(2) : title + " [" + copy + "]";
    }

    /** User copy 0 keeps the original movies; the others spread over the copies. */
    private static long movieCopy(Line line, int userCopy, Shape shape, long movieStride) {
        if (userCopy == 0) {
            return line.movie();
        }
        Random random = random(shape.seed() ^ 0x5DEECE66DL, userCopy, line.user(), line.movie());
        return line.movie() + random.nextInt(shape.movieCopies()) * movieStride;
    }

    private static String nudged(double rating, Random random) {
        if (random.nextDouble() >= NUDGE_PROBABILITY) {
            return Double.toString(rating);
        }
        double moved = rating + (random.nextBoolean() ? 0.5 : -0.5);
        return Double.toString(Math.max(0.5, Math.min(5.0, moved)));
    }

    private static long shift(long seed, int userCopy, long user) {
        return userCopy == 0 ? 0 : (long) (random(seed, userCopy, user, -1).nextDouble() * MAX_SHIFT_SECONDS);
    }

    private static Random random(long seed, int copy, long user, long movie) {
        long h = seed;
        for (long part : new long[] {copy, user, movie}) {
            h = h * 0x9E3779B97F4A7C15L + part;
            h ^= h >>> 31;
        }
        return new Random(h);
    }

    private static List<Line> lines(Path file, String valueColumn) throws IOException {
        List<Line> lines = new ArrayList<>();
        for (CSVRecord record : read(file)) {
            lines.add(new Line(Long.parseLong(record.get("userId")), Long.parseLong(record.get("movieId")),
                    record.get(valueColumn), Long.parseLong(record.get("timestamp"))));
        }
        return lines;
    }

    private static List<CSVRecord> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return READ.parse(reader).getRecords();
        }
    }

    private static CSVPrinter printer(Path file, String... header) throws IOException {
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(header).setRecordSeparator("\n")
                .build());
    }
}
