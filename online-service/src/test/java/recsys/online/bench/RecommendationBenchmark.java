package recsys.online.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.concurrent.ConcurrentHashMap;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;

/**
 * Load benchmark of {@code GET /recommendations} (a command, not a test): {@code bin/recsys-bench}.
 *
 * <p>Needs a running service over loaded data (for the figures in docs/benchmarks.md, ml-latest-small loaded by
 * {@code bin/recsys quickstart} + {@code train}, and {@code bin/recsys serve}). Every user of ml-latest-small has at
 * least 20 ratings, so for a realistic mix the benchmark first adds light users ({@code bench-light-N}, 1 to 19
 * ratings copied from the start of a real user's history: what {@code POST /update_ratings} would create). The mix:
 * 70% real users, 15% light users, 15% unknown ids; metadata on half the requests; a genre on 10%.
 *
 * <p>Then, with the same mix and client count, it replays the bare Elasticsearch requests one recommendation makes
 * in steady state (the user GET, the movie mget for metadata, the genre filter search) straight against
 * Elasticsearch: the floor the service cannot beat, and the ratio of the two.
 *
 * <p>Options: {@code --url} (service, default http://127.0.0.1:8080), {@code --es} (default RECSYS_ES_URL or
 * http://127.0.0.1:9200), {@code --prefix} (default RECSYS_ES_INDEX_PREFIX), {@code --clients} (16),
 * {@code --seconds} (60), {@code --warmup} (30), {@code --seed} (42).
 */
public final class RecommendationBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LIGHT_USERS = 60;

    /** One request of the mix. */
    record Sample(String userId, boolean known, boolean metadata, String genre) {
        String query() {
            return "/recommendations?user_id=" + URLEncoder.encode(userId, StandardCharsets.UTF_8) + "&returnMetadata="
                    + (metadata ? "True" : "false")
                    + (genre == null ? "" : "&genre=" + URLEncoder.encode(genre, StandardCharsets.UTF_8));
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String service;
    private final String elasticsearch;
    private final IndexNames names;
    private final int clients;
    private final int seconds;
    private final int warmup;
    private final long seed;
    private final ClosedLoopLoad load;
    private final List<String> realUsers = new ArrayList<>();
    private final List<String> lightUsers = new ArrayList<>();
    private final List<String> genres = new ArrayList<>();
    /** Movie ids a sample's answer held, for the floor's mget. */
    private final Map<Sample, List<String>> answers = new ConcurrentHashMap<>();

    RecommendationBenchmark(Map<String, String> options) {
        service = options.getOrDefault("url", "http://127.0.0.1:8080");
        elasticsearch = options.getOrDefault("es", ClosedLoopLoad.env("RECSYS_ES_URL", "http://127.0.0.1:9200"));
        names = new IndexNames(options.getOrDefault("prefix", ClosedLoopLoad.env("RECSYS_ES_INDEX_PREFIX", "")));
        clients = Integer.parseInt(options.getOrDefault("clients", "16"));
        seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
        warmup = Integer.parseInt(options.getOrDefault("warmup", "30"));
        seed = Long.parseLong(options.getOrDefault("seed", "42"));
        load = new ClosedLoopLoad(clients, seed);
    }

    public static void main(String[] args) throws Exception {
        new RecommendationBenchmark(ClosedLoopLoad.options(args)).run();
    }

    void run() throws Exception {
        String health = get(service + "/health").body();
        System.out.println("service " + service + " health: " + health);
        loadUsers();
        addLightUsers();
        System.out.printf(Locale.ROOT, "users: %d real, %d light (1-19 ratings), unknown ids; %d genres; %d clients%n",
                realUsers.size(), lightUsers.size(), genres.size(), clients);
        System.out.println("load before: " + LatencySummary.loadAverage());
        phase("warm-up", warmup, this::callService);
        LatencyRecorder serviceRun = phase("service", seconds, this::callService);
        System.out.println("load after service run: " + LatencySummary.loadAverage());
        LatencyRecorder floorRun = phase("elasticsearch floor", seconds, this::callElasticsearch);
        System.out.println("load after floor run: " + LatencySummary.loadAverage());
        System.out.println();
        System.out.println("GET /recommendations:        " + serviceRun.summary(seconds));
        System.out.println("Elasticsearch requests only: " + floorRun.summary(seconds));
        System.out.printf(Locale.ROOT, "ratio service / floor: p50 %.2f, p95 %.2f, p99 %.2f; throughput %.2f%n",
                serviceRun.percentileMillis(0.5) / floorRun.percentileMillis(0.5),
                serviceRun.percentileMillis(0.95) / floorRun.percentileMillis(0.95),
                serviceRun.percentileMillis(0.99) / floorRun.percentileMillis(0.99),
                (double) serviceRun.count() / floorRun.count());
    }

    /** One timed call of one sample; returns whether it succeeded. */
    @FunctionalInterface
    interface Call {
        boolean run(Sample sample) throws IOException, InterruptedException;
    }

    private LatencyRecorder phase(String name, int duration, Call call) throws Exception {
        return load.run(name, duration, random -> {
            Sample sample = sample(random);
            return () -> call.run(sample);
        });
    }

    private Sample sample(Random random) {
        double kind = random.nextDouble();
        String genre = random.nextDouble() < 0.10 && !genres.isEmpty() ? genres.get(random.nextInt(genres.size())) : null;
        boolean metadata = random.nextBoolean();
        if (kind < 0.70) {
            return new Sample(realUsers.get(random.nextInt(realUsers.size())), true, metadata, genre);
        }
        if (kind < 0.85) {
            return new Sample(lightUsers.get(random.nextInt(lightUsers.size())), true, metadata, genre);
        }
        return new Sample("bench-unknown-" + random.nextInt(1_000_000), false, metadata, genre);
    }

    private boolean callService(Sample sample) throws IOException, InterruptedException {
        HttpResponse<String> response = get(service + sample.query());
        if (response.statusCode() != 200) {
            return fail("service " + response.statusCode());
        }
        if (sample.metadata()) {
            Sample key = new Sample(sample.known() ? sample.userId() : "unknown", sample.known(), true, sample.genre());
            answers.computeIfAbsent(key, k -> ids(response.body()));
        }
        return true;
    }

    /** The Elasticsearch requests the service makes for this sample once lists are precomputed. */
    private boolean callElasticsearch(Sample sample) throws IOException, InterruptedException {
        HttpResponse<String> user = get(elasticsearch + "/" + names.alias(IndexSchema.USERS) + "/_doc/"
                + URLEncoder.encode(sample.userId(), StandardCharsets.UTF_8));
        boolean ok = user.statusCode() == 200 || (!sample.known() && user.statusCode() == 404)
                || fail("user GET " + user.statusCode());
        List<String> ids = answers.getOrDefault(new Sample(sample.known() ? sample.userId() : "unknown",
                sample.known(), true, sample.genre()), List.of());
        if (sample.genre() != null && sample.known()) {
            List<String> stored = new ArrayList<>();
            JsonNode list = JSON.readTree(user.body()).at("/_source/recommendations/movie_ids");
            list.forEach(node -> stored.add(node.asText()));
            ObjectNode query = JSON.createObjectNode();
            query.put("size", stored.size());
            query.put("_source", false);
            ArrayNode filter = query.putObject("query").putObject("bool").putArray("filter");
            filter.addObject().putObject("ids").set("values", JSON.valueToTree(stored));
            filter.addObject().putObject("term").put("genres", sample.genre());
            int status = post("/" + names.alias(IndexSchema.MOVIES) + "/_search", query).statusCode();
            ok &= status == 200 || fail("genre search " + status);
        }
        if (sample.metadata() && !ids.isEmpty()) {
            ObjectNode mget = JSON.createObjectNode();
            mget.set("ids", JSON.valueToTree(ids));
            int status = post("/" + names.alias(IndexSchema.MOVIES) + "/_mget?_source_includes=movie_id,title,genres,tags",
                    mget).statusCode();
            ok &= status == 200 || fail("mget " + status);
        }
        return ok;
    }

    private boolean fail(String kind) {
        return load.fail(kind);
    }

    private void loadUsers() throws IOException, InterruptedException {
        ObjectNode query = JSON.createObjectNode();
        query.put("size", 10_000);
        query.putArray("_source").add("user_id").add("rating_count");
        query.putObject("query").putObject("bool").putArray("must_not").addObject().putObject("prefix")
                .put("user_id", "bench-");
        HttpResponse<String> response = post("/" + names.alias(IndexSchema.USERS) + "/_search", query);
        JsonNode hits = JSON.readTree(response.body()).at("/hits/hits");
        if (hits.isEmpty()) {
            throw new IllegalStateException("no users in " + names.alias(IndexSchema.USERS) + " at " + elasticsearch
                    + ": " + response.statusCode() + " " + response.body());
        }
        hits.forEach(hit -> realUsers.add(hit.get("_id").asText()));
        ObjectNode aggs = JSON.createObjectNode();
        aggs.put("size", 0);
        aggs.putObject("aggs").putObject("genres").putObject("terms").put("field", "genres").put("size", 100);
        JSON.readTree(post("/" + names.alias(IndexSchema.MOVIES) + "/_search", aggs).body())
                .at("/aggregations/genres/buckets").forEach(bucket -> genres.add(bucket.get("key").asText()));
        if (realUsers.isEmpty()) {
            throw new IllegalStateException("no users in " + names.alias(IndexSchema.USERS) + " at " + elasticsearch);
        }
    }

    /** Light users: the first 1-19 ratings of real users, written as new user documents (if not already there). */
    private void addLightUsers() throws IOException, InterruptedException {
        Random random = new Random(seed);
        for (int i = 0; i < LIGHT_USERS; i++) {
            String id = "bench-light-" + i;
            lightUsers.add(id);
            String url = elasticsearch + "/" + names.alias(IndexSchema.USERS) + "/_doc/" + id;
            if (get(url).statusCode() == 200) {
                continue;
            }
            JsonNode source = JSON.readTree(get(elasticsearch + "/" + names.alias(IndexSchema.USERS) + "/_doc/"
                    + realUsers.get(random.nextInt(realUsers.size()))).body()).get("_source");
            int keep = 1 + i % 19;
            ObjectNode user = JSON.createObjectNode();
            user.put("user_id", id);
            double sum = 0;
            for (String field : List.of("movie_ids", "ratings", "timestamps")) {
                ArrayNode values = user.putArray(field);
                for (int r = 0; r < keep; r++) {
                    values.add(source.get(field).get(r));
                    sum += field.equals("ratings") ? source.get(field).get(r).asDouble() : 0;
                }
            }
            user.put("rating_count", keep);
            user.put("rating_mean", sum / keep);
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(url + "?refresh=true"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(user))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (put.statusCode() >= 300) {
                throw new IllegalStateException("cannot write " + id + ": " + put.body());
            }
        }
    }

    private static List<String> ids(String body) {
        try {
            List<String> ids = new ArrayList<>();
            JSON.readTree(body).get("items").forEach(item -> ids.add(item.get("movie_id").asText()));
            return ids;
        } catch (IOException e) {
            return List.of();
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, JsonNode body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(elasticsearch + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

}
