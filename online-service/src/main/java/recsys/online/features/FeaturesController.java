package recsys.online.features;

import io.micronaut.core.annotation.Nullable;
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
import recsys.online.error.ApiException;
import recsys.online.error.ErrorBody;
import recsys.online.recommend.RecommendationQuery;
import recsys.online.users.UserStore;

/** {@code GET /features}: a user's rating history, most recent first. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class FeaturesController {

    private final UserStore users;

    FeaturesController(UserStore users) {
        this.users = users;
    }

    @Get(uri = "/features", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "A user's rated movie ids, most recent first")
    @ApiResponse(responseCode = "200", description = "The history")
    @ApiResponse(responseCode = "404", description = "Unknown user",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    FeaturesResponse features(@Parameter(description = "The user's id", required = true)
                              @QueryValue(RecommendationQuery.USER_ID) @Nullable String userId) {
        String id = RecommendationQuery.userId(userId);
        UserStore.VersionedUser user = users.find(id).orElseThrow(() ->
                ApiException.notFound(RecommendationQuery.USER_ID, "no user with id " + id));
        return FeaturesResponse.of(user.document().historyMostRecentFirst());
    }
}
