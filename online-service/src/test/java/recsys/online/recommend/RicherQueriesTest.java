package recsys.online.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static recsys.online.testing.FixtureData.HEAVY_USER;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.core.features.RatedMovie;
import recsys.core.filter.GenreMode;
import recsys.core.filter.MovieFilter;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.core.topn.TopNModel;
import recsys.core.topn.UserCandidates;
import recsys.online.testing.ErrorAssertions;
import recsys.online.testing.FixtureData;
import recsys.online.testing.JsonHttp;
import recsys.online.testing.OfflineFixture;
import recsys.online.testing.TopNVersions;

/**
 * The list parameters of {@code GET /recommendations} on the top-N path: every filter applied before the cut (the
 * served list is core's filtered ranking, still full-length), pages that never overlap, exclusions, and reasons
 * taken from the scores that ranked each item.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RicherQueriesTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;
    @Inject
    ElasticsearchClient client;
    @Inject
    IndexNames names;

    private Path storage;
    private TopNModel.Prepared expected;
    private FixtureData data;
    private JsonHttp http;
    private String user;

    @Override
    public Map<String, String> getProperties() {
        storage = TopNVersions.fixtureStorageWithTopN();
        // a small max-limit, so that paging past the stored list's length is exercised on the fixture's 80 movies
        return OfflineFixture.get().serviceProperties(Map.of("recsys.storage", storage.toString(),
                "recsys.recommendations.max-limit", "20"));
    }

    @BeforeAll
    void setUp() {
        expected = TopNVersions.read(storage, TopNVersions.currentVersion(storage)).prepared();
        data = new FixtureData(client, names);
        http = new JsonHttp(server.getURL());
        user = data.copyOfUser(HEAVY_USER, "richer");
    }

    @Test
    void aFilteredListIsCoresFilteredRankingAndFullLength() {
        JsonNode first = data.movie("1").get("genres");
        String genre = first.get(0).asText();
        List<MovieFilter> filters = List.of(
                MovieFilter.genre(genre),
                new MovieFilter(Set.of(genre, "Drama"), GenreMode.ANY, Set.of(), null, null, Set.of()),
                new MovieFilter(Set.of(), GenreMode.ANY, Set.of(genre), null, null, Set.of()),
                new MovieFilter(Set.of(), GenreMode.ANY, Set.of(), 1960, 1999, Set.of()));
        List<String> queries = List.of("&genre=" + genre, "&genre=" + genre + "%7CDrama", "&exclude_genre=" + genre,
                "&year_from=1960&year_to=1999");
        List<RatedMovie> ratings = data.ratings(user);
        for (int f = 0; f < filters.size(); f++) {
            MovieFilter filter = filters.get(f);
            List<String> served = ids(http.get("/recommendations?user_id=" + user + "&limit=12" + queries.get(f)));
            assertEquals(Math.min(12, unratedAccepted(filter)), served.size(),
                    queries.get(f) + ": as full as the catalogue allows");
            for (String id : served) {
                JsonNode movie = data.movie(id);
                Integer year = movie.hasNonNull("year") ? movie.get("year").asInt() : null;
                assertTrue(filter.accepts(id, FixtureData.strings(movie.get("genres")), year),
                        queries.get(f) + ": " + id + " " + movie);
                assertFalse(data.ratedMovies(user).contains(id));
            }
            // the catalogue's part of the list is core's ranking with the filter pushed in (movies other tests
            // added through /update_movie may be interleaved; they are not in the catalogue)
            List<String> core = expected.candidates(ratings, Set.of(), filter, Map::of,
                    expected.model().weights().usesRating()).top(expected.model().weights(), 12);
            List<String> catalogueOnly = served.stream().filter(id -> expected.catalogue().indexOf(id) >= 0)
                    .toList();
            assertEquals(core.subList(0, Math.min(core.size(), catalogueOnly.size())),
                    catalogueOnly.subList(0, Math.min(core.size(), catalogueOnly.size())), queries.get(f));
        }
        // all: every listed movie has both genres (the popularity fill included)
        String other = genre.equals("Drama") ? "Comedy" : "Drama";
        for (String id : ids(http.get("/recommendations?user_id=" + user + "&limit=10&genre=" + genre + "&genre="
                + other + "&genre_mode=all"))) {
            assertTrue(FixtureData.strings(data.movie(id).get("genres")).containsAll(List.of(genre, other)), id);
        }
    }

    @Test
    void pagesNeverOverlapAndDeepPagesWork() {
        List<String> whole = ids(http.get("/recommendations?user_id=" + user + "&limit=20"));
        List<String> pages = new ArrayList<>();
        for (int offset = 0; offset < 20; offset += 5) {
            pages.addAll(ids(http.get("/recommendations?user_id=" + user + "&limit=5&offset=" + offset)));
        }
        assertEquals(whole, pages);
        // past max-limit (20), beyond the stored list: ranked now, as deep as the page needs
        List<String> deeper = ids(http.get("/recommendations?user_id=" + user + "&limit=10&offset=20"));
        assertEquals(10, deeper.size());
        assertTrue(deeper.stream().noneMatch(whole::contains), "page 21-30 repeats none of 1-20");
        JsonHttp.Response beyond = http.get("/recommendations?user_id=" + user + "&limit=10&offset=500");
        assertEquals(200, beyond.status(), beyond.body());
        assertEquals(0, beyond.json().get("items").size(), "past the catalogue: an empty page, still with items");

        List<String> excluded = ids(http.get("/recommendations?user_id=" + user + "&limit=10&exclude="
                + whole.get(0) + "&exclude=" + whole.get(3)));
        assertEquals(10, excluded.size());
        assertFalse(excluded.contains(whole.get(0)) || excluded.contains(whole.get(3)));
    }

    /**
     * Every named rating is one of the user's, and taking it away lowers the item's re-ranker score, computed here
     * from the version's files over the whole catalogue.
     */
    @Test
    void reasonsComeFromTheScoresThatRankedTheItem() {
        JsonNode items = http.get("/recommendations?user_id=" + user + "&limit=10&explain=true").json().get("items");
        List<RatedMovie> ratings = data.ratings(user);
        Set<String> rated = new HashSet<>(data.ratedMovies(user));
        TopNModel whole = new TopNModel(expected.model().state(), expected.model().itemItem(),
                expected.model().als(), expected.model().ratingModel(), expected.model().weights(),
                expected.catalogue().size(), expected.model().liked());
        int named = 0;
        for (JsonNode item : items) {
            JsonNode reasons = item.get("reasons");
            assertTrue(reasons != null && reasons.isObject(), item.toString());
            String movie = item.get("movie_id").asText();
            if (!reasons.has("because_you_rated")) {
                continue;
            }
            double before = score(whole, ratings, movie);
            for (JsonNode id : reasons.get("because_you_rated")) {
                assertTrue(rated.contains(id.asText()), id + " is not one of the user's ratings");
                List<RatedMovie> without = ratings.stream().filter(r -> !r.movieId().equals(id.asText())).toList();
                assertTrue(score(whole, without, movie) < before, "without " + id + ", " + movie + " scores lower");
                named++;
            }
            assertTrue(reasons.get("because_you_rated").size() <= 3);
        }
        assertTrue(named > 0, "no item named a rating: " + items);

        JsonNode popular = http.get("/recommendations?user_id=nobody-richer&limit=5&explain=true").json()
                .get("items");
        for (JsonNode item : popular) {
            assertTrue(item.get("reasons").get("popular").asBoolean(), item.toString());
        }
        JsonNode plain = http.get("/recommendations?user_id=" + user + "&limit=3").json().get("items");
        assertFalse(plain.get(0).has("reasons"), "reasons only when asked");
    }

    @Test
    void badParametersNameTheirField() {
        for (String[] bad : new String[][] {
                {"&genre_mode=some", "genre_mode"},
                {"&year_from=2000&year_to=1990", "year_from"},
                {"&limit=5&limit=6", "limit"},
                {"&user_id=2", "user_id"},
                {"&exclude_genre=NoSuchGenre", "exclude_genre"},
                {"&genre=Comedy%7C", "genre"},
                {"&exclude=1,a%20b", "exclude"},
                {"&offset=1000", "offset"},
                {"&explain=maybe", "explain"}}) {
            JsonHttp.Response response = http.get("/recommendations?user_id=" + user + bad[0]);
            ErrorAssertions.assertError(response, 400, bad[1]);
        }
    }

    /** Movies of the index (other tests' new ones included) the filter accepts and the user has not rated. */
    private long unratedAccepted(MovieFilter filter) {
        Set<String> rated = new HashSet<>(data.ratedMovies(user));
        try {
            client.indices().refresh(r -> r.index(names.alias(IndexSchema.MOVIES)));
            return client.search(q -> q.index(names.alias(IndexSchema.MOVIES)).size(10_000), JsonNode.class)
                    .hits().hits().stream().map(hit -> hit.source())
                    .filter(movie -> !rated.contains(movie.get("movie_id").asText()))
                    .filter(movie -> filter.accepts(movie.get("movie_id").asText(),
                            FixtureData.strings(movie.get("genres")),
                            movie.hasNonNull("year") ? movie.get("year").asInt() : null))
                    .count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double score(TopNModel model, List<RatedMovie> ratings, String movie) {
        UserCandidates candidates = model.prepared().candidates(ratings, Set.of(), Map.of(),
                model.weights().usesRating());
        int i = candidates.ids().indexOf(movie);
        return i < 0 ? Double.NEGATIVE_INFINITY : candidates.score(i, model.weights().toArray());
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
