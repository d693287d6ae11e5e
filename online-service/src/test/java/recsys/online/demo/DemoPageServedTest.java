package recsys.online.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.online.testing.ScratchIndices;
import recsys.online.testing.ServiceHttp;
import recsys.online.testing.ServiceHttp.Answer;

/**
 * The demo page as files, without a browser ({@code DemoPageBrowserTest} uses it): {@code /} serves it from the jar's
 * resources, the endpoints keep their routes and their error shape, and the page stays open on a deployment that
 * protects reads (it asks for the key itself). Also the page's own rules, read from its source: nothing loaded from
 * elsewhere, no HTML built from data, the key kept out of storage and cookies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoPageServedTest {

    private static final String KEY = "demo-served-key";
    private static final List<String> FILES = List.of("index.html", "demo.js", "demo.css");

    private ScratchIndices scratch;
    private EmbeddedServer server;
    private ServiceHttp http;

    @BeforeAll
    void start() {
        scratch = ScratchIndices.create("demo-it");
        Map<String, Object> properties = new HashMap<>(scratch.serviceProperties());
        properties.put("micronaut.server.port", -1);
        properties.put("recsys.api-key", KEY);
        properties.put("recsys.protect-reads", true);
        server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
        http = new ServiceHttp(server.getURI());
    }

    @AfterAll
    void stop() {
        server.close();
        scratch.close();
    }

    @Test
    void theRootServesThePageWithoutTheKeyEvenWhenReadsAreProtected() {
        Answer page = http.get("/", Map.of());
        assertEquals(200, page.status(), page.text());
        assertTrue(page.contentType().startsWith("text/html"), page.contentType());
        assertTrue(page.text().contains("<title>Movie recommender demo</title>"), page.text());
        assertEquals(page.text(), http.get("/index.html", Map.of()).text());

        Answer script = http.get("/demo.js", Map.of());
        assertEquals(200, script.status());
        assertTrue(script.contentType().contains("javascript"), script.contentType());
        Answer style = http.get("/demo.css", Map.of());
        assertEquals(200, style.status());
        assertTrue(style.contentType().startsWith("text/css"), style.contentType());

        // the reads the page makes still need the key on this deployment
        assertEquals(401, http.get("/recommendations?user_id=1", Map.of()).status());
    }

    @Test
    void theEndpointsKeepTheirRoutesAndTheirErrorShape() {
        Answer health = http.get("/health", Map.of());
        assertEquals(200, health.status(), health.text());
        assertTrue(health.contentType().startsWith("application/json"), health.contentType());

        Answer unknown = http.get("/no-such-page.html", Map.of());
        assertEquals(404, unknown.status());
        assertEquals(404, unknown.error().path("status").asInt(), unknown.text());

        Answer swagger = http.get("/swagger-ui/index.html", Map.of());
        assertEquals(200, swagger.status(), "Swagger UI is still served from its own mapping");
        assertFalse(swagger.text().contains("Movie recommender demo"));
    }

    /** The mapping serves the folder public/ only: not the configuration or classes beside it in the jar. */
    @Test
    void nothingOutsideThePagesFolderIsServed() {
        for (String path : List.of("/application.yml", "/logback.xml", "/..%2Fapplication.yml",
                "/%2e%2e/application.yml", "/public/index.html", "/recsys/online/Application.class")) {
            Answer answer = http.get(path, Map.of());
            assertEquals(404, answer.status(), path + ": " + answer.text());
        }
    }

    @Test
    void thePageLoadsNothingFromElsewhereAndBuildsNoHtmlFromData() throws IOException {
        // src= and href= name only the page's own files, by relative paths
        Matcher references = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(resource("index.html"));
        while (references.find()) {
            assertTrue(FILES.contains(references.group(1)), "index.html refers to " + references.group(1));
        }
        for (String file : FILES) {
            String text = resource(file);
            assertFalse(text.contains("http://") || text.contains("https://") || text.contains("url("),
                    file + " names an address");
            assertFalse(text.contains("@import") || text.contains("@font-face"), file + " loads a style or font");
        }
        String script = resource("demo.js");
        for (String forbidden : List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                "localStorage", "sessionStorage", "document.cookie", "indexedDB")) {
            assertFalse(script.contains(forbidden), "demo.js uses " + forbidden);
        }
        // every call goes through relative paths: fetch(path) with paths that do not start with a slash
        assertFalse(Pattern.compile("call\\('[A-Z]+', '/").matcher(script).find(), "an absolute path in demo.js");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DemoPageServedTest.class.getResourceAsStream("/public/" + name)) {
            assertTrue(in != null, "no resource public/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
