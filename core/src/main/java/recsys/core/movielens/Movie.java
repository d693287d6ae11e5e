package recsys.core.movielens;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A movie as every MovieLens format describes it.
 *
 * @param movieId the MovieLens id, digits kept as text
 * @param title   the title as given, trimmed, year included ("Toy Story (1995)") because that is what clients show
 * @param year    the year from the end of the title, or {@code null} when the title has none
 * @param genres  genres in the shared vocabulary of {@link Genres}; empty when none are listed
 */
public record Movie(String movieId, String title, Integer year, List<String> genres) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Movie {
        Objects.requireNonNull(movieId, "movieId");
        Objects.requireNonNull(title, "title");
        genres = List.copyOf(genres);
    }

    /** Builds a movie from the raw fields of a line, applying the cleaning rules, or says why it cannot. */
    public static LineResult<Movie> fromFields(String movieId, String title, List<String> rawGenres) {
        try {
            String id = Fields.entityId("movieId", movieId);
            String cleanTitle = Fields.nonEmpty("title", title);
            OptionalInt year = TitleYear.of(cleanTitle);
            return LineResult.parsed(new Movie(id, cleanTitle, year.isPresent() ? year.getAsInt() : null,
                    Genres.normalise(rawGenres)));
        } catch (RejectedField e) {
            return LineResult.rejected(e.reason());
        }
    }
}
