package recsys.core.movielens;

import java.util.List;

/**
 * ml-latest and its siblings (ml-20m, ml-25m, ml-32m, ml-latest-small): UTF-8 CSV with a header line.
 * <pre>
 * movies.csv   movieId,title,genres          genres separated by '|'
 * ratings.csv  userId,movieId,rating,timestamp
 * tags.csv     userId,movieId,tag,timestamp
 * links.csv    movieId,imdbId,tmdbId         tmdbId may be empty
 * </pre>
 */
final class LatestCsvParser implements MovieLensParser {
    private static final long serialVersionUID = 1L;

    private static final List<String> MOVIE_COLUMNS = List.of("movieId", "title", "genres");
    private static final List<String> RATING_COLUMNS = List.of("userId", "movieId", "rating", "timestamp");
    private static final List<String> TAG_COLUMNS = List.of("userId", "movieId", "tag", "timestamp");
    private static final List<String> LINK_COLUMNS = List.of("movieId", "imdbId", "tmdbId");

    @Override
    public LineResult<Movie> movie(String line) {
        return CsvLine.fields(line, MOVIE_COLUMNS)
                .flatMap(f -> Movie.fromFields(f.get(0), f.get(1), Genres.splitPipes(f.get(2))));
    }

    @Override
    public LineResult<Rating> rating(String line) {
        return CsvLine.fields(line, RATING_COLUMNS)
                .flatMap(f -> Rating.fromFields(f.get(0), f.get(1), f.get(2), f.get(3)));
    }

    @Override
    public LineResult<Tag> tag(String line) {
        return CsvLine.fields(line, TAG_COLUMNS)
                .flatMap(f -> Tag.fromFields(f.get(0), f.get(1), f.get(2), f.get(3)));
    }

    @Override
    public LineResult<Link> link(String line) {
        return CsvLine.fields(line, LINK_COLUMNS)
                .flatMap(f -> Link.fromFields(f.get(0), f.get(1), f.get(2)));
    }
}
