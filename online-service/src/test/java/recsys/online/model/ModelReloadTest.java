package recsys.online.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.core.index.IndexNames;
import recsys.core.ranking.RankingBlend;
import recsys.online.security.ApiKeys;
import recsys.online.testing.FixtureData;
import recsys.online.testing.JsonHttp;
import recsys.online.testing.OfflineFixture;
import recsys.online.testing.PublishedModels;

/**
 * A version published while requests are running is picked up by the poll and served, and no request fails in
 * between. The service reads its own copy of the fixture's models (so the other tests keep theirs) and polls every
 * 200 ms; the new version is the trained one with the count-only popularity blend. Only a copy of user 7 is asked
 * for, so the lists stored with the new model touch no user another test checks.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelReloadTest implements TestPropertyProvider {

    /** /health shows its details to requests with the key. */
    private static final String KEY = "modelreload-key";

    @Inject
    EmbeddedServer server;
    @Inject
    ServingModels models;
    @Inject
    ElasticsearchClient client;
    @Inject
    IndexNames names;

    private Path storage;

    @Override
    public Map<String, String> getProperties() {
        OfflineFixture.Loaded fixture = OfflineFixture.get();
        storage = fixture.newFolder("reload-storage-");
        PublishedModels.copyModels(fixture.storage(), storage);
        return fixture.serviceProperties(Map.of("recsys.storage", storage.toString(),
                "recsys.model-poll-interval", "200ms", "recsys.api-key", KEY));
    }

    @Test
    void aNewVersionIsServedWithoutAFailedRequest() throws Exception {
        // a copy of fixture user 7, so no list stored by an earlier run or test is theirs
        String user = new FixtureData(client, names).copyOfUser("7", "reload");
        String first = models.current().orElseThrow().version();
        JsonHttp http = new JsonHttp(server.getURL());
        // one request before the load: the first one pays the cold start, and shows the first version serving
        JsonHttp.Response before = http.get("/recommendations?user_id=" + user + "&returnMetadata=1");
        assertEquals(200, before.status(), before.body());
        assertEquals(first, before.header("X-Recsys-Model").orElseThrow());
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger requests = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            clients.execute(() -> {
                while (running.get()) {
                    JsonHttp.Response response = http.get("/recommendations?user_id=" + user + "&returnMetadata=1");
                    requests.incrementAndGet();
                    if (response.status() != 200 || response.json().get("items").size() != 10) {
                        failures.add(response.status() + " " + response.body());
                    }
                    response.header("X-Recsys-Model").ifPresent(versionsSeen::add);
                }
            });
        }
        Thread.sleep(500);
        String second = first + "-reloaded";
        PublishedModels.publishCopyOfCurrent(storage, second, RankingBlend.POPULARITY_BY_COUNT);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!versionsSeen.contains(second) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(300);
        running.set(false);
        clients.shutdown();
        assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));

        assertEquals(second, models.current().orElseThrow().version());
        assertEquals(RankingBlend.POPULARITY_BY_COUNT, models.current().orElseThrow().ranker().blend());
        assertTrue(versionsSeen.contains(first) && versionsSeen.contains(second), versionsSeen.toString());
        assertTrue(failures.isEmpty(), failures.size() + " of " + requests.get() + " failed: " + failures);
        assertTrue(requests.get() > 20, "only " + requests.get() + " requests ran");
        JsonHttp.Response health = http.get("/health", Map.of(ApiKeys.API_KEY_HEADER, KEY)); // details need the key
        assertEquals(second, health.json().at("/details/model/details/version").asText(), health.body());
    }
}
