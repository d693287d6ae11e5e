package recsys.core.movielens;

/**
 * ml-1m and ml-10m: ISO-8859-1 text, fields separated by {@code ::}, no header, no quoting.
 * <pre>
 * movies.dat   MovieID::Title::Genres          genres separated by '|'
 * ratings.dat  UserID::MovieID::Rating::Timestamp
 * tags.dat     UserID::MovieID::Tag::Timestamp  (ml-10m only)
 * </pre>
 * Titles often hold single colons ("Star Wars: Episode IV - A New Hope (1977)"), which a split on {@code ::}
 * leaves alone.
 */
final class DatParser implements MovieLensParser {
    private static final long serialVersionUID = 1L;

    private static final String DELIMITER = "::";

    @Override
    public LineResult<Movie> movie(String line) {
        return DelimitedLine.split(line, DELIMITER, 3)
                .flatMap(f -> Movie.fromFields(f.get(0), f.get(1), Genres.splitPipes(f.get(2))));
    }

    @Override
    public LineResult<Rating> rating(String line) {
        return DelimitedLine.split(line, DELIMITER, 4)
                .flatMap(f -> Rating.fromFields(f.get(0), f.get(1), f.get(2), f.get(3)));
    }

    /** Tags are free text typed by users, so a {@code ::} inside one stays part of the tag. */
    @Override
    public LineResult<Tag> tag(String line) {
        return DelimitedLine.splitAroundMiddle(line, DELIMITER, 2, 1)
                .flatMap(f -> Tag.fromFields(f.get(0), f.get(1), f.get(2), f.get(3)));
    }

    @Override
    public LineResult<Link> link(String line) {
        return LineResult.rejected(NO_LINKS);
    }
}
