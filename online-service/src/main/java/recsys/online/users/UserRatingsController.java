package recsys.online.users;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import recsys.core.features.RatedMovie;
import recsys.online.api.QueryParameters;
import recsys.online.api.QueryValues;
import recsys.online.error.ApiException;
import recsys.online.error.ErrorBody;
import recsys.online.movies.MovieDocument;
import recsys.online.movies.MovieStore;
import recsys.online.recommend.ListQuery;
import recsys.online.recommend.RecommendationQuery;

/**
 * {@code GET /users/{user_id}/ratings}: a user's ratings with their values, most recent first ({@code /features}
 * gives the ids only, in the original system's shape); what a page needs to show a history beside its
 * recommendations.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class UserRatingsController {

    private final UserStore users;
    private final MovieStore movies;

    UserRatingsController(UserStore users, MovieStore movies) {
        this.users = users;
        this.movies = movies;
    }

    @Get(uri = "/users/{user_id}/ratings", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "A user's ratings, most recent first")
    @Parameter(name = ListQuery.RETURN_METADATA, in = ParameterIn.QUERY,
            description = "true/false/1/0: add each movie's title and genres", schema = @Schema(type = "string"))
    @ApiResponse(responseCode = "200", description = "The ratings")
    @ApiResponse(responseCode = "400", description = "An invalid parameter, named in error.field",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "404", description = "Unknown user",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    UserRatingsResponse ratings(HttpRequest<?> request,
                                @Parameter(description = "The user's id") @PathVariable("user_id") @Nullable
                                String userId) {
        String id = RecommendationQuery.userId(userId);
        boolean metadata = QueryParameters.booleanValue(ListQuery.RETURN_METADATA,
                QueryValues.of(request.getParameters()).single(ListQuery.RETURN_METADATA), false);
        UserDocument user = users.find(id).orElseThrow(() ->
                ApiException.notFound(RecommendationQuery.USER_ID, "no user with id " + id)).document();
        Map<String, Double> ratings = new HashMap<>();
        for (RatedMovie rated : user.ratedMovies()) {
            ratings.put(rated.movieId(), rated.rating());
        }
        List<String> order = user.historyMostRecentFirst();
        Map<String, MovieDocument> documents = metadata ? movies.metadata(order) : Map.of();
        List<UserRatingsResponse.Rated> listed = new ArrayList<>(order.size());
        for (String movieId : order) {
            MovieDocument movie = documents.get(movieId);
            listed.add(new UserRatingsResponse.Rated(movieId, ratings.get(movieId),
                    metadata ? (movie == null || movie.title() == null ? "" : movie.title()) : null,
                    metadata ? (movie == null ? "" : String.join("|", movie.genres())) : null));
        }
        return new UserRatingsResponse(id, listed);
    }
}
