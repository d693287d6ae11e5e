package recsys.online.ratings;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import recsys.online.events.RequestKey;

/** {@code POST /update_ratings}: merges ratings into users' histories. Requires the API key (see security). */
@Controller
public class RatingsController {

    private final RatingsRequestParser parser;
    private final RatingsWriter writer;

    public RatingsController(RatingsRequestParser parser, RatingsWriter writer) {
        this.parser = parser;
        this.writer = writer;
    }

    /** The raw body: {@link RatingsRequestParser} validates it whole before anything is written. */
    @Post("/update_ratings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Merge ratings into users' histories",
            description = "Body keyed by user id: {\"1\": {\"movie_id\": [\"1\", \"3\"], \"ratings\": [4.0, 3.5]}}; "
                    + "movie_id may be one string and ratings may be given as rating, a number or a one-element "
                    + "list. A newer rating of the same movie replaces the old one; unknown users are created. "
                    + "Each accepted rating is also appended to the events log a retrain replays; send an Idempotency-Key "
                    + "header to make a retried request rewrite its events rather than add new ones. "
                    + "Requires the API key: Authorization: Bearer KEY or X-Api-Key: KEY.")
    public UpdateRatingsResponse updateRatings(@Body @Nullable byte[] body,
            @Header(RequestKey.HEADER) @Nullable String idempotencyKey) {
        return UpdateRatingsResponse.of(writer.write(parser.parse(body), RequestKey.of(idempotencyKey)));
    }
}
