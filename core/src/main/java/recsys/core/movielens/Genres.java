package recsys.core.movielens;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the genre names of any MovieLens format into one shared vocabulary.
 *
 * <p>The releases disagree on small things that would otherwise split one genre in two: ml-100k and ml-1m say
 * {@code Children's} where ml-10m and ml-latest say {@code Children}. The genre one-hot features, the index's
 * genre filter and the clients all expect the same word whichever data set was loaded, so the newer spelling
 * wins. Placeholders meaning "no genre" ({@code (no genres listed)} in ml-latest, the {@code unknown} flag in
 * ml-100k) become an empty list rather than a fake genre that would make unrelated movies look alike.
 */
final class Genres {

    static final String NO_GENRES_LISTED = "(no genres listed)";
    static final String UNKNOWN = "unknown";

    private Genres() {
    }

    /** Splits the {@code Action|Comedy} form used by the CSV and .dat files; normalise afterwards. */
    static List<String> splitPipes(String raw) {
        return raw == null ? List.of() : List.of(raw.split("\\|", -1));
    }

    /** Trimmed, renamed to the shared vocabulary, placeholders and blanks dropped, first occurrence order kept. */
    static List<String> normalise(Collection<String> names) {
        Set<String> genres = new LinkedHashSet<>();
        for (String name : names) {
            String genre = name.trim();
            if (genre.isEmpty() || genre.equals(NO_GENRES_LISTED) || genre.equals(UNKNOWN)) {
                continue;
            }
            genres.add(genre.equals("Children's") ? "Children" : genre);
        }
        return List.copyOf(genres);
    }
}
