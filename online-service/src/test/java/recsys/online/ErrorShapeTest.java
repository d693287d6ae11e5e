package recsys.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Errors Micronaut raises itself (no route, wrong method) come in the service's one JSON error shape. */
@MicronautTest
class ErrorShapeTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void unknownRouteIsA404InTheErrorShape() {
        Map<String, Object> error = error(HttpRequest.GET("/no-such-endpoint").accept(MediaType.TEXT_HTML_TYPE), 404);
        assertFalse(String.valueOf(error.get("message")).isBlank());
    }

    @Test
    void wrongMethodIsA405InTheErrorShape() {
        error(HttpRequest.DELETE("/health"), 405);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> error(HttpRequest<?> request, int status) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(request, Argument.mapOf(String.class, Object.class)));
        assertEquals(status, e.getStatus().getCode());
        assertEquals(MediaType.APPLICATION_JSON_TYPE, e.getResponse().getContentType().orElseThrow());
        Map<String, Object> body = e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow();
        assertEquals(1, body.size(), body.toString());
        Map<String, Object> error = (Map<String, Object>) body.get("error");
        assertEquals(status, ((Number) error.get("status")).intValue());
        return error;
    }
}
