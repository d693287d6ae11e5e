package recsys.online.accesslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import recsys.online.testing.ServiceHttp;
import recsys.online.testing.ServiceHttp.Answer;
import recsys.online.testing.StandaloneService;

/**
 * The access log as written: each test runs a server with the access logger of conf/application.yml, sends a key in
 * the query string, in both key headers, a cookie and a referrer, and reads the lines the {@code HTTP_ACCESS_LOGGER}
 * logger received.
 */
class AccessLogSecretsTest {

    private static final String LOGGER = "HTTP_ACCESS_LOGGER";
    private static final String QUERY_SECRET = "SECRET1-in-the-query";
    private static final String BEARER_SECRET = "SECRET2-in-authorization";
    private static final String HEADER_SECRET = "SECRET3-in-x-api-key";
    private static final String COOKIE_SECRET = "SECRET4-in-a-cookie";
    private static final Map<String, String> KEY_HEADERS = Map.of("Authorization", "Bearer " + BEARER_SECRET,
            "X-Api-Key", HEADER_SECRET, "Cookie", "session=" + COOKIE_SECRET, "Referer",
            "http://example.test/page?api_key=" + QUERY_SECRET);

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void capture() {
        lines.start();
        ((Logger) LoggerFactory.getLogger(LOGGER)).addAppender(lines);
    }

    @AfterEach
    void release() {
        ((Logger) LoggerFactory.getLogger(LOGGER)).detachAppender(lines);
        lines.stop();
    }

    @Test
    void theConfiguredFormatLogsTheRequestLineWithTheQueryKeyMaskedAndNoHeader() throws InterruptedException {
        try (EmbeddedServer server = StandaloneService.start(Map.of())) {
            // not the configured key: refused with 401 before any Elasticsearch call
            Answer write = new ServiceHttp(server.getURI()).post("/update_ratings?user_id=1&api_key=" + QUERY_SECRET
                    + "&Access-Token=" + QUERY_SECRET, "{}", KEY_HEADERS);
            assertEquals(401, write.status(), write.text());
            new ServiceHttp(server.getURI()).get("/no-such-route?apikey=" + QUERY_SECRET, KEY_HEADERS);

            String written = awaitLine("/no-such-route") + "\n" + awaitLine("/update_ratings");
            assertTrue(written.contains("\"POST /update_ratings?user_id=1&api_key=***&Access-Token=*** HTTP/1.1\" 401 "),
                    written);
            assertTrue(written.contains("\"GET /no-such-route?apikey=*** HTTP/1.1\" 404 "), written);
            assertNoSecret(written);
        }
    }

    @Test
    void aFormatAskingForHeadersAndCookiesGetsMasksInstead() throws InterruptedException {
        String format = "%h \"%r\" %s %x %U %{Authorization}i %{X-Api-Key}i %{Referer}i %i %{session}C %C %o %c";
        try (EmbeddedServer server = StandaloneService.start(
                Map.of("micronaut.server.netty.access-logger.log-format", format))) {
            new ServiceHttp(server.getURI()).get("/health?token=" + QUERY_SECRET, KEY_HEADERS);

            String written = awaitLine("/health");
            assertTrue(written.contains("\"GET /health?token=*** HTTP/1.1\""), written);
            assertTrue(written.contains(" /health?token=*** /health *** *** *** *** *** *** *** ***"), written);
            assertNoSecret(written);
        }
    }

    private static void assertNoSecret(String written) {
        for (String secret : List.of(QUERY_SECRET, BEARER_SECRET, HEADER_SECRET, COOKIE_SECRET, "SECRET")) {
            assertFalse(written.contains(secret), "the access log holds " + secret + ": " + written);
        }
    }

    /** The access logger writes when the response is done, on the event loop: shortly after the client has it. */
    private String awaitLine(String path) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            List<ILoggingEvent> written;
            synchronized (lines) { // the appender appends under its own lock
                written = List.copyOf(lines.list);
            }
            for (ILoggingEvent event : written) {
                if (event.getFormattedMessage().contains(" " + path)) {
                    return event.getFormattedMessage();
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no access log line for " + path + " in " + lines.list);
    }
}
