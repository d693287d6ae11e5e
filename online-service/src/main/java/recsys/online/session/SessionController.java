package recsys.online.session;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import recsys.online.api.QueryValues;
import recsys.online.config.RecommendationConfiguration;
import recsys.online.error.ErrorBody;
import recsys.online.recommend.ListParameters;
import recsys.online.recommend.ListQuery;
import recsys.online.recommend.ListResponses;
import recsys.online.recommend.RecommendationsResponse;
import recsys.online.security.ReadOperation;

/** {@code POST /recommendations/session}: recommendations for a visitor who is not logged in. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class SessionController {

    private final SessionRequestParser parser;
    private final SessionRecommendations session;
    private final RecommendationConfiguration configuration;

    SessionController(SessionRequestParser parser, SessionRecommendations session,
                      RecommendationConfiguration configuration) {
        this.parser = parser;
        this.session = session;
        this.configuration = configuration;
    }

    @Post(uri = "/recommendations/session", consumes = MediaType.APPLICATION_JSON,
            produces = MediaType.APPLICATION_JSON)
    @ReadOperation
    @Operation(summary = "Movies to recommend from a session's ratings alone",
            description = "For a visitor who is not logged in: the list is computed from the ratings in the body "
                    + "and nothing is stored. A listed id without a rating counts as liked (4 stars). Needs no API "
                    + "key unless reads are protected. Takes the same list parameters as GET /recommendations.",
            requestBody = @RequestBody(description = "{\"ratings\": {\"1\": 5.0, \"260\": 4.5}}, "
                    + "{\"movie_ids\": [\"1\", \"260\"]} or [\"1\", \"260\"]; at most recsys.batch-limit movies",
                    required = true))
    @ApiResponse(responseCode = "200", description = "The recommended movies, best first")
    @ApiResponse(responseCode = "400", description = "An invalid body or parameter, named in error.field",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "503", description = "Elasticsearch is unavailable",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @ListParameters
    HttpResponse<RecommendationsResponse> session(HttpRequest<?> request, @Body @Nullable byte[] body) {
        ListQuery list = ListQuery.parse(QueryValues.of(request.getParameters()), configuration.defaultLimit(),
                configuration.maxLimit(), configuration.maxWindow());
        return ListResponses.of(session.recommend(parser.parse(body), list));
    }
}
