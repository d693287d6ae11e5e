package recsys.core.movielens;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where a movie lives on IMDb and TMDB.
 *
 * @param imdbId the IMDb number as written in links.csv, leading zeros kept ("0114709" → tt0114709)
 * @param tmdbId the TMDB id, or {@code null} for the few movies links.csv leaves blank
 */
public record Link(String movieId, String imdbId, String tmdbId) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Link {
        Objects.requireNonNull(movieId, "movieId");
        Objects.requireNonNull(imdbId, "imdbId");
    }

    /** Builds a link from the raw fields of a line, or says why it cannot; a blank tmdbId is allowed. */
    public static LineResult<Link> fromFields(String movieId, String imdbId, String tmdbId) {
        try {
            String movie = Fields.entityId("movieId", movieId);
            String imdb = Fields.digits("imdbId", imdbId);
            String tmdb = tmdbId == null || tmdbId.isBlank() ? null : Fields.digits("tmdbId", tmdbId);
            return LineResult.parsed(new Link(movie, imdb, tmdb));
        } catch (RejectedField e) {
            return LineResult.rejected(e.reason());
        }
    }
}
