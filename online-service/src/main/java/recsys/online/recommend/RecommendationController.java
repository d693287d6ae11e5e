package recsys.online.recommend;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import recsys.online.api.QueryValues;
import recsys.online.config.RecommendationConfiguration;
import recsys.online.error.ErrorBody;

/**
 * {@code GET /recommendations}. The parameters are read raw from the request so that every malformed or repeated
 * value gets a 400 that names it, in the service's error shape, rather than a generic conversion error; the
 * annotations only document them.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class RecommendationController {

    private final RecommendationService service;
    private final RecommendationConfiguration configuration;

    RecommendationController(RecommendationService service, RecommendationConfiguration configuration) {
        this.service = service;
        this.configuration = configuration;
    }

    @Get(uri = "/recommendations", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Movies to recommend to a user",
            description = "Users with ratings are ranked by the model's top-N ranking from their current ratings "
                    + "(with a model version that has none: users with many ratings by the model, users with a few "
                    + "by similarity to what they rated), unknown users by popularity. Never returns a movie the "
                    + "user rated. Filters are applied before the list is cut, and a short list is filled from the "
                    + "filter's most popular movies.")
    @ApiResponse(responseCode = "200", description = "The recommended movies, best first")
    @ApiResponse(responseCode = "400", description = "An invalid or repeated parameter, named in error.field",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "503", description = "Elasticsearch is unavailable",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @ListParameters
    HttpResponse<RecommendationsResponse> recommendations(
            HttpRequest<?> request,
            @Parameter(description = "The user's id", required = true)
            @QueryValue(RecommendationQuery.USER_ID) @Nullable String userId) {
        RecommendationQuery query = RecommendationQuery.parse(QueryValues.of(request.getParameters()),
                configuration);
        return ListResponses.of(service.recommend(query));
    }
}
