package recsys.online.movies;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Catalogue-wide facts the popularity ranking and the genre parameter need, read from the {@code movies} index.
 *
 * @param genres         every genre of the catalogue, sorted
 * @param globalMean     the mean of all ratings (each movie's mean weighted by its count), what a movie's damped
 *                       mean shrinks towards; 0 for a catalogue without ratings
 * @param maxRatingCount the largest rating count of a movie
 */
public record Catalogue(List<String> genres, double globalMean, long maxRatingCount) {

    public Catalogue {
        genres = List.copyOf(genres);
    }

    /** The catalogue's spelling of {@code genre}, compared ignoring case, if the catalogue has it. */
    public Optional<String> genre(String genre) {
        String wanted = genre.trim().toLowerCase(Locale.ROOT);
        return genres.stream().filter(g -> g.toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }
}
