package recsys.core.movielens;

import java.io.Serializable;

/**
 * Parses single lines of one MovieLens format. Implementations hold no state, never throw on bad input and are
 * {@link Serializable} so a Spark job can ship one to its executors inside a closure.
 *
 * <p>Get one from {@link MovieLensFormat#parser()}.
 */
public interface MovieLensParser extends Serializable {

    String NO_TAGS = "format has no tags file";
    String NO_LINKS = "format has no links file";

    /** A line of the movies file. */
    LineResult<Movie> movie(String line);

    /** A line of the ratings file. */
    LineResult<Rating> rating(String line);

    /** A line of the tags file; rejected with {@link #NO_TAGS} by a format that has none. */
    LineResult<Tag> tag(String line);

    /** A line of the links file; rejected with {@link #NO_LINKS} by a format that has none. */
    LineResult<Link> link(String line);
}
