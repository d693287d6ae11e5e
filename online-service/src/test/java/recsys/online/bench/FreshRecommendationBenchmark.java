package recsys.online.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.IntConsumer;
import recsys.core.features.RatedMovie;
import recsys.core.features.UserProfile;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.core.topn.TopNModel;
import recsys.online.config.RecommendationConfiguration;
import recsys.online.model.ServingModel;
import recsys.online.model.ServingModels;
import recsys.online.recommend.RankedListComputer;
import recsys.online.testing.ElasticsearchHttp;
import recsys.online.testing.JsonHttp;
import recsys.online.testing.PublishedModels;
import recsys.online.testing.ServiceHttp;
import recsys.online.testing.TopNVersions;
import recsys.online.users.UserDocument;
import recsys.online.users.UserStore;
import recsys.online.vectors.VectorStore;

/**
 * Latency of the first {@code GET /recommendations} after a {@code POST /update_ratings} of the same user (a command,
 * not a test): the user's stored list no longer matches their ratings, so the service ranks them online before it
 * answers (with a top-N version: core's {@code TopNModel} over the whole catalogue plus one kNN search for movies
 * the version does not know).
 *
 * <p>Runs the service in this JVM on the indices and storage root of an existing load, one client, requests one after
 * the other. Users: {@code --users} copies of real users' histories (sampled with {@code --seed}) under ids of this
 * run ({@code 98} + 8 digits), written straight to Elasticsearch and deleted at the end. Each round picks the next
 * user, rates one movie they have not rated (random half-star) through {@code /update_ratings}, then times the
 * recommendation request. Afterwards, in process and for the same users, the parts: the whole online ranking
 * ({@code RankedListComputer.compute}, the kNN search included), the kNN search alone, and core's top-N alone
 * ({@code TopNModel.Prepared.candidates(...).top(...)}, no Elasticsearch).
 *
 * <p>Run with {@code bin/bench-fresh-recommendations [--prefix P] [--storage DIR] [--topn-ratings RATINGS.csv]
 * [--users 50] [--requests 500] [--warmup 300] [--seed 42] [--limit 10] [--metadata false]}. Without top-N in the
 * storage's current version, {@code --topn-ratings} serves a top-N copy of it made by {@link TopNVersions} from that
 * MovieLens {@code ratings.csv} ({@code --neighbours 200}, {@code --als-rank 50}) in a temporary storage root (the
 * given one is not changed); for when the train job does not publish top-N yet.
 */
public final class FreshRecommendationBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double[] HALF_STARS = {0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5};

    private FreshRecommendationBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        String url = options.getOrDefault("es", System.getenv().getOrDefault("RECSYS_ES_URL", "http://127.0.0.1:9200"));
        String prefix = options.getOrDefault("prefix", System.getenv().getOrDefault("RECSYS_ES_INDEX_PREFIX", ""));
        Path storage = Path.of(options.getOrDefault("storage",
                System.getenv().getOrDefault("RECSYS_STORAGE", "var/storage"))).toAbsolutePath();
        int userCount = Integer.parseInt(options.getOrDefault("users", "50"));
        int requests = Integer.parseInt(options.getOrDefault("requests", "500"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "300"));
        long seed = Long.parseLong(options.getOrDefault("seed", "42"));
        String query = "&returnMetadata=" + options.getOrDefault("metadata", "false")
                + "&limit=" + options.getOrDefault("limit", "10");

        Path served = !options.containsKey("topn-ratings") ? storage
                : topNCopy(storage, Path.of(options.get("topn-ratings")),
                        Integer.parseInt(options.getOrDefault("neighbours", "200")),
                        Integer.parseInt(options.getOrDefault("als-rank", "50")));
        ElasticsearchHttp es = new ElasticsearchHttp(url, new IndexNames(prefix));
        Random random = new Random(seed);
        List<String> users = copyUsers(es, userCount, random);
        String key = UUID.randomUUID().toString();
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("recsys.es.url", url);
        properties.put("recsys.es.index-prefix", prefix);
        properties.put("recsys.storage", served.toString());
        properties.put("recsys.api-key", key);
        properties.put("micronaut.server.netty.access-logger.enabled", false);

        System.out.printf(Locale.ROOT, "load average before: %s%n", LatencySummary.loadAverage());
        long starting = System.nanoTime();
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
            System.out.printf(Locale.ROOT, "service started (model loaded and prepared) in %.1f s%n",
                    (System.nanoTime() - starting) / 1e9);
            ServingModel model = server.getApplicationContext().getBean(ServingModels.class).current()
                    .orElseThrow(() -> new IllegalStateException("no model version serving from " + served));
            System.out.printf(Locale.ROOT, "model version %s, %d movies, %s; %d users (%s), %d requests after %d "
                            + "warm-up, one client%n", model.version(), model.encoder().state().movies().size(),
                    model.hasTopN() ? "top-N" : "no top-N (model and cosine paths)", users.size(),
                    historySizes(es, users), requests, warmup);
            List<String> catalogue = new ArrayList<>(new TreeSet<>(model.encoder().state().movies()
                    .keySet()));
            ServiceHttp service = new ServiceHttp(server.getURI());
            JsonHttp http = new JsonHttp(server.getURL());
            Map<String, Set<String>> rated = new HashMap<>();
            for (String user : users) {
                rated.put(user, new HashSet<>(ElasticsearchHttp.strings(es.source(IndexSchema.USERS, user)
                        .orElseThrow().get("movie_ids"))));
            }
            long[] posts = new long[requests];
            long[] gets = new long[requests];
            Map<String, Long> paths = new TreeMap<>();
            for (int i = -warmup; i < requests; i++) {
                String user = users.get(Math.floorMod(i, users.size()));
                String movie = unrated(catalogue, rated.get(user), random);
                rated.get(user).add(movie);
                String body = "{\"" + user + "\": {\"movie_id\": \"" + movie + "\", \"rating\": "
                        + HALF_STARS[random.nextInt(HALF_STARS.length)] + "}}";
                long start = System.nanoTime();
                ServiceHttp.Answer answer = service.post("/update_ratings", body, Map.of("X-Api-Key", key));
                long rated0 = System.nanoTime();
                JsonHttp.Response response = http.get("/recommendations?user_id=" + user + query);
                long end = System.nanoTime();
                if (answer.status() != 200 || response.status() != 200) {
                    throw new IllegalStateException("request failed: " + answer.status() + " " + answer.text()
                            + " / " + response.status() + " " + response.body());
                }
                if (i >= 0) {
                    posts[i] = rated0 - start;
                    gets[i] = end - rated0;
                    paths.merge(response.header("X-Recsys-Ranking").orElse("?"), 1L, Long::sum);
                }
            }
            LatencySummary.print("POST /update_ratings (one rating)", posts);
            LatencySummary.print("the first GET /recommendations after it " + paths, gets);
            parts(server.getApplicationContext(), users, requests, warmup);
        } finally {
            for (String user : users) {
                es.send("DELETE", "/" + es.alias(IndexSchema.USERS) + "/_doc/" + user, null);
            }
        }
        System.out.printf(Locale.ROOT, "load average after: %s%n", LatencySummary.loadAverage());
    }

    /** The online ranking of the same users in process, whole and in parts. */
    private static void parts(ApplicationContext context, List<String> users, int requests, int warmup) {
        UserStore store = context.getBean(UserStore.class);
        RankedListComputer computer = context.getBean(RankedListComputer.class);
        ServingModel model = context.getBean(ServingModels.class).current().orElseThrow();
        List<UserDocument> documents = new ArrayList<>();
        for (String user : users) {
            documents.add(store.find(user).orElseThrow().document());
        }
        LatencySummary.print("in process: the online ranking (RankedListComputer.compute, Elasticsearch included)",
                time(requests, warmup, i -> computer.compute(documents.get(i % documents.size()))));
        if (!model.hasTopN()) {
            return;
        }
        TopNModel.Prepared topN = model.topN();
        VectorStore vectors = context.getBean(VectorStore.class);
        int k = context.getBean(RecommendationConfiguration.class).knnCandidates();
        int size = context.getBean(RecommendationConfiguration.class).maxLimit();
        LatencySummary.print("in process: the kNN search for movies the version does not know (k=" + k + ")",
                time(requests, warmup, i -> {
                    UserDocument user = documents.get(i % documents.size());
                    VectorStore.Probe probe = VectorStore.Probe.along(UserProfile.of(topN.model().state(),
                            user.ratedMovies()).profileVector(), 1f);
                    if (probe != null) {
                        vectors.nearest(List.of(probe), user.ratedIds(), k, k);
                    }
                }));
        boolean withRating = topN.model().weights().usesRating();
        LatencySummary.print("in process: core's top-N alone (Prepared.candidates + top " + size + ", no Elasticsearch)",
                time(requests, warmup, i -> {
                    List<RatedMovie> ratings = documents.get(i % documents.size()).ratedMovies();
                    topN.candidates(ratings, Set.of(), Map.of(), withRating).top(topN.model().weights(), size);
                }));
    }

    /** A temporary storage root with the models of {@code storage} and a top-N copy of its current version. */
    private static Path topNCopy(Path storage, Path ratingsCsv, int neighbours, int alsRank) throws IOException {
        Path copy = Files.createTempDirectory("bench-topn-storage");
        PublishedModels.copyModels(storage, copy);
        long start = System.nanoTime();
        String version = TopNVersions.currentVersion(copy) + TopNVersions.VERSION_SUFFIX;
        TopNVersions.publishTopNOfCurrent(copy, version, null, TopNVersions.ratedMovies(ratingsCsv),
                new TopNVersions.Recipe(neighbours, alsRank, 42, TopNVersions.Recipe.TESTS.weights(),
                        TopNVersions.Recipe.TESTS.poolPerSource()));
        System.out.printf(Locale.ROOT, "published %s in %s (item-kNN %d neighbours from %s, ALS rank %d) in %.1f s%n",
                version, copy, neighbours, ratingsCsv, alsRank, (System.nanoTime() - start) / 1e9);
        return copy;
    }

    /** Copies of {@code count} real users (sampled) under new ids; returns the ids. */
    private static List<String> copyUsers(ElasticsearchHttp es, int count, Random random) {
        JsonNode hits = es.search(IndexSchema.USERS, "{\"size\": 10000, \"_source\": [\"user_id\"], "
                + "\"query\": {\"bool\": {\"must_not\": [{\"prefix\": {\"user_id\": \"98\"}}]}}}")
                .path("hits").path("hits");
        List<String> real = new ArrayList<>();
        hits.forEach(hit -> real.add(hit.get("_id").asText()));
        if (real.isEmpty()) {
            throw new IllegalStateException("no users in " + es.alias(IndexSchema.USERS) + ": load data first");
        }
        Collections.shuffle(real, random);
        String run = String.format(Locale.ROOT, "98%04d", random.nextInt(10_000));
        List<String> copies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonNode source = es.source(IndexSchema.USERS, real.get(i % real.size())).orElseThrow();
            String id = run + String.format(Locale.ROOT, "%04d", i);
            ObjectNode user = JSON.createObjectNode();
            user.put("user_id", id);
            for (String field : List.of("movie_ids", "ratings", "timestamps", "rating_count", "rating_mean")) {
                if (source.has(field)) {
                    user.set(field, source.get(field));
                }
            }
            es.send("PUT", "/" + es.alias(IndexSchema.USERS) + "/_doc/" + id + "?refresh=true", user.toString());
            copies.add(id);
        }
        return copies;
    }

    private static String historySizes(ElasticsearchHttp es, List<String> users) {
        int[] sizes = users.stream().mapToInt(user -> ((ArrayNode) es.source(IndexSchema.USERS, user).orElseThrow()
                .get("movie_ids")).size()).sorted().toArray();
        return String.format(Locale.ROOT, "ratings per user: min %d, median %d, max %d", sizes[0],
                sizes[sizes.length / 2], sizes[sizes.length - 1]);
    }

    private static String unrated(List<String> catalogue, Set<String> rated, Random random) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            String movie = catalogue.get(random.nextInt(catalogue.size()));
            if (!rated.contains(movie)) {
                return movie;
            }
        }
        throw new IllegalStateException("a user rated nearly the whole catalogue");
    }

    /** Latencies of {@code requests} calls after {@code warmup} unmeasured ones, one after the other. */
    private static long[] time(int requests, int warmup, IntConsumer call) {
        long[] latencies = new long[requests];
        for (int i = -warmup; i < requests; i++) {
            long start = System.nanoTime();
            call.accept(i + warmup);
            if (i >= 0) {
                latencies[i] = System.nanoTime() - start;
            }
        }
        return latencies;
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
