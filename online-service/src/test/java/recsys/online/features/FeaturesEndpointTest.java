package recsys.online.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static recsys.online.testing.ErrorAssertions.assertError;
import static recsys.online.testing.ErrorAssertions.fieldNames;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.core.index.IndexNames;
import recsys.online.testing.FixtureData;
import recsys.online.testing.JsonHttp;
import recsys.online.testing.OfflineFixture;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeaturesEndpointTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;
    @Inject
    ElasticsearchClient client;
    @Inject
    IndexNames names;

    @Override
    public Map<String, String> getProperties() {
        return OfflineFixture.get().serviceProperties();
    }

    @Test
    void theHistoryIsTheRatedMovieIdsMostRecentFirst() {
        for (String userId : List.of(FixtureData.HEAVY_USER, FixtureData.FIVE_RATINGS_USER)) {
            JsonHttp.Response response = new JsonHttp(server.getURL()).get("/features?user_id=" + userId);
            assertEquals(200, response.status(), response.body());
            assertEquals(List.of("features"), fieldNames(response.json()));
            assertEquals(1, response.json().get("features").size());
            JsonNode entry = response.json().get("features").get(0);
            assertEquals(List.of("histories"), fieldNames(entry));

            JsonNode user = new FixtureData(client, names).user(userId);
            record Entry(String movieId, long timestamp) {
            }
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < user.get("movie_ids").size(); i++) {
                entries.add(new Entry(user.get("movie_ids").get(i).asText(), user.get("timestamps").get(i).asLong()));
            }
            entries.sort(Comparator.comparingLong(Entry::timestamp).reversed());
            assertEquals(entries.stream().map(Entry::movieId).toList(), FixtureData.strings(entry.get("histories")));
        }
    }

    @Test
    void anUnknownUserIsA404AndAMissingIdA400() {
        JsonHttp http = new JsonHttp(server.getURL());
        assertError(http.get("/features?user_id=nobody-at-all"), 404, "user_id");
        assertError(http.get("/features"), 400, "user_id");
        assertError(http.get("/features?user_id=%20"), 400, "user_id");
    }
}
