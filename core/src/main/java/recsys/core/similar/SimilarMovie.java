package recsys.core.similar;

import java.util.Objects;

/**
 * One neighbour in a similar-movies list.
 *
 * @param movieId the neighbour's MovieLens id
 * @param score   its score under the list's source: comparable within one list only (each source and each query
 *                has its own scale)
 */
public record SimilarMovie(String movieId, double score) {

    public SimilarMovie {
        Objects.requireNonNull(movieId, "movieId");
    }
}
