package recsys.core.movielens;

import java.util.ArrayList;
import java.util.List;

/**
 * ml-100k: ISO-8859-1 text, no header, no quoting, no tags, no links.
 * <pre>
 * u.data  user id \t item id \t rating \t timestamp
 * u.item  movie id | movie title | release date | video release date | IMDb URL | 19 genre flags (0/1)
 * </pre>
 */
final class Ml100kParser implements MovieLensParser {
    private static final long serialVersionUID = 1L;

    /** The genre of each u.item flag, in the order of the ml-100k README (and u.genre). */
    static final List<String> GENRE_FLAGS = List.of(
            "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary",
            "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller",
            "War", "Western");

    private static final int ITEM_FIELDS_BEFORE_FLAGS = 5;

    @Override
    public LineResult<Movie> movie(String line) {
        return DelimitedLine.split(line, "|", ITEM_FIELDS_BEFORE_FLAGS + GENRE_FLAGS.size())
                .flatMap(f -> flaggedGenres(f.subList(ITEM_FIELDS_BEFORE_FLAGS, f.size()))
                        .flatMap(genres -> Movie.fromFields(f.get(0), f.get(1), genres)));
    }

    @Override
    public LineResult<Rating> rating(String line) {
        return DelimitedLine.split(line, "\t", 4)
                .flatMap(f -> Rating.fromFields(f.get(0), f.get(1), f.get(2), f.get(3)));
    }

    @Override
    public LineResult<Tag> tag(String line) {
        return LineResult.rejected(NO_TAGS);
    }

    @Override
    public LineResult<Link> link(String line) {
        return LineResult.rejected(NO_LINKS);
    }

    /** The genre names whose flag is 1; normalised later with the other formats' genres. */
    private static LineResult<List<String>> flaggedGenres(List<String> flags) {
        List<String> genres = new ArrayList<>();
        for (int i = 0; i < flags.size(); i++) {
            String flag = flags.get(i).trim();
            if (flag.equals("1")) {
                genres.add(GENRE_FLAGS.get(i));
            } else if (!flag.equals("0")) {
                return LineResult.rejected("genre flag " + GENRE_FLAGS.get(i) + " is not 0 or 1: "
                        + Fields.show(flag));
            }
        }
        return LineResult.parsed(List.copyOf(genres));
    }
}
