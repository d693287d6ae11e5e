package recsys.online.similar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.core.filter.MovieFilter;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.core.model.ModelStore;
import recsys.core.similar.SimilarMovie;
import recsys.core.similar.SimilarMovies;
import recsys.core.similar.SimilarityBlend;
import recsys.core.similar.SimilaritySource;
import recsys.core.topn.TopNModel;
import recsys.online.testing.ErrorAssertions;
import recsys.online.testing.FixtureData;
import recsys.online.testing.JsonHttp;
import recsys.online.testing.OfflineFixture;
import recsys.online.testing.ServiceHttp;
import recsys.online.testing.TopNVersions;

/**
 * {@code GET /movies/{id}/similar} on a version with a top-N ranking: each source's list is core's
 * {@link SimilarMovies} ranking of the version's files, read here independently; filters apply before the cut; pages
 * do not overlap; a movie written a moment ago has content neighbours at once; an unknown movie is a 404.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimilarEndpointTest implements TestPropertyProvider {

    private static final String KEY = "similar-test-key";

    @Inject
    EmbeddedServer server;
    @Inject
    ElasticsearchClient client;
    @Inject
    IndexNames names;

    private Path storage;
    private TopNModel.Prepared model;
    private SimilarMovies expected;
    /** The version's blend, as the train job chose it. */
    private SimilarityBlend blend;
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
        String version = TopNVersions.currentVersion(storage);
        model = TopNVersions.read(storage, version).prepared();
        expected = new SimilarMovies(model);
        try {
            blend = SimilarityBlend.fromParameters(ModelStore.load(storage, version).manifest().description()
                    .parameters());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        data = new FixtureData(client, names);
        http = new JsonHttp(server.getURL());
        service = new ServiceHttp(server.getURI());
    }

    @Test
    void everySourceServesCoresRankingOfTheVersion() {
        int checked = 0;
        for (String movie : List.of("1", "2", "5", "17", "40")) {
            for (SimilaritySource source : SimilaritySource.values()) {
                double[] scores = expected.scores(movie, source, blend);
                List<String> core = expected.top(scores, 0, 20, i -> true).stream().map(SimilarMovie::movieId)
                        .toList();
                JsonHttp.Response response = http.get("/movies/" + movie + "/similar?limit=20&source="
                        + source.label());
                assertEquals(200, response.status(), response.body());
                assertEquals("similar-" + source.label(), response.header("X-Recsys-Ranking").orElseThrow());
                List<String> served = ids(response);
                assertEquals(core, served.subList(0, core.size()), movie + " " + source);
                assertFalse(served.contains(movie), "a movie is not similar to itself");
                assertEquals(20, served.size(), "a short list is filled");
                checked++;
            }
        }
        assertEquals(15, checked);
        assertEquals(ids(http.get("/movies/1/similar?limit=20&source=blend")),
                ids(http.get("/movies/1/similar?limit=20")), "blend is the default");
    }

    @Test
    void filtersApplyBeforeTheCutAndPagesDoNotOverlap() {
        String genre = data.movie("1").get("genres").get(0).asText();
        List<String> filtered = ids(http.get("/movies/1/similar?limit=15&genre=" + genre));
        long inGenre = countWithGenre(genre) - 1;
        assertEquals(Math.min(15, inGenre), filtered.size(), "a filtered list is as full as the catalogue allows");
        for (String id : filtered) {
            assertTrue(FixtureData.strings(data.movie(id).get("genres")).contains(genre), id + " lacks " + genre);
        }
        double[] scores = expected.scores("1", SimilaritySource.BLEND, blend);
        List<String> core = expected.top(scores, 0, 15, model.acceptedPositions(MovieFilter.genre(genre)))
                .stream().map(SimilarMovie::movieId).toList();
        assertEquals(core, filtered.subList(0, core.size()));

        List<String> whole = ids(http.get("/movies/1/similar?limit=30"));
        List<String> pages = new ArrayList<>(ids(http.get("/movies/1/similar?limit=10")));
        pages.addAll(ids(http.get("/movies/1/similar?limit=10&offset=10")));
        pages.addAll(ids(http.get("/movies/1/similar?limit=10&offset=20")));
        assertEquals(whole, pages);
        assertEquals(30, new HashSet<>(pages).size());

        List<String> excluded = ids(http.get("/movies/1/similar?limit=10&exclude=" + whole.get(0) + ","
                + whole.get(1)));
        assertEquals(whole.subList(2, 12), excluded);
    }

    @Test
    void aMovieWrittenAMomentAgoHasContentNeighboursAtOnce() {
        String id = Long.toString(880_000_000L + System.nanoTime() % 1_000_000L);
        String genre = data.movie("1").get("genres").get(0).asText();
        ServiceHttp.Answer written = service.post("/update_movie", "{\"" + id + "\": {\"title\": \"Plain Movie "
                + "Sequel (2001)\", \"genres\": [\"" + genre + "\"]}}", Map.of("X-Api-Key", KEY));
        assertEquals(200, written.status(), written.text());
        for (String source : List.of("blend", "content", "collaborative")) {
            JsonHttp.Response response = http.get("/movies/" + id + "/similar?limit=10&source=" + source);
            assertEquals(200, response.status(), response.body());
            assertEquals("similar-content", response.header("X-Recsys-Ranking").orElseThrow(),
                    "a new movie has no collaborative signal yet");
            float[] vector = data.vector(id);
            List<String> core = expected.top(expected.contentScores(vector), 0, 10, i -> true).stream()
                    .map(SimilarMovie::movieId).toList();
            assertEquals(core, ids(response));
        }
    }

    @Test
    void badRequestsNameTheirField() {
        JsonHttp.Response unknown = http.get("/movies/123456789/similar");
        assertEquals(404, unknown.status(), unknown.body());
        ErrorAssertions.assertError(unknown, 404, "movie_id");
        for (String[] bad : new String[][] {
                {"/movies/1/similar?source=popular", "source"},
                {"/movies/1/similar?source=blend&source=content", "source"},
                {"/movies/1/similar?limit=0", "limit"},
                {"/movies/1/similar?offset=5000", "offset"},
                {"/movies/1/similar?genre=NoSuchGenre", "genre"},
                {"/movies/a%20b/similar", "movie_id"}}) {
            JsonHttp.Response response = http.get(bad[0]);
            assertEquals(400, response.status(), bad[0] + " " + response.body());
            ErrorAssertions.assertError(response, 400, bad[1]);
        }
    }

    /** Movies of the index (other tests' new movies included) with the genre. */
    private long countWithGenre(String genre) {
        try {
            client.indices().refresh(r -> r.index(names.alias(IndexSchema.MOVIES)));
            return client.count(c -> c.index(names.alias(IndexSchema.MOVIES))
                    .query(q -> q.term(t -> t.field("genres").value(genre)))).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> ids(JsonHttp.Response response) {
        assertEquals(200, response.status(), response.body());
        List<String> ids = new ArrayList<>();
        for (JsonNode item : response.json().get("items")) {
            ids.add(item.get("movie_id").asText());
        }
        assertEquals(ids.size(), Set.copyOf(ids).size(), "distinct");
        return ids;
    }
}
