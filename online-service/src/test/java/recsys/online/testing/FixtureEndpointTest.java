package recsys.online.testing;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import recsys.core.index.IndexNames;

/**
 * Base of the endpoint tests that run the service on the shared {@link OfflineFixture} with an API key: raw HTTP to
 * the service ({@link #service}) and to the fixture's indices ({@link #es}). Subclasses add {@code @MicronautTest}
 * and {@code @TestInstance(PER_CLASS)}; tests that write use ids of their own so the fixture stays as ingested.
 */
public abstract class FixtureEndpointTest implements TestPropertyProvider {

    protected static final String KEY = "fixture-test-key";
    protected static final Map<String, String> BEARER = Map.of("Authorization", "Bearer " + KEY);
    protected static final Map<String, String> API_KEY = Map.of("X-Api-Key", KEY);

    @Inject
    protected EmbeddedServer server;

    protected ServiceHttp service;
    protected ElasticsearchHttp es;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(OfflineFixture.get().serviceProperties());
        properties.put("recsys.api-key", KEY);
        return properties;
    }

    @BeforeAll
    void connect() {
        service = new ServiceHttp(server.getURI());
        OfflineFixture.Loaded fixture = OfflineFixture.get();
        es = new ElasticsearchHttp(fixture.elasticsearchUrl(), new IndexNames(fixture.indexPrefix()));
    }
}
