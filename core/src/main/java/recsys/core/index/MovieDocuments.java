package recsys.core.index;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code movies} fields a posted movie sets, for the service's write and a retrain's replay of it: the
 * described fields replace the stored ones, and a movie new to the index starts with no ratings.
 */
public final class MovieDocuments {

    private MovieDocuments() {
    }

    /** The fields a write of the movie replaces; {@code year} may be null. */
    public static Map<String, Object> described(String title, Integer year, List<String> genres, List<String> tags) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title", title);
        fields.put("year", year);
        fields.put("genres", List.copyOf(genres));
        fields.put("tags", List.copyOf(tags));
        return fields;
    }

    /** The whole document of a movie the index does not have yet. */
    public static Map<String, Object> whenNew(String movieId, Map<String, Object> described) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put(IndexSchema.MOVIES.idField(), movieId);
        document.putAll(described);
        document.put("rating_count", 0);
        return document;
    }

    /** The {@code movie_vectors} document. */
    public static Map<String, Object> vector(String movieId, float[] vector) {
        return Map.of(IndexSchema.MOVIE_VECTORS.idField(), movieId, "movie_vector", vector);
    }
}
