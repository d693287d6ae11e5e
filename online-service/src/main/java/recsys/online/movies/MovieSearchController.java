package recsys.online.movies;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import recsys.online.api.QueryParameters;
import recsys.online.api.QueryValues;
import recsys.online.api.RequestIds;
import recsys.online.error.ApiException;
import recsys.online.error.ErrorBody;
import recsys.online.recommend.ListQuery;
import recsys.online.recommend.RecommendationsResponse;

/**
 * {@code GET /movies/search} and {@code GET /movies/{movie_id}}: finding a movie by its title, and reading one, in
 * the item shape the lists use (so a client shows them the same way).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class MovieSearchController {

    static final String QUERY = "q";
    static final String MOVIE_ID = "movie_id";
    static final int MAX_QUERY_LENGTH = 200;
    static final int MAX_RESULTS = 100;

    private final MovieStore movies;

    MovieSearchController(MovieStore movies) {
        this.movies = movies;
    }

    @Get(uri = "/movies/search", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Movies whose title matches the words typed",
            description = "Every word must appear in the title; the last may be the start of a word. Best match "
                    + "first, then the most rated.")
    @Parameter(name = QUERY, in = ParameterIn.QUERY, required = true, description = "The words, e.g. toy sto",
            schema = @Schema(type = "string"))
    @Parameter(name = ListQuery.LIMIT, in = ParameterIn.QUERY, description = "How many movies, 1 to 100; default 10",
            schema = @Schema(type = "integer"))
    @ApiResponse(responseCode = "200", description = "The movies, with title, genres and tags")
    @ApiResponse(responseCode = "400", description = "An invalid parameter, named in error.field",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    RecommendationsResponse search(HttpRequest<?> request) {
        QueryValues values = QueryValues.of(request.getParameters());
        String raw = values.single(QUERY);
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest(QUERY, "is required: the words of a title");
        }
        if (raw.length() > MAX_QUERY_LENGTH) {
            throw ApiException.badRequest(QUERY, "is longer than " + MAX_QUERY_LENGTH + " characters");
        }
        if (raw.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest(QUERY, "contains control characters");
        }
        int limit = QueryParameters.boundedInt(ListQuery.LIMIT, values.single(ListQuery.LIMIT), 1, MAX_RESULTS, 10);
        return new RecommendationsResponse(movies.searchTitle(raw.trim(), limit).stream()
                .map(RecommendationsResponse.Item::of).toList());
    }

    @Get(uri = "/movies/{movie_id}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "One movie's title, genres and tags")
    @ApiResponse(responseCode = "200", description = "The movie")
    @ApiResponse(responseCode = "400", description = "An invalid movie id",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "404", description = "Unknown movie",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    RecommendationsResponse.Item movie(@Parameter(description = "The movie's id") @PathVariable(MOVIE_ID) @Nullable
                                       String movieId) {
        String id = RequestIds.check(MOVIE_ID, movieId == null ? "" : movieId);
        return RecommendationsResponse.Item.of(movies.find(id).orElseThrow(() ->
                ApiException.notFound(MOVIE_ID, "no movie with id " + id)));
    }
}
