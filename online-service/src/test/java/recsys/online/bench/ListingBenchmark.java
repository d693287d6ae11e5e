package recsys.online.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;

/**
 * Load benchmark of the listing endpoints beside {@code /recommendations} (a command, not a test):
 * {@code bin/recsys-bench --endpoint similar|session}.
 * <ul>
 *   <li>{@code similar}: {@code GET /movies/{id}/similar?limit=10} for movies drawn from the 2,000 most rated, the
 *       source the default blend, metadata on half the requests, a genre on 10%;</li>
 *   <li>{@code session}: {@code POST /recommendations/session?limit=10} with 10 ratings drawn from a real user's
 *       history (a visitor who rated ten movies), metadata on half.</li>
 * </ul>
 * Options as {@link RecommendationBenchmark}'s: {@code --url}, {@code --es}, {@code --prefix}, {@code --clients}
 * (16), {@code --seconds} (60), {@code --warmup} (30), {@code --seed} (42).
 */
public final class ListingBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MOVIES = 2_000;
    private static final int SESSION_RATINGS = 10;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String endpoint;
    private final String service;
    private final String elasticsearch;
    private final IndexNames names;
    private final int clients;
    private final int seconds;
    private final int warmup;
    private final long seed;
    private final List<String> movies = new ArrayList<>();
    private final List<String> genres = new ArrayList<>();
    /** Session bodies, one per sampled user. */
    private final List<String> sessions = new ArrayList<>();

    ListingBenchmark(Map<String, String> options) {
        endpoint = options.getOrDefault("endpoint", "similar");
        service = options.getOrDefault("url", "http://127.0.0.1:8080");
        elasticsearch = options.getOrDefault("es", ClosedLoopLoad.env("RECSYS_ES_URL", "http://127.0.0.1:9200"));
        names = new IndexNames(options.getOrDefault("prefix", ClosedLoopLoad.env("RECSYS_ES_INDEX_PREFIX", "")));
        clients = Integer.parseInt(options.getOrDefault("clients", "16"));
        seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
        warmup = Integer.parseInt(options.getOrDefault("warmup", "30"));
        seed = Long.parseLong(options.getOrDefault("seed", "42"));
        if (!endpoint.equals("similar") && !endpoint.equals("session")) {
            throw new IllegalArgumentException("--endpoint must be similar or session, was " + endpoint);
        }
    }

    public static void main(String[] args) throws Exception {
        new ListingBenchmark(ClosedLoopLoad.options(args)).run();
    }

    void run() throws Exception {
        System.out.println("service " + service + " health: " + send(HttpRequest.newBuilder(URI.create(service
                + "/health")).GET()).body());
        loadData();
        System.out.printf(Locale.ROOT, "endpoint %s: %d movies, %d session histories, %d genres; %d clients%n",
                endpoint, movies.size(), sessions.size(), genres.size(), clients);
        System.out.println("load before: " + LatencySummary.loadAverage());
        ClosedLoopLoad load = new ClosedLoopLoad(clients, seed);
        ClosedLoopLoad.Requests requests = random -> {
            HttpRequest.Builder request = request(random);
            return () -> {
                int status = send(request).statusCode();
                return status == 200 || load.fail("status " + status);
            };
        };
        load.run("warm-up", warmup, requests);
        LatencyRecorder run = load.run(endpoint, seconds, requests);
        System.out.println("load after: " + LatencySummary.loadAverage());
        System.out.println();
        System.out.println((endpoint.equals("similar") ? "GET /movies/{id}/similar:     "
                : "POST /recommendations/session: ") + run.summary(seconds));
    }

    private HttpRequest.Builder request(Random random) {
        String metadata = "&returnMetadata=" + random.nextBoolean();
        if (endpoint.equals("session")) {
            return HttpRequest.newBuilder(URI.create(service + "/recommendations/session?limit=10" + metadata))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(sessions.get(random.nextInt(sessions.size()))));
        }
        String genre = random.nextDouble() < 0.10 && !genres.isEmpty()
                ? "&genre=" + URLEncoder.encode(genres.get(random.nextInt(genres.size())), StandardCharsets.UTF_8)
                : "";
        return HttpRequest.newBuilder(URI.create(service + "/movies/" + movies.get(random.nextInt(movies.size()))
                + "/similar?limit=10" + metadata + genre)).GET();
    }

    /** The most-rated movies, the genres and, for sessions, ten ratings of each of up to 2,000 users. */
    private void loadData() throws IOException, InterruptedException {
        ObjectNode query = JSON.createObjectNode();
        query.put("size", MOVIES);
        query.putArray("_source").add("movie_id");
        query.putArray("sort").addObject().put("rating_count", "desc");
        JSON.readTree(search(IndexSchema.MOVIES, query)).at("/hits/hits")
                .forEach(hit -> movies.add(hit.get("_id").asText()));
        ObjectNode aggs = JSON.createObjectNode();
        aggs.put("size", 0);
        aggs.putObject("aggs").putObject("genres").putObject("terms").put("field", "genres").put("size", 100);
        JSON.readTree(search(IndexSchema.MOVIES, aggs)).at("/aggregations/genres/buckets")
                .forEach(bucket -> genres.add(bucket.get("key").asText()));
        ObjectNode users = JSON.createObjectNode();
        users.put("size", 2_000);
        users.putArray("_source").add("movie_ids").add("ratings");
        Random random = new Random(seed);
        for (JsonNode hit : JSON.readTree(search(IndexSchema.USERS, users)).at("/hits/hits")) {
            JsonNode ids = hit.at("/_source/movie_ids");
            JsonNode ratings = hit.at("/_source/ratings");
            if (ids.size() < SESSION_RATINGS) {
                continue;
            }
            ObjectNode body = JSON.createObjectNode();
            ObjectNode chosen = body.putObject("ratings");
            while (chosen.size() < SESSION_RATINGS) {
                int i = random.nextInt(ids.size());
                chosen.put(ids.get(i).asText(), ratings.get(i).asDouble());
            }
            sessions.add(JSON.writeValueAsString(body));
        }
        if (movies.isEmpty() || sessions.isEmpty()) {
            throw new IllegalStateException("no movies or users with " + SESSION_RATINGS + " ratings at "
                    + elasticsearch + " (prefix '" + names.prefix() + "')");
        }
    }

    private String search(IndexSchema index, JsonNode body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(elasticsearch + "/" + names.alias(index) + "/_search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))).body();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

}
