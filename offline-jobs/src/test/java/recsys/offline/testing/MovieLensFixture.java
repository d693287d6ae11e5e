package recsys.offline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A small synthetic MovieLens data set, written in each supported format so the same catalogue can be
 * ingested from all of them. Titles include commas, quotes and Latin-1 accents; the rating file includes a
 * repeated (user, movie), ratings of a movie the catalogue lacks, and malformed lines. The expected results are
 * derived from the generated data, not written by hand.
 */
public final class MovieLensFixture {

    public static final String[] GENRES = {"Action", "Adventure", "Animation", "Children", "Comedy", "Crime",
            "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi",
            "Thriller", "War", "Western"};
    private static final String[] TAGS = {"pixar", "funny", "Dark", " twist ending ", "classic", "based on a book"};

    public record FixtureMovie(String id, String title, Integer year, List<String> genres) {
    }

    public record FixtureRating(String userId, String movieId, double rating, long timestamp) {
    }

    public record FixtureTag(String userId, String movieId, String tag, long timestamp) {
    }

    public final List<FixtureMovie> movies = new ArrayList<>();
    /** Every rating line that parses, including the duplicate and the unknown-movie ones. */
    public final List<FixtureRating> ratingLines = new ArrayList<>();
    public final List<FixtureTag> tagLines = new ArrayList<>();
    public final String unknownMovieId = "9999";
    public final int malformedRatingLines = 3;

    public MovieLensFixture(long seed, int movieCount, int userCount, int ratingsPerUser) {
        Random random = new Random(seed);
        for (int i = 1; i <= movieCount; i++) {
            int year = 1950 + random.nextInt(70);
            String name = switch (i % 5) {
                case 0 -> "Shawshank Redemption, The " + i;
                case 1 -> "\"Great Performances\" Cats " + i;
                case 2 -> "Misérables, Les " + i;
                default -> "Plain Movie " + i;
            };
            List<String> genres = new ArrayList<>();
            if (i % 7 != 3) {
                int count = 1 + random.nextInt(3);
                Set<String> chosen = new LinkedHashSet<>();
                while (chosen.size() < count) {
                    chosen.add(GENRES[random.nextInt(GENRES.length)]);
                }
                genres.addAll(chosen);
            }
            movies.add(new FixtureMovie(Integer.toString(i), name + " (" + year + ")", year, genres));
        }
        long clock = 1_000_000_000L;
        for (int u = 1; u <= userCount; u++) {
            List<FixtureMovie> shuffled = new ArrayList<>(movies);
            Collections.shuffle(shuffled, random);
            for (FixtureMovie movie : shuffled.subList(0, Math.min(ratingsPerUser, shuffled.size()))) {
                clock += 1 + random.nextInt(1000);
                ratingLines.add(new FixtureRating(Integer.toString(u), movie.id(), 1 + random.nextInt(5), clock));
            }
        }
        // user 1 re-rates their first movie later: the later rating must win
        FixtureRating first = ratingLines.get(0);
        ratingLines.add(new FixtureRating(first.userId(), first.movieId(), first.rating() == 5 ? 1 : 5, clock + 10));
        // two ratings of a movie that is not in the catalogue
        ratingLines.add(new FixtureRating("2", unknownMovieId, 4, clock + 20));
        ratingLines.add(new FixtureRating("3", unknownMovieId, 3, clock + 30));
        for (int t = 0; t < 60; t++) {
            FixtureRating rated = ratingLines.get(random.nextInt(ratingLines.size() - 3));
            tagLines.add(new FixtureTag(rated.userId(), rated.movieId(), TAGS[random.nextInt(TAGS.length)], rated.timestamp() + 1));
        }
    }

    /** Ratings after cleaning: unknown movies dropped, the latest rating of each (user, movie) kept. */
    public Map<String, FixtureRating> expectedRatings() {
        Set<String> known = movies.stream().map(FixtureMovie::id).collect(Collectors.toSet());
        Map<String, FixtureRating> latest = new LinkedHashMap<>();
        for (FixtureRating rating : ratingLines) {
            if (!known.contains(rating.movieId())) {
                continue;
            }
            latest.merge(rating.userId() + "/" + rating.movieId(), rating,
                    (a, b) -> b.timestamp() >= a.timestamp() ? b : a);
        }
        return latest;
    }

    public long expectedUsers() {
        return expectedRatings().values().stream().map(FixtureRating::userId).distinct().count();
    }

    public long unknownMovieRatings() {
        return ratingLines.stream().filter(r -> r.movieId().equals(unknownMovieId)).count();
    }

    // ---- writers -------------------------------------------------------------------------------------------

    /** ml-latest CSV family with CRLF line endings, RFC-4180 quoting, tags and links. */
    public Path writeMlLatest(Path dir) {
        List<String> movieLines = new ArrayList<>(List.of("movieId,title,genres"));
        movies.forEach(m -> movieLines.add(m.id() + "," + csv(m.title()) + ","
                + (m.genres().isEmpty() ? "(no genres listed)" : String.join("|", m.genres()))));
        List<String> ratingLinesCsv = new ArrayList<>(List.of("userId,movieId,rating,timestamp"));
        ratingLines.forEach(r -> ratingLinesCsv.add(r.userId() + "," + r.movieId() + "," + r.rating() + "," + r.timestamp()));
        ratingLinesCsv.add(2, "1,2,not-a-number,1000");
        ratingLinesCsv.add(5, "1,3");
        ratingLinesCsv.add(9, "1,4,7.5,1000");
        List<String> tagLinesCsv = new ArrayList<>(List.of("userId,movieId,tag,timestamp"));
        tagLines.forEach(t -> tagLinesCsv.add(t.userId() + "," + t.movieId() + "," + csv(t.tag()) + "," + t.timestamp()));
        List<String> linkLines = new ArrayList<>(List.of("movieId,imdbId,tmdbId"));
        movies.forEach(m -> linkLines.add(m.id() + "," + String.format("%07d", 100000 + Integer.parseInt(m.id()))
                + "," + (Integer.parseInt(m.id()) % 4 == 0 ? "" : Integer.toString(800 + Integer.parseInt(m.id())))));
        write(dir.resolve("movies.csv"), movieLines, "\r\n", StandardCharsets.UTF_8);
        write(dir.resolve("ratings.csv"), ratingLinesCsv, "\r\n", StandardCharsets.UTF_8);
        write(dir.resolve("tags.csv"), tagLinesCsv, "\r\n", StandardCharsets.UTF_8);
        write(dir.resolve("links.csv"), linkLines, "\r\n", StandardCharsets.UTF_8);
        return dir;
    }

    /** ml-1m / ml-10m {@code ::} files in Latin-1, LF endings, with tags.dat. */
    public Path writeMlDat(Path dir) {
        List<String> movieLines = new ArrayList<>();
        movies.forEach(m -> movieLines.add(m.id() + "::" + m.title() + "::"
                + (m.genres().isEmpty() ? "(no genres listed)" : String.join("|", datGenres(m.genres())))));
        List<String> ratingLinesDat = new ArrayList<>();
        ratingLines.forEach(r -> ratingLinesDat.add(r.userId() + "::" + r.movieId() + "::" + (int) r.rating() + "::" + r.timestamp()));
        ratingLinesDat.add(1, "1::2::x::1000");
        ratingLinesDat.add(4, "1::3");
        ratingLinesDat.add(8, "1::4::9::1000");
        List<String> tagLinesDat = new ArrayList<>();
        tagLines.forEach(t -> tagLinesDat.add(t.userId() + "::" + t.movieId() + "::" + t.tag() + "::" + t.timestamp()));
        write(dir.resolve("movies.dat"), movieLines, "\n", StandardCharsets.ISO_8859_1);
        write(dir.resolve("ratings.dat"), ratingLinesDat, "\n", StandardCharsets.ISO_8859_1);
        write(dir.resolve("tags.dat"), tagLinesDat, "\n", StandardCharsets.ISO_8859_1);
        return dir;
    }

    /** ml-100k: {@code u.item} with 19 genre flags and {@code u.data}, Latin-1; no tags. */
    public Path writeMl100k(Path dir) {
        String[] order = {"unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime",
                "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi",
                "Thriller", "War", "Western"};
        List<String> itemLines = new ArrayList<>();
        for (FixtureMovie m : movies) {
            List<String> names = datGenres(m.genres());
            StringBuilder line = new StringBuilder(m.id() + "|" + m.title() + "|01-Jan-" + m.year() + "||http://example.invalid/" + m.id());
            for (String genre : order) {
                boolean flag = genre.equals("unknown") ? m.genres().isEmpty() : names.contains(genre);
                line.append('|').append(flag ? '1' : '0');
            }
            itemLines.add(line.toString());
        }
        List<String> dataLines = new ArrayList<>();
        ratingLines.forEach(r -> dataLines.add(r.userId() + "\t" + r.movieId() + "\t" + (int) r.rating() + "\t" + r.timestamp()));
        dataLines.add(1, "1\t2\tfive\t1000");
        dataLines.add(4, "1\t3");
        dataLines.add(8, "1\t4\t0\t1000");
        write(dir.resolve("u.item"), itemLines, "\n", StandardCharsets.ISO_8859_1);
        write(dir.resolve("u.data"), dataLines, "\n", StandardCharsets.ISO_8859_1);
        return dir;
    }

    /** The older files spell Children's; ingest maps it to Children, so the fixture writes the old spelling. */
    private static List<String> datGenres(List<String> genres) {
        return genres.stream().map(g -> g.equals("Children") ? "Children's" : g).toList();
    }

    private static String csv(String value) {
        return value.contains(",") || value.contains("\"") || value.startsWith(" ") || value.endsWith(" ")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static void write(Path file, List<String> lines, String ending, Charset charset) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.join(ending, lines) + ending, charset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
