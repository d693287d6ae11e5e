package recsys.online.similar;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
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
import recsys.core.similar.SimilaritySource;
import recsys.online.api.QueryValues;
import recsys.online.api.RequestIds;
import recsys.online.config.RecommendationConfiguration;
import recsys.online.error.ApiException;
import recsys.online.error.ErrorBody;
import recsys.online.recommend.ListParameters;
import recsys.online.recommend.ListQuery;
import recsys.online.recommend.ListResponses;
import recsys.online.recommend.RecommendationsResponse;

/** {@code GET /movies/{movie_id}/similar}: movies like one movie, for a detail page or an anonymous visitor. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class SimilarController {

    static final String MOVIE_ID = "movie_id";
    static final String SOURCE = "source";

    private final SimilarMoviesService service;
    private final RecommendationConfiguration configuration;

    SimilarController(SimilarMoviesService service, RecommendationConfiguration configuration) {
        this.service = service;
        this.configuration = configuration;
    }

    @Get(uri = "/movies/{movie_id}/similar", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Movies similar to a movie",
            description = "collaborative: people who liked this also liked (the item-item model); content: the "
                    + "closest embeddings (title, genres, tags); blend (default): both, weighted as the train job "
                    + "chose on validation. A movie added after training gets content neighbours at once. The "
                    + "X-Recsys-Ranking header names the source that answered.")
    @Parameter(name = SOURCE, in = ParameterIn.QUERY, description = "collaborative, content or blend (default)",
            schema = @Schema(type = "string", allowableValues = {"collaborative", "content", "blend"}))
    @ListParameters
    @ApiResponse(responseCode = "200", description = "The similar movies, most similar first")
    @ApiResponse(responseCode = "400", description = "An invalid or repeated parameter, named in error.field",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "404", description = "Unknown movie",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "503", description = "Elasticsearch is unavailable",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    HttpResponse<RecommendationsResponse> similar(HttpRequest<?> request,
                                                  @Parameter(description = "The movie's id")
                                                  @PathVariable(MOVIE_ID) @Nullable String movieId) {
        String id = RequestIds.check(MOVIE_ID, movieId == null ? "" : movieId);
        QueryValues values = QueryValues.of(request.getParameters());
        String rawSource = values.single(SOURCE);
        SimilaritySource source = rawSource == null ? SimilaritySource.BLEND
                : SimilaritySource.fromLabel(rawSource.trim()).orElseThrow(() -> ApiException.badRequest(SOURCE,
                        "must be collaborative, content or blend, was " + RequestIds.show(rawSource)));
        ListQuery list = ListQuery.parse(values, configuration.defaultLimit(), configuration.maxLimit(),
                configuration.maxWindow());
        SimilarMoviesService.Answer answer = service.similar(id, source, list);
        return ListResponses.of(answer.items(), "similar-" + answer.source().label(), answer.modelVersion());
    }
}
