package recsys.online.movieupdate;

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
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import recsys.core.events.EventFields;
import recsys.online.elasticsearch.RequestDeadline;
import recsys.online.events.EventLog;
import recsys.online.events.RequestKey;

/** {@code POST /update_movie}: upserts movies and their vectors. Requires the API key (recsys.online.security). */
@Controller
public class MovieUpdateController {

    private final MovieRequestParser parser;
    private final MovieEmbedder embedder;
    private final MovieWriteStore store;

    private final EventLog events;
    private final Clock clock;

    public MovieUpdateController(MovieRequestParser parser, MovieEmbedder embedder, MovieWriteStore store,
                                 EventLog events) {
        this.parser = parser;
        this.embedder = embedder;
        this.store = store;
        this.events = events;
        this.clock = Clock.systemUTC();
    }

    /** The raw body: {@link MovieRequestParser} validates it whole before anything is embedded or written. */
    @Post("/update_movie")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Add or update movies",
            description = "Body keyed by movie id: {\"1\": {\"title\": \"Toy Story (1995)\", \"genres\": "
                    + "\"Adventure|Animation\", \"tags\": \"fun|pixar\"}}. Each movie is embedded with the offline "
                    + "job's model and text template; when the call returns, the movies can be recommended and "
                    + "filtered by genre by this service instance (other instances: within Elasticsearch's refresh "
                    + "interval, 1 s). Each movie is also appended to the events log a retrain replays (Idempotency-Key: "
                    + "as for /update_ratings). Requires the API key: Authorization: Bearer KEY or X-Api-Key: KEY.")
    public UpdateMovieResponse updateMovie(@Body @Nullable byte[] body,
            @Header(RequestKey.HEADER) @Nullable String idempotencyKey) {
        RequestKey key = RequestKey.of(idempotencyKey);
        List<MovieUpdate> movies = parser.parse(body);
        // the embedding's time grows with the batch and is not Elasticsearch's: it does not count against the
        // request's Elasticsearch deadline
        List<float[]> vectors = RequestDeadline.excluding(() -> embedder.embed(movies));
        events.append(movieEvents(key, movies, vectors));
        int created = store.write(movies, vectors);
        return new UpdateMovieResponse(movies.size(), created);
    }

    private List<Map<String, Object>> movieEvents(RequestKey key, List<MovieUpdate> movies, List<float[]> vectors) {
        long now = clock.millis();
        List<Map<String, Object>> documents = new ArrayList<>(movies.size());
        for (int i = 0; i < movies.size(); i++) {
            MovieUpdate movie = movies.get(i);
            documents.add(EventFields.movie(key.value(), movie.movieId(), movie.title(), movie.year(), movie.genres(),
                    movie.tags(), vectors.get(i), now));
        }
        return documents;
    }
}
