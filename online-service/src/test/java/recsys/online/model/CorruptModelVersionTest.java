package recsys.online.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.core.index.IndexNames;
import recsys.core.model.VersionLayout;
import recsys.online.recommend.ListResponses;
import recsys.online.testing.FixtureData;
import recsys.online.testing.JsonHttp;
import recsys.online.testing.OfflineFixture;
import recsys.online.testing.PublishedModels;

/**
 * A model version that arrives broken while the service runs never serves: the poll refuses it, the version that
 * served before keeps answering {@code /recommendations}, and {@code /health} names the serving version and why the
 * new one was refused. Three faults of the serving ensemble, each published by moving CURRENT as the train job does:
 * a file truncated after the publisher checksummed it (its size differs from the manifest's), a same-size bit flip
 * (its SHA-256 differs), and a truncated file the manifest records as it is (the checksums pass, the format check
 * refuses it). A sound version published afterwards is served and clears the error. The service reads its own copy
 * of the fixture's models and polls every 200 ms; only new copies of user 7 are asked for.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorruptModelVersionTest implements TestPropertyProvider {

    private static final String KEY = "corrupt-model-key";
    /** Health details may be for callers with the key only; sending it is harmless where they are public. */
    private static final Map<String, String> AUTH = Map.of("X-Api-Key", KEY);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    EmbeddedServer server;
    @Inject
    ElasticsearchClient client;
    @Inject
    IndexNames names;

    private Path storage;

    @Override
    public Map<String, String> getProperties() {
        OfflineFixture.Loaded fixture = OfflineFixture.get();
        storage = fixture.newFolder("corrupt-model-storage-");
        PublishedModels.copyModels(fixture.storage(), storage);
        return fixture.serviceProperties(Map.of("recsys.storage", storage.toString(),
                "recsys.model-poll-interval", "200ms", "recsys.api-key", KEY));
    }

    /** One way a published version can be broken, and what the refusal must say. */
    private record Fault(String suffix, String reason, Publisher publisher) {
    }

    @FunctionalInterface
    private interface Publisher {
        void publish(Path storage, String version);
    }

    @Test
    void aCorruptVersionKeepsThePreviousOneServingAndHealthSaysWhy() throws Exception {
        JsonHttp http = new JsonHttp(server.getURL());
        String serving = servedVersion(http);
        VersionLayout.Slot trees = VersionLayout.TREE_ENSEMBLE;
        List<Fault> faults = List.of(
                new Fault("-truncated", "the file has", (root, version) -> PublishedModels
                        .publishCorruptCopyOfCurrent(root, version, trees,
                                bytes -> Arrays.copyOf(bytes, bytes.length / 2))),
                new Fault("-flipped", "checksum mismatch", (root, version) -> PublishedModels
                        .publishCorruptCopyOfCurrent(root, version, trees, bytes -> {
                            byte[] flipped = bytes.clone();
                            flipped[flipped.length / 2] ^= 0x01;
                            return flipped;
                        })),
                new Fault("-short-format", "cannot load model version", (root, version) -> PublishedModels
                        .publishRewrittenCopyOfCurrent(root, version, trees, bytes -> Arrays.copyOf(bytes, bytes.length / 2))));

        for (Fault fault : faults) {
            String broken = serving + fault.suffix();
            PublishedModels.pointCurrentAt(storage, serving);   // the copy is of the sound version
            fault.publisher().publish(storage, broken);

            JsonNode model = awaitModelHealth(http, details -> details.path("last_error").asText().contains(broken));
            assertEquals(serving, model.path("version").asText(), model.toString());
            assertTrue(model.path("last_error").asText().contains(fault.reason()), model.toString());
            assertEquals(serving, servedVersion(http), fault.suffix());
        }

        String sound = serving + "-sound";
        PublishedModels.pointCurrentAt(storage, serving);
        PublishedModels.publishRewrittenCopyOfCurrent(storage, sound, trees, bytes -> bytes);
        JsonNode model = awaitModelHealth(http, details -> details.path("version").asText().equals(sound));
        assertFalse(model.has("last_error"), model.toString());
        assertEquals(sound, servedVersion(http));
    }

    /**
     * The version {@code /recommendations} ranks with now: asked for a new copy of fixture user 7, who has no stored
     * list (a stored list of another version still serves while it is recomputed, so an old user would show that).
     */
    private String servedVersion(JsonHttp http) {
        String user = new FixtureData(client, names).copyOfUser("7", "corrupt");
        JsonHttp.Response response = http.get("/recommendations?user_id=" + user + "&returnMetadata=1");
        assertEquals(200, response.status(), response.body());
        return response.header(ListResponses.MODEL_HEADER).orElseThrow();
    }

    /** Polls {@code /health} until its model details satisfy {@code condition}; fails after {@link #WAIT}. */
    private JsonNode awaitModelHealth(JsonHttp http, Predicate<JsonNode> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + "/health"));
            AUTH.forEach(request::header);
            JsonHttp.Response health = http.send(request.GET().build());
            assertEquals(200, health.status(), health.body());
            JsonNode model = health.json().at("/details/model/details");
            if (condition.test(model)) {
                return model;
            }
            assertTrue(System.nanoTime() < deadline, "after " + WAIT + ", /health says " + health.body());
            Thread.sleep(100);
        }
    }
}
