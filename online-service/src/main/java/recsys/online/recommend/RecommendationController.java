package recsys.online.recommend;

import io.micronaut.core.annotation.Nullable;
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
import recsys.online.config.RecommendationConfiguration;
import recsys.online.error.ErrorBody;

/**
 * {@code GET /recommendations}. The parameters arrive as raw strings so that every malformed value gets a 400 that
 * names it, in the service's error shape, rather than a generic conversion error.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class RecommendationController {

    /** How the items were ranked: top-n, model, cosine or popularity ({@link RankingPath}). */
    static final String RANKING_HEADER = "X-Recsys-Ranking";
    /** The model version the list was ranked with, when one was. */
    static final String MODEL_HEADER = "X-Recsys-Model";

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
                    + "user rated.")
    @ApiResponse(responseCode = "200", description = "The recommended movies, best first")
    @ApiResponse(responseCode = "400", description = "An invalid parameter, named in error.field",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "503", description = "Elasticsearch is unavailable",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    HttpResponse<RecommendationsResponse> recommendations(
            @Parameter(description = "The user's id", required = true)
            @QueryValue(RecommendationQuery.USER_ID) @Nullable String userId,
            @Parameter(description = "true/false/True/False/1/0: add title, genres and tags to each item")
            @QueryValue(RecommendationQuery.RETURN_METADATA) @Nullable String returnMetadata,
            @Parameter(description = "How many items, 1 to 100; default 10")
            @QueryValue(RecommendationQuery.LIMIT) @Nullable String limit,
            @Parameter(description = "Only movies of this genre, e.g. Comedy")
            @QueryValue(RecommendationQuery.GENRE) @Nullable String genre) {
        RecommendationQuery query = RecommendationQuery.parse(userId, returnMetadata, limit, genre,
                configuration.defaultLimit(), configuration.maxLimit());
        Recommendations recommendations = service.recommend(query);
        var response = HttpResponse.ok(new RecommendationsResponse(recommendations.items()))
                .header(RANKING_HEADER, recommendations.path().label());
        if (recommendations.modelVersion() != null) {
            response.header(MODEL_HEADER, recommendations.modelVersion());
        }
        return response;
    }
}
