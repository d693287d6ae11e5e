package recsys.online.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.online.movieupdate.MovieEmbedder;
import recsys.online.movieupdate.MovieUpdate;
import recsys.online.movieupdate.MovieWriteStore;
import recsys.online.testing.ElasticsearchHttp;
import recsys.online.testing.ServiceHttp;
import recsys.online.testing.ServiceHttp.Answer;

/**
 * Latency of {@code POST /update_movie} for one movie, end to end: HTTP, validation, the embedding, and the bulk
 * write of document and vector (no refresh: the service records the movie in its {@code RecentMovies} and refreshes
 * the indices in the background, off the request, so that refresh runs beside the next requests). One client,
 * requests one after the other, against the service started in this JVM on the indices of an existing load (e.g.
 * {@code quickstart}). The movie is rewritten with its own stored title, genres and tags, so the data does not
 * change.
 *
 * <p>Run with {@code bin/bench-update-movie [--prefix P] [--movie-id ID] [--requests N] [--warmup N]}; prints the
 * load average before and after, then p50/p95/p99/max of the requests, of a request rejected by validation (the
 * HTTP path alone), of the embedding alone, of the service's bulk write alone, and of the bulk request sent straight
 * to Elasticsearch without and with {@code refresh=true} (what the service sent before).
 */
public final class UpdateMovieBenchmark {

    private UpdateMovieBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        String url = options.getOrDefault("es", System.getenv().getOrDefault("RECSYS_ES_URL", "http://127.0.0.1:9200"));
        String prefix = options.getOrDefault("prefix", System.getenv().getOrDefault("RECSYS_ES_INDEX_PREFIX", ""));
        String movieId = options.getOrDefault("movie-id", "1");
        int requests = Integer.parseInt(options.getOrDefault("requests", "500"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "300"));

        ElasticsearchHttp es = new ElasticsearchHttp(url, new IndexNames(prefix));
        JsonNode movie = es.source(IndexSchema.MOVIES, movieId).orElseThrow(() -> new IllegalStateException(
                "movie " + movieId + " is not in " + es.alias(IndexSchema.MOVIES) + ": load data first (bin/recsys "
                        + "quickstart) or pass --prefix/--movie-id"));
        ObjectNode body = new ObjectMapper().createObjectNode();
        body.putObject(movieId).put("title", movie.get("title").asText())
                .put("genres", join(movie.get("genres"))).put("tags", join(movie.get("tags")));
        String key = UUID.randomUUID().toString();
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("recsys.es.url", url);
        properties.put("recsys.es.index-prefix", prefix);
        properties.put("recsys.api-key", key);
        properties.put("recsys.storage", Files.createTempDirectory("bench-no-model").toString());
        properties.put("micronaut.server.netty.access-logger.enabled", false);

        System.out.printf(Locale.ROOT, "load average before: %s%n", LatencySummary.loadAverage());
        System.out.printf(Locale.ROOT, "POST /update_movie %s (%s), %d requests after %d warm-up, one client%n",
                body, es.alias(IndexSchema.MOVIES), requests, warmup);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
            Map<String, String> auth = Map.of("X-Api-Key", key);
            String json = body.toString();
            ServiceHttp http = new ServiceHttp(server.getURI());
            LatencySummary.print("request (HTTP + embedding + bulk, refresh in the background)", time(requests, warmup, () -> {
                Answer answer = http.post("/update_movie", json, auth);
                if (answer.status() != 200) {
                    throw new IllegalStateException("request failed: " + answer.status() + " " + answer.text());
                }
            }));
            // the part of a request that is neither embedding nor writing: client, HTTP, filters, parsing
            LatencySummary.print("a request rejected by validation (400: nothing embedded or written)",
                    time(requests, warmup, () -> {
                        if (http.post("/update_movie", "{\"\": {}}", auth).status() != 400) {
                            throw new IllegalStateException("an empty movie id was not rejected with 400");
                        }
                    }));

            MovieEmbedder embedder = server.getApplicationContext().getBean(MovieEmbedder.class);
            // the stored fields, year included, so the writes below leave the document as it is
            MovieUpdate update = new MovieUpdate(movieId, movie.get("title").asText(),
                    movie.hasNonNull("year") ? movie.get("year").asInt() : null,
                    ElasticsearchHttp.strings(movie.get("genres")), ElasticsearchHttp.strings(movie.get("tags")));
            LatencySummary.print("embedding alone (" + MovieEmbedder.text(update) + ")",
                    time(requests, warmup, () -> embedder.embed(List.of(update))));
            MovieWriteStore store = server.getApplicationContext().getBean(MovieWriteStore.class);
            List<float[]> vectors = embedder.embed(List.of(update));
            LatencySummary.print("the service's bulk write alone (MovieWriteStore, Java client)",
                    time(requests, warmup, () -> store.write(List.of(update), vectors)));
            LatencySummary.print("the bulk request alone, sent straight to Elasticsearch (the floor)",
                    bareBulk(es, movie, requests, warmup, false));
            LatencySummary.print("the bulk request with refresh=true, as the service sent it before (for comparison)",
                    bareBulk(es, movie, requests, warmup, true));
        }
        System.out.printf(Locale.ROOT, "load average after: %s%n", LatencySummary.loadAverage());
    }

    /** Latencies of {@code requests} calls after {@code warmup} unmeasured ones, one after the other. */
    private static long[] time(int requests, int warmup, Runnable call) {
        long[] latencies = new long[requests];
        for (int i = -warmup; i < requests; i++) {
            long start = System.nanoTime();
            call.run();
            if (i >= 0) {
                latencies[i] = System.nanoTime() - start;
            }
        }
        return latencies;
    }

    /** The same two operations the service sends (movie upsert, vector write), without the service. */
    private static long[] bareBulk(ElasticsearchHttp es, JsonNode movie, int requests, int warmup, boolean refresh) {
        String id = movie.get("movie_id").asText();
        ObjectNode described = movie.deepCopy();
        described.retain("title", "year", "genres", "tags");
        JsonNode vector = es.source(IndexSchema.MOVIE_VECTORS, id).orElseThrow();
        String target = "\", \"_id\": \"" + id + "\"}}\n";
        String bulk = "{\"update\": {\"_index\": \"" + es.alias(IndexSchema.MOVIES) + target
                + "{\"doc\": " + described + "}\n"
                + "{\"index\": {\"_index\": \"" + es.alias(IndexSchema.MOVIE_VECTORS) + target
                + vector + "\n";
        String path = "/_bulk?require_alias=true" + (refresh ? "&refresh=true" : "");
        return time(requests, warmup, () -> es.send("POST", path, bulk));
    }


    private static String join(JsonNode array) {
        return String.join("|", ElasticsearchHttp.strings(array));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
