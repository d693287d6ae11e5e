package recsys.online.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;

/**
 * A service with nothing behind it, for what is answered before any Elasticsearch call (refused keys, oversized
 * requests, the access log): Elasticsearch points at a port nobody listens on, so a request that did reach it would
 * fail fast rather than wait, and no fixture has to be loaded.
 */
public final class StandaloneService {

    /** The API key every such service is configured with. */
    public static final String KEY = "standalone-test-key";

    private StandaloneService() {
    }

    /** A started server with the "test" environment, the {@link #KEY} and {@code overrides}; the caller closes it. */
    public static EmbeddedServer start(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("recsys.api-key", KEY);
        properties.put("recsys.es.url", "http://127.0.0.1:1");
        properties.putAll(overrides);
        return ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }
}
