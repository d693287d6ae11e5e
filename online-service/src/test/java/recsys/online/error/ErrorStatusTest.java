package recsys.online.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.online.security.ApiKeys;
import recsys.online.testing.RawHttp;
import recsys.online.testing.StandaloneService;

/**
 * Every 401, 403, 413, 414 and 431 comes with the service's JSON error, whoever answers it. Requests over the
 * server's size limits are sent as raw bytes (no HTTP client sends them as given): each is refused with its own
 * status (413 body, 414 request line, 431 headers). The limits are read from the running server, so the test
 * follows conf/application.yml; the body limit is lowered here so an oversized body is cheap to send.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorStatusTest {

    private static final int MAX_BODY = 4096;

    private EmbeddedServer server;
    private RawHttp http;
    private NettyHttpServerConfiguration limits;

    @BeforeAll
    void start() {
        server = StandaloneService.start(Map.of("micronaut.server.max-request-size", MAX_BODY,
                "recsys.test.bare-status", true));
        http = new RawHttp(server.getURI());
        limits = server.getApplicationContext().getBean(NettyHttpServerConfiguration.class);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void aUrlLongerThanTheRequestLineLimitIs414() {
        String url = "/recommendations?user_id=" + "1".repeat(limits.getMaxInitialLineLength());
        RawHttp.Answer answer = http.exchange("GET " + url + " HTTP/1.1\r\nHost: localhost\r\n", new byte[0]);
        assertTrue(assertJsonError(answer, 414).path("message").asText()
                .contains(String.valueOf(limits.getMaxInitialLineLength())), answer.body());
    }

    @Test
    void aUrlJustWithinTheLimitIsServed() {
        String prefix = "GET /health?padding=";
        String suffix = " HTTP/1.1";
        String line = prefix + "x".repeat(limits.getMaxInitialLineLength() - prefix.length() - suffix.length()) + suffix;
        RawHttp.Answer answer = http.exchange(line + "\r\nHost: localhost\r\n", new byte[0]);
        assertTrue(answer.status() == 200 || answer.status() == 503, answer.toString()); // no Elasticsearch: DOWN
        assertTrue(answer.json().has("status"), answer.body());
    }

    @Test
    void oneHeaderOverTheHeaderLimitIs431() {
        String header = "X-Padding: " + "h".repeat(limits.getMaxHeaderSize()) + "\r\n";
        RawHttp.Answer answer = http.exchange("GET /health HTTP/1.1\r\nHost: localhost\r\n" + header, new byte[0]);
        assertTrue(assertJsonError(answer, 431).path("message").asText()
                .contains(String.valueOf(limits.getMaxHeaderSize())), answer.body());
    }

    @Test
    void manySmallHeadersOverTheLimitTogetherAre431() {
        String header = "X-Padding: 0123456789\r\n";
        // twice the limit: Netty counts each line without its line break
        String headers = header.repeat(2 * limits.getMaxHeaderSize() / header.length());
        RawHttp.Answer answer = http.exchange("GET /recommendations?user_id=1 HTTP/1.1\r\nHost: localhost\r\n"
                + headers, new byte[0]);
        assertJsonError(answer, 431);
    }

    @Test
    void aBodyOverTheLimitIs413WhetherDeclaredOrStreamed() {
        byte[] body = ("{\"1\": {\"movie_id\": \"1\", \"rating\": 4, \"padding\": \"" + "p".repeat(MAX_BODY) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        String head = "POST /update_ratings HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + ApiKeys.API_KEY_HEADER + ": " + StandaloneService.KEY + "\r\n";
        assertJsonError(http.exchange(head + "Content-Length: " + body.length + "\r\n", body), 413);

        String chunk = Integer.toHexString(body.length) + "\r\n";
        byte[] chunked = (chunk + new String(body, StandardCharsets.UTF_8) + "\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        assertJsonError(http.exchange(head + "Transfer-Encoding: chunked\r\n", chunked), 413);
    }

    @Test
    void aMissingKeyIs401InTheErrorShape() {
        RawHttp.Answer answer = http.exchange("POST /update_ratings HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2\r\n", "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals("Authorization", assertJsonError(answer, 401).path("field").asText(), answer.body());
    }

    /** A route that answers a bare status, as a filter or a future endpoint might, still answers the shape. */
    @Test
    void aBareForbiddenOrUnauthorizedGetsTheErrorShape() {
        for (int status : new int[] {401, 403}) {
            RawHttp.Answer answer = http.exchange("GET /test/bare-status/" + status + " HTTP/1.1\r\n"
                    + "Host: localhost\r\n", new byte[0]);
            assertJsonError(answer, status);
        }
    }

    private static JsonNode assertJsonError(RawHttp.Answer answer, int status) {
        assertEquals(status, answer.status(), answer.toString());
        assertTrue(answer.contentType().startsWith("application/json"), answer.toString());
        JsonNode error = answer.json().path("error");
        assertEquals(status, error.path("status").asInt(), answer.body());
        assertFalse(error.path("message").asText().isBlank(), answer.body());
        return error;
    }
}
