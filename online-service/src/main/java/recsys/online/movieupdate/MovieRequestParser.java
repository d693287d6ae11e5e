package recsys.online.movieupdate;

import recsys.online.movies.GenreVocabulary;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import recsys.core.movielens.LineResult;
import recsys.core.movielens.Movie;
import recsys.core.movielens.MovieTags;
import recsys.online.api.Json;
import recsys.online.api.JsonBodyReader;
import recsys.online.api.RequestIds;
import recsys.online.config.ServiceConfiguration;
import recsys.online.error.ApiException;

/**
 * Turns an {@code /update_movie} body into validated {@link MovieUpdate}s, or a 400 naming the first field at fault;
 * the whole body is checked before anything is written.
 *
 * <p>Per movie id key: {@code title} (required, not blank), {@code genres} and {@code tags}, each pipe-joined
 * ({@code "Adventure|Animation"}, as the clients send them) or a list of strings, both optional (absent: none).
 * The request describes the whole movie: the vector is computed from exactly these fields, so genres or tags left
 * out are stored as none, never kept from an older version the vector would no longer match. Other fields are
 * rejected rather than ignored. Genres must be in {@link GenreVocabulary}; no text may hold a control character.
 */
@Singleton
public final class MovieRequestParser {

    static final String TITLE = "title";
    static final String GENRES = "genres";
    static final String TAGS = "tags";
    private static final Set<String> FIELDS = Set.of(TITLE, GENRES, TAGS);
    /** Longer than any real title or list; the bound keeps one request from storing megabytes in one field. */
    static final int MAX_CHARS = 2_000;
    /** Genres or tags per movie; MovieLens has 20 genres, and the movie text uses 10 of each at most. */
    static final int MAX_ITEMS = 100;
    private static final String EXPECTED = "keyed by movie id, e.g. {\"1\": {\"title\": \"Toy Story (1995)\", "
            + "\"genres\": \"Adventure|Animation\", \"tags\": \"fun|pixar\"}}";

    private final JsonBodyReader reader;
    private final int batchLimit;
    private final GenreVocabulary vocabulary;

    public MovieRequestParser(JsonBodyReader reader, ServiceConfiguration configuration, GenreVocabulary vocabulary) {
        this.reader = reader;
        this.batchLimit = configuration.batchLimit();
        this.vocabulary = vocabulary;
    }

    public List<MovieUpdate> parse(byte[] body) {
        List<MovieUpdate> parsed = new ArrayList<>();
        for (Map.Entry<String, JsonNode> movie : reader.readKeyedBatch(body, "movies", batchLimit, EXPECTED)) {
            parsed.add(movie(movie.getKey(), movie.getValue()));
        }
        return parsed;
    }

    private MovieUpdate movie(String movieId, JsonNode entry) {
        RequestIds.check(RequestIds.asField(movieId, "movie id"), movieId);
        Json.requireObject(movieId, entry, FIELDS);
        JsonNode titleNode = entry.get(TITLE);
        String titleField = movieId + "." + TITLE;
        if (titleNode == null) {
            throw ApiException.badRequest(titleField, "is required");
        }
        if (!titleNode.isTextual()) {
            throw ApiException.badRequest(titleField, "must be a string, was " + Json.typeOf(titleNode));
        }
        String title = titleNode.textValue();
        if (title.isBlank()) {
            throw ApiException.badRequest(titleField, "must not be blank");
        }
        checkText(titleField, title);
        List<String> genres = list(movieId + "." + GENRES, entry.get(GENRES));
        List<String> tags = MovieTags.normalise(list(movieId + "." + TAGS, entry.get(TAGS)));
        // ingest's own rules for the title (trimmed), its year and the genre vocabulary
        LineResult<Movie> movie = Movie.fromFields(movieId, title, genres);
        if (!movie.isParsed()) {
            throw ApiException.badRequest(movieId, movie.reason());
        }
        Movie clean = movie.value();
        List<String> known = new ArrayList<>(clean.genres().size());
        for (String genre : clean.genres()) {
            known.add(vocabulary.spelling(genre).orElseThrow(() -> ApiException.badRequest(movieId + "." + GENRES,
                    "unknown genre " + RequestIds.show(genre) + "; the genres are " + vocabulary.describe())));
        }
        return new MovieUpdate(clean.movieId(), clean.title(), clean.year(), List.copyOf(new LinkedHashSet<>(known)),
                tags);
    }

    /** A pipe-joined string or a list of strings; absent or null: none. */
    private static List<String> list(String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        List<String> items;
        if (node.isTextual()) {
            checkText(field, node.textValue());
            items = List.of(node.textValue().split("\\|", -1));
        } else if (node.isArray()) {
            items = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (!item.isTextual()) {
                    throw ApiException.badRequest(field + "[" + i + "]", "must be a string, was " + Json.typeOf(item));
                }
                checkText(field + "[" + i + "]", item.textValue());
                items.add(item.textValue());
            }
        } else {
            throw ApiException.badRequest(field, "must be a pipe-joined string or a list of strings, was "
                    + Json.typeOf(node));
        }
        if (items.size() > MAX_ITEMS) {
            throw ApiException.badRequest(field, "has " + items.size() + " entries; at most " + MAX_ITEMS);
        }
        return items;
    }

    /** Length and characters, checked before any trimming (which would take a trailing NUL or line break away). */
    private static void checkText(String field, String value) {
        if (value.length() > MAX_CHARS) {
            throw ApiException.badRequest(field, "is " + value.length() + " characters long; at most " + MAX_CHARS);
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw ApiException.badRequest(field, "must not contain control characters (at " + i + ")");
            }
        }
    }
}
