package recsys.online.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.core.index.IndexNames;
import recsys.online.security.ApiKeys;
import recsys.online.testing.FixtureData;
import recsys.online.testing.JsonHttp;
import recsys.online.testing.OfflineFixture;

/** With no model published the service still answers, ranks everyone by similarity or popularity, and says so. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoModelTest implements TestPropertyProvider {

    /** /health shows its details to requests with the key. */
    private static final String KEY = "nomodel-key";

    @Inject
    EmbeddedServer server;
    @Inject
    ServingModels models;
    @Inject
    ElasticsearchClient client;
    @Inject
    IndexNames names;

    @Override
    public Map<String, String> getProperties() {
        OfflineFixture.Loaded fixture = OfflineFixture.get();
        return fixture.serviceProperties(Map.of("recsys.storage", fixture.newFolder("empty-storage-").toString(),
                "recsys.api-key", KEY));
    }

    @Test
    void healthIsUpAndSaysThereIsNoModel() {
        assertTrue(models.current().isEmpty());
        JsonHttp.Response health = new JsonHttp(server.getURL()).get("/health", Map.of(ApiKeys.API_KEY_HEADER, KEY));
        assertEquals(200, health.status(), health.body());
        assertEquals("UP", health.json().get("status").asText());
        assertEquals("none", health.json().at("/details/model/details/version").asText(), health.body());
        assertTrue(health.json().at("/details/model/details/message").asText().contains("no model"), health.body());
    }

    @Test
    void aUserWithManyRatingsIsRankedBySimilarityInstead() {
        // a copy of a fixture user with 30 ratings, so no list stored by a model-serving test is theirs
        String user = new FixtureData(client, names).copyOfUser("12", "no-model");
        JsonHttp.Response response = new JsonHttp(server.getURL())
                .get("/recommendations?user_id=" + user + "&returnMetadata=false");
        assertEquals(200, response.status(), response.body());
        assertEquals("cosine", response.header("X-Recsys-Ranking").orElseThrow());
        assertFalse(response.header("X-Recsys-Model").isPresent());
        assertEquals(10, response.json().get("items").size());
    }
}
