package recsys.online.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static recsys.online.testing.FixtureData.FIVE_RATINGS_USER;
import static recsys.online.testing.FixtureData.HEAVY_USER;
import static recsys.online.testing.FixtureData.NINETEEN_RATINGS_USER;
import static recsys.online.testing.FixtureData.ONE_RATING_USER;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.core.features.RatedMovie;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.core.topn.ItemNeighbours;
import recsys.core.topn.TopNModel;
import recsys.online.config.RecommendationConfiguration;
import recsys.online.model.ServingModels;
import recsys.online.testing.ElasticsearchHttp;
import recsys.online.testing.FixtureData;
import recsys.online.testing.JsonHttp;
import recsys.online.testing.OfflineFixture;
import recsys.online.testing.ServiceHttp;
import recsys.online.testing.TopNVersions;
import recsys.online.users.UserDocument;
import recsys.online.users.UserStore;

/**
 * {@code GET /recommendations} with a model version that has a top-N ranking ({@link TopNVersions}: the fixture's
 * trained version plus an item-kNN table, ALS factors and re-rank weights): every user with a rating gets the
 * top-N list, whatever their number of ratings; it is core's {@link TopNModel.Prepared#top} of their current
 * ratings, read here from the same files; and a rating written a moment ago already moves it.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopNRecommendationsTest implements TestPropertyProvider {

    private static final String KEY = "topn-test-key";
    private static final Map<String, String> AUTH = Map.of("X-Api-Key", KEY);

    @Inject
    EmbeddedServer server;
    @Inject
    ElasticsearchClient client;
    @Inject
    IndexNames names;
    @Inject
    ServingModels models;
    @Inject
    UserStore users;
    @Inject
    RankedListComputer computer;
    @Inject
    RecommendationConfiguration configuration;

    private Path storage;
    private String version;
    private TopNModel.Prepared expected;
    private FixtureData data;
    private JsonHttp http;
    private ServiceHttp service;

    @Override
    public Map<String, String> getProperties() {
        storage = TopNVersions.fixtureStorageWithTopN();
        return OfflineFixture.get().serviceProperties(Map.of("recsys.storage", storage.toString(),
                "recsys.api-key", KEY));
    }

    @BeforeAll
    void setUp() {
        version = TopNVersions.currentVersion(storage);
        expected = TopNVersions.read(storage, version).prepared();
        data = new FixtureData(client, names);
        http = new JsonHttp(server.getURL());
        service = new ServiceHttp(server.getURI());
        assertEquals(version, models.current().orElseThrow().version());
        assertTrue(models.current().orElseThrow().hasTopN(), "the service loaded the version's top-N ranking");
    }

    @Test
    void everyUserWithARatingGetsTheTopNListWhateverTheirNumberOfRatings() {
        for (String original : List.of(ONE_RATING_USER, FIVE_RATINGS_USER, NINETEEN_RATINGS_USER, HEAVY_USER)) {
            String userId = data.copyOfUser(original, "topn-path");
            JsonHttp.Response response = http.get("/recommendations?user_id=" + userId + "&returnMetadata=false");
            assertEquals(200, response.status(), response.body());
            assertEquals("top-n", response.header("X-Recsys-Ranking").orElseThrow(), "copy of " + original);
            assertEquals(version, response.header("X-Recsys-Model").orElseThrow());
            assertEquals(10, ids(response).size());
        }
        JsonHttp.Response unknown = http.get("/recommendations?user_id=nobody-" + System.nanoTime()
                + "&returnMetadata=false");
        assertEquals("popularity", unknown.header("X-Recsys-Ranking").orElseThrow());
    }

    /**
     * For every user of the fixture, the list computed online from the user document is core's top-N of those
     * ratings, computed here from the version's files. Movies added through {@code /update_movie} by other tests
     * (the fixture's indices are shared) are not in the version's catalogue; the service finds them by a kNN search
     * and the model scores them by content, so the expectation passes the same movies: every vector in the index
     * that the catalogue lacks (the fixture is small enough for the search to find them all).
     */
    @Test
    void theOnlineListIsTheCoreTopNOfTheUsersCurrentRatings() {
        Map<String, float[]> newMovies = vectorsTheCatalogueLacks();
        int maxLimit = configuration.maxLimit();
        Set<String> fixtureUsers = TopNVersions.fixtureRatedMovies().keySet();
        assertEquals(33, fixtureUsers.size(), "30 generated users and 3 light ones");
        for (String userId : fixtureUsers) {
            UserDocument user = users.find(userId).orElseThrow().document();
            List<String> core = coreTop(user.ratedMovies(), newMovies, maxLimit);

            RankedList online = computer.compute(user);

            assertEquals(RankingPath.TOP_N, online.path());
            assertEquals(version, online.modelVersion());
            assertEquals(core, online.movieIds().subList(0, core.size()), "user " + userId);
            // what follows, if anything, is the popularity fill of a short list: unrated and new
            Set<String> rest = new HashSet<>(online.movieIds().subList(core.size(), online.movieIds().size()));
            assertTrue(rest.stream().noneMatch(id -> core.contains(id) || user.ratedIds().contains(id)),
                    "user " + userId + ": " + rest);
        }
        // the same through HTTP for a user without a stored list: the request path adds nothing of its own
        String userId = data.copyOfUser("8", "topn-http");
        List<String> core = coreTop(data.ratings(userId), newMovies, maxLimit);
        assertEquals(core.subList(0, Math.min(core.size(), 100)),
                ids(http.get("/recommendations?user_id=" + userId + "&returnMetadata=false&limit=100")));
    }

    /** Core's top-N of these ratings, with the new movies when there are some (as the service passes them). */
    private List<String> coreTop(List<RatedMovie> ratings, Map<String, float[]> newMovies, int k) {
        if (newMovies.isEmpty()) {
            return expected.top(ratings, k);
        }
        return expected.candidates(ratings, Set.of(), newMovies, expected.model().weights().usesRating())
                .top(expected.model().weights(), k);
    }

    /**
     * Freshness: a new user rates three movies, then a "franchise" (three movies the item-item table links most
     * strongly to one they have not rated, the target); the very next request, computed from the ratings just
     * written, ranks the target, which was outside their top 10, near the top, and the movies the franchise links
     * to rise on the whole.
     */
    @Test
    void moviesLinkedToAFranchiseJustRatedRiseInTheNextRecommendations() {
        // user ids written through /update_ratings are digits; 97xxxxxxxx is this test's range
        String userId = String.format(java.util.Locale.ROOT, "97%08d", System.nanoTime() % 100_000_000);
        List<String> start = List.of("11", "42", "73");
        rate(userId, start, 3.0);
        List<String> before = recommend(userId);

        ItemNeighbours table = expected.model().itemItem();
        // for every movie, its three strongest in-links from movies the user has not rated
        String target = null;
        List<String> franchise = null;
        double strongest = 0;
        for (String candidate : before.subList(10, before.size())) {
            List<String> linking = strongestLinksTo(table, candidate, new HashSet<>(start), 3);
            double strength = linkStrength(table, linking, candidate);
            if (linking.size() == 3 && strength > strongest) {
                strongest = strength;
                target = candidate;
                franchise = linking;
            }
        }
        assertTrue(target != null, "no movie outside the top 10 has three in-links: " + before);
        Set<String> linked = new LinkedHashSet<>();
        for (String movie : franchise) {
            int row = table.indexOf(movie);
            for (int j : table.neighbours(row)) {
                linked.add(table.ids().get(j));
            }
        }
        linked.removeAll(start);
        linked.removeAll(franchise);

        rate(userId, franchise, 5.0);
        List<String> after = recommend(userId);

        int rankBefore = before.indexOf(target);
        int rankAfter = after.indexOf(target);
        System.out.printf("[topn-fresh] target %s (franchise %s) rank %d -> %d; %d linked movies%n", target,
                franchise, rankBefore, rankAfter, linked.size());
        assertTrue(rankAfter >= 0 && rankAfter < 5 && rankAfter < rankBefore, "target " + target + " (franchise "
                + franchise + ") went from rank " + rankBefore + " to " + rankAfter + ": " + after);
        double meanBefore = linked.stream().mapToInt(before::indexOf).average().orElseThrow();
        double meanAfter = linked.stream().mapToInt(after::indexOf).average().orElseThrow();
        assertTrue(meanAfter < meanBefore, "the movies the franchise links to rose on average: " + meanBefore
                + " -> " + meanAfter);
        long inTopTenBefore = linked.stream().filter(id -> before.indexOf(id) < 10).count();
        long inTopTenAfter = linked.stream().filter(id -> after.indexOf(id) < 10).count();
        assertTrue(inTopTenAfter > inTopTenBefore, "more of them in the top 10: " + inTopTenBefore + " -> "
                + inTopTenAfter);
        Set<String> rated = new HashSet<>(start);
        rated.addAll(franchise);
        assertTrue(after.stream().noneMatch(rated::contains), "rated movies are never returned: " + after);
    }

    @Test
    void noRatedMovieIsReturnedAndTheGenreFilterHolds() {
        for (String original : List.of(HEAVY_USER, "2", ONE_RATING_USER, NINETEEN_RATINGS_USER)) {
            String userId = data.copyOfUser(original, "topn-rated");
            Set<String> rated = new HashSet<>(data.ratedMovies(userId));
            for (String genre : new String[] {null, "Drama", "Comedy"}) {
                String query = "/recommendations?user_id=" + userId + "&returnMetadata=true&limit=100"
                        + (genre == null ? "" : "&genre=" + genre);
                JsonHttp.Response response = http.get(query);
                assertEquals(200, response.status(), response.body());
                assertFalse(response.json().get("items").isEmpty(), query);
                for (JsonNode item : response.json().get("items")) {
                    assertFalse(rated.contains(item.get("movie_id").asText()), query + ": " + item);
                    if (genre != null) {
                        assertTrue(List.of(item.get("genres").asText().split("\\|")).contains(genre),
                                query + ": " + item);
                    }
                }
            }
        }
    }

    private void rate(String userId, List<String> movies, double rating) {
        StringBuilder body = new StringBuilder("{\"" + userId + "\": {\"movie_id\": [");
        for (int i = 0; i < movies.size(); i++) {
            body.append(i == 0 ? "" : ", ").append('"').append(movies.get(i)).append('"');
        }
        body.append("], \"ratings\": [");
        for (int i = 0; i < movies.size(); i++) {
            body.append(i == 0 ? "" : ", ").append(rating);
        }
        body.append("]}}");
        ServiceHttp.Answer answer = service.post("/update_ratings", body.toString(), AUTH);
        assertEquals(200, answer.status(), answer.text());
    }

    /** The user's whole list (100), which must come from the top-N path. */
    private List<String> recommend(String userId) {
        JsonHttp.Response response = http.get("/recommendations?user_id=" + userId + "&returnMetadata=false"
                + "&limit=100");
        assertEquals("top-n", response.header("X-Recsys-Ranking").orElseThrow());
        return ids(response);
    }

    /** The {@code count} movies (not in {@code excluded}) whose rows weigh {@code target} most, strongest first. */
    private static List<String> strongestLinksTo(ItemNeighbours table, String target, Set<String> excluded,
                                                 int count) {
        int targetRow = table.indexOf(target);
        Map<String, Float> weights = new HashMap<>();
        for (int i = 0; i < table.size(); i++) {
            String movie = table.ids().get(i);
            if (i == targetRow || excluded.contains(movie)) {
                continue;
            }
            int[] row = table.neighbours(i);
            float[] w = table.weights(i);
            for (int e = 0; e < row.length; e++) {
                if (row[e] == targetRow) {
                    weights.put(movie, w[e]);
                }
            }
        }
        return weights.entrySet().stream()
                .sorted(Map.Entry.<String, Float>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(count).map(Map.Entry::getKey).toList();
    }

    private static double linkStrength(ItemNeighbours table, List<String> from, String target) {
        int targetRow = table.indexOf(target);
        double sum = 0;
        for (String movie : from) {
            int i = table.indexOf(movie);
            int[] row = table.neighbours(i);
            float[] w = table.weights(i);
            for (int e = 0; e < row.length; e++) {
                sum += row[e] == targetRow ? w[e] : 0;
            }
        }
        return sum;
    }

    /** Every vector in the fixture's vector index whose movie the version's catalogue lacks. */
    private Map<String, float[]> vectorsTheCatalogueLacks() {
        OfflineFixture.Loaded fixture = OfflineFixture.get();
        ElasticsearchHttp es = new ElasticsearchHttp(fixture.elasticsearchUrl(), names);
        es.send("POST", "/" + es.alias(IndexSchema.MOVIE_VECTORS) + "/_refresh", null);
        JsonNode hits = es.search(IndexSchema.MOVIE_VECTORS, "{\"size\": 1000, \"query\": {\"match_all\": {}}}")
                .path("hits").path("hits");
        Map<String, float[]> unknown = new HashMap<>();
        for (JsonNode hit : hits) {
            String id = hit.get("_id").asText();
            if (expected.catalogue().indexOf(id) < 0) {
                JsonNode values = hit.get("_source").get("movie_vector");
                float[] vector = new float[values.size()];
                for (int d = 0; d < vector.length; d++) {
                    vector[d] = (float) values.get(d).asDouble();
                }
                unknown.put(id, vector);
            }
        }
        assertTrue(hits.size() < 1000, "the fixture's vector index is small");
        return unknown;
    }

    private static List<String> ids(JsonHttp.Response response) {
        assertEquals(200, response.status(), response.body());
        List<String> ids = new ArrayList<>();
        response.json().get("items").forEach(item -> ids.add(item.get("movie_id").asText()));
        return ids;
    }
}
