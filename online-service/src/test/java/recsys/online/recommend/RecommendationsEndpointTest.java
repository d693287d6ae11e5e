package recsys.online.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static recsys.online.testing.ErrorAssertions.assertError;
import static recsys.online.testing.ErrorAssertions.fieldNames;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.core.ranking.Candidate;
import recsys.core.ranking.RankingBlend;
import recsys.online.model.ServingModel;
import recsys.online.model.ServingModels;
import recsys.online.testing.FixtureData;
import recsys.online.testing.JsonHttp;
import recsys.online.testing.OfflineFixture;
import recsys.online.testing.PublishedModels;
import recsys.testing.Vectors;

/**
 * {@code GET /recommendations} over the data the offline pipeline indexed from the generated fixture, with the model
 * it trained: the exact shapes, the three ranking paths, exclusions, the genre filter and every invalid parameter.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecommendationsEndpointTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;
    @Inject
    ElasticsearchClient client;
    @Inject
    IndexNames names;
    @Inject
    ServingModels models;

    private JsonHttp http;
    private FixtureData data;

    @Override
    public Map<String, String> getProperties() {
        // the rating model's paths (model for long histories, cosine for short ones): a version without top-N
        // (TopNRecommendationsTest covers the top-N path)
        return OfflineFixture.get().serviceProperties(Map.of("recsys.storage",
                PublishedModels.fixtureStorageWithoutTopN().toString()));
    }

    @BeforeAll
    void setUp() {
        http = new JsonHttp(server.getURL());
        data = new FixtureData(client, names);
    }

    private JsonHttp.Response get(String query) {
        return http.get("/recommendations?" + query);
    }

    private long movieCount() {
        try {
            client.indices().refresh(r -> r.index(names.alias(IndexSchema.MOVIES)));
            return client.count(c -> c.index(names.alias(IndexSchema.MOVIES))).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> ids(JsonHttp.Response response) {
        assertEquals(200, response.status(), response.body());
        List<String> ids = new ArrayList<>();
        response.json().get("items").forEach(item -> ids.add(item.get("movie_id").asText()));
        return ids;
    }

    @Test
    void withoutMetadataEachItemIsJustAMovieId() {
        JsonHttp.Response response = get("user_id=" + HEAVY_USER + "&returnMetadata=false");
        assertEquals(200, response.status(), response.body());
        assertEquals(List.of("items"), fieldNames(response.json()));
        assertEquals(10, response.json().get("items").size(), "default limit");
        for (JsonNode item : response.json().get("items")) {
            assertEquals(List.of("movie_id"), fieldNames(item), response.body());
            assertTrue(item.get("movie_id").isTextual(), "movie ids are strings: " + response.body());
        }
        assertEquals(10, new HashSet<>(ids(response)).size(), "distinct");
    }

    @Test
    void withMetadataEachItemCarriesTitleAndPipeJoinedGenresAndTags() {
        JsonHttp.Response response = get("user_id=" + HEAVY_USER + "&returnMetadata=True&limit=30");
        assertEquals(200, response.status(), response.body());
        boolean sawTags = false;
        for (JsonNode item : response.json().get("items")) {
            assertEquals(List.of("movie_id", "title", "genres", "tags"), fieldNames(item), response.body());
            JsonNode movie = data.movie(item.get("movie_id").asText());
            assertEquals(movie.get("title").asText(), item.get("title").asText());
            assertEquals(String.join("|", FixtureData.strings(movie.get("genres"))), item.get("genres").asText());
            assertEquals(String.join("|", FixtureData.strings(movie.get("tags"))), item.get("tags").asText());
            sawTags |= !item.get("tags").asText().isEmpty();
        }
        assertTrue(response.body().contains("\"genres\":\""), "genres is a string, not an array");
        assertTrue(sawTags || response.json().get("items").size() < 30, "some item should carry tags");
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "false", "True", "False", "1", "0"})
    void everyAcceptedSpellingOfTheFlagWorks(String flag) {
        JsonHttp.Response response = get("user_id=" + HEAVY_USER + "&returnMetadata=" + flag + "&limit=2");
        boolean metadata = flag.equalsIgnoreCase("true") || flag.equals("1");
        assertEquals(200, response.status(), response.body());
        for (JsonNode item : response.json().get("items")) {
            assertEquals(metadata, item.has("title"), flag + ": " + response.body());
        }
    }

    @Test
    void limitIsHonouredUpToTheMaximum() {
        assertEquals(3, ids(get("user_id=" + HEAVY_USER + "&returnMetadata=false&limit=3")).size());
        // the fixture's 80 movies and any other test added through /update_movie (the indices are shared)
        long catalogue = movieCount();
        long unrated = catalogue - new HashSet<>(data.ratedMovies(HEAVY_USER)).size();
        assertEquals(Math.min(100, unrated), ids(get("user_id=" + HEAVY_USER + "&returnMetadata=0&limit=100")).size());
    }

    @Test
    void noPathEverReturnsARatedMovie() {
        for (String user : List.of(HEAVY_USER, "2", "17", ONE_RATING_USER, FIVE_RATINGS_USER,
                NINETEEN_RATINGS_USER)) {
            Set<String> rated = new HashSet<>(data.ratedMovies(user));
            for (String genre : new String[] {null, "Drama"}) {
                String query = "user_id=" + user + "&returnMetadata=false&limit=100"
                        + (genre == null ? "" : "&genre=" + genre);
                List<String> returned = ids(get(query));
                assertFalse(returned.isEmpty(), query);
                for (String id : returned) {
                    assertFalse(rated.contains(id), "user " + user + " rated " + id + " (" + query + ")");
                }
            }
        }
    }

    @Test
    void aUserWithManyRatingsIsRankedByTheModelsBlend() {
        ServingModel model = models.current().orElseThrow();
        // a copy without a stored list: the shared user's may have been stored by a test serving the top-N
        // version, and a list of another version still serves while it is recomputed
        String user = data.copyOfUser(HEAVY_USER, "model-path");
        JsonHttp.Response response = get("user_id=" + user + "&returnMetadata=false&limit=20");
        assertEquals("model", response.header("X-Recsys-Ranking").orElseThrow());
        assertEquals(model.version(), response.header("X-Recsys-Model").orElseThrow());
        // the returned order is the ranker's: scores computed here from the model's own predictions never increase
        ServingModel.UserScorer scorer = model.forUser(data.ratings(user));
        double previous = Double.POSITIVE_INFINITY;
        for (String id : ids(response)) {
            double score = model.ranker().score(new Candidate(id, scorer.predict(id), model.ratingCount(id),
                    model.dampedMean(id), List.of()));
            assertTrue(score <= previous + 1e-12, "scores must not increase: " + id + " " + score + " > " + previous);
            previous = score;
        }
    }

    @Test
    void aUserWithAFewRatingsGetsTheMoviesMostSimilarToWhatTheyRated() {
        String rated = data.ratedMovies(ONE_RATING_USER).get(0);
        JsonHttp.Response response = get("user_id=" + ONE_RATING_USER + "&returnMetadata=false&limit=10");
        assertEquals("cosine", response.header("X-Recsys-Ranking").orElseThrow());
        float[] probe = data.vector(rated);
        double previous = Double.POSITIVE_INFINITY;
        for (String id : ids(response)) {
            double cosine = Vectors.cosine(probe, data.vector(id));
            assertTrue(cosine <= previous + 1e-5, "cosine must not increase: " + id + " " + cosine + " > " + previous);
            previous = cosine;
        }
        assertEquals("cosine", get("user_id=" + NINETEEN_RATINGS_USER + "&returnMetadata=false")
                .header("X-Recsys-Ranking").orElseThrow(), "19 ratings is still below the model's 20");
    }

    @Test
    void anUnknownUserGetsThePopularityRanking() {
        JsonHttp.Response response = get("user_id=nobody-" + System.nanoTime() + "&returnMetadata=false&limit=20");
        assertEquals(200, response.status(), response.body());
        assertEquals("popularity", response.header("X-Recsys-Ranking").orElseThrow());
        List<String> ids = ids(response);
        assertEquals(20, ids.size());
        // damped mean and count: recompute every score from the movie documents, best first
        List<JsonNode> movies = ids.stream().map(data::movie).toList();
        double globalMean = 0;
        long total = 0;
        long maxCount = 0;
        for (String id : allMovieIds()) {
            JsonNode movie = data.movie(id);
            globalMean += movie.get("rating_mean").asDouble() * movie.get("rating_count").asLong();
            total += movie.get("rating_count").asLong();
            maxCount = Math.max(maxCount, movie.get("rating_count").asLong());
        }
        globalMean /= total;
        double previous = Double.POSITIVE_INFINITY;
        for (JsonNode movie : movies) {
            long count = movie.get("rating_count").asLong();
            double damped = (movie.get("rating_mean").asDouble() * count + 5 * globalMean) / (count + 5);
            double score = RankingBlend.POPULARITY.score(new Candidate(movie.get("movie_id").asText(), Double.NaN,
                    count, damped, List.of()), maxCount);
            assertTrue(score <= previous + 1e-6, movie + " scores " + score + " after " + previous);
            previous = score;
        }
    }

    @Test
    void theGenreFilterKeepsOnlyThatGenreOnEveryPath() {
        for (String user : List.of(HEAVY_USER, FIVE_RATINGS_USER, "nobody")) {
            JsonHttp.Response response = get("user_id=" + user + "&returnMetadata=true&limit=15&genre=comedy");
            assertEquals(200, response.status(), response.body());
            assertFalse(response.json().get("items").isEmpty(), response.body());
            for (JsonNode item : response.json().get("items")) {
                assertTrue(List.of(item.get("genres").asText().split("\\|")).contains("Comedy"),
                        user + ": " + item);
            }
        }
    }

    @Test
    void invalidParametersAreA400NamingTheParameter() {
        assertError(get("returnMetadata=true"), 400, "user_id");
        assertError(get("user_id=&returnMetadata=true"), 400, "user_id");
        assertError(get("user_id=%20%20&returnMetadata=true"), 400, "user_id");
        assertError(get("user_id=" + "x".repeat(300) + "&returnMetadata=true"), 400, "user_id");
        for (String flag : List.of("yes", "2", "", "truee", "%00")) {
            assertError(get("user_id=1&returnMetadata=" + flag), 400, "returnMetadata");
        }
        for (String limit : List.of("0", "-1", "101", "abc", "1.5", "", "99999999999", "%20")) {
            assertError(get("user_id=1&returnMetadata=true&limit=" + limit), 400, "limit");
        }
        assertError(get("user_id=1&returnMetadata=true&genre="), 400, "genre");
        assertError(get("user_id=1&returnMetadata=true&genre=" + URLEncoder.encode("No Such Genre",
                StandardCharsets.UTF_8)), 400, "genre");
    }

    private List<String> allMovieIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 80; i++) {
            ids.add(Integer.toString(i));
        }
        return ids;
    }
}
