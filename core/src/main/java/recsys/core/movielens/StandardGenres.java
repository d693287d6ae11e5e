package recsys.core.movielens;

import java.util.List;

/**
 * The genres of the MovieLens releases, in the shared spelling ({@link Genres}: {@code Children}, not
 * {@code Children's}): the vocabulary a movie posted to the service may use besides the loaded catalogue's own.
 */
public final class StandardGenres {

    public static final List<String> ALL = List.of("Action", "Adventure", "Animation", "Children", "Comedy", "Crime",
            "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "IMAX", "Musical", "Mystery", "Romance",
            "Sci-Fi", "Thriller", "War", "Western");

    private StandardGenres() {
    }
}
