package recsys.core.features;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * What the encoder knows of one catalogue movie: its training rating statistics and its metadata.
 *
 * <p>Array fields make the record's {@code equals} compare identities; compare entries field by field.
 *
 * @param movieId      MovieLens id
 * @param ratingCount  number of training ratings (0 for a movie only the validation or test part rates)
 * @param ratingSum    sum of those ratings
 * @param year         release year, or {@code null} when the title has none
 * @param genreIndices positions in {@link EncoderParameters#genres()}, ascending, distinct
 * @param tags         normalised tags, most applied first (tags are not ratings, so using all of them leaks no
 *                     target)
 * @param vector       the unit-length embedding of the movie text, or {@code null} when the embed job has none
 */
public record MovieEntry(String movieId, long ratingCount, double ratingSum, Integer year, int[] genreIndices,
                         List<String> tags, float[] vector) implements Serializable {

    private static final long serialVersionUID = 1L;

    public MovieEntry {
        Objects.requireNonNull(movieId, "movieId");
        Objects.requireNonNull(genreIndices, "genreIndices");
        tags = List.copyOf(tags);
        if (ratingCount < 0) {
            throw new IllegalArgumentException("negative rating count for movie " + movieId);
        }
        for (int i = 1; i < genreIndices.length; i++) {
            if (genreIndices[i] <= genreIndices[i - 1]) {
                throw new IllegalArgumentException("genre indices of movie " + movieId + " not ascending");
            }
        }
    }
}
