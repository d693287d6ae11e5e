package recsys.online.accesslog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.server.netty.handler.accesslog.element.ConnectionMetadata;
import io.micronaut.http.server.netty.handler.accesslog.element.LogElement;
import io.micronaut.http.server.netty.handler.accesslog.element.LogElementBuilder;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Set;

/**
 * Replaces the access-log markers that could print a secret, whatever {@code
 * micronaut.server.netty.access-logger.log-format} says: the request line ({@code %r}) and the request target
 * ({@code %x}) go through {@link QueryRedaction}, and the header and cookie markers ({@code %i}, {@code %o},
 * {@code %C}, {@code %c}, with or without a name) print {@value QueryRedaction#MASK} instead of any value: an
 * {@code Authorization} or {@code X-Api-Key} header carries the API key, and no list of "safe" headers is kept
 * because a {@code Referer} can carry a query string with a key in it too.
 *
 * <p>Micronaut's access logger builds its markers with the {@link LogElementBuilder}s found through
 * {@code META-INF/services}, asking them in order and taking the first that knows a marker; this one comes first
 * ({@link #HIGHEST_PRECEDENCE}) and declines the other markers, which Micronaut's own builders then handle. Loaded by
 * the service loader, not the bean context, so it has a public no-argument constructor and no configuration.
 */
public final class RedactingLogElementBuilder implements LogElementBuilder {

    private static final Set<String> MASKED = Set.of("i", "o", "C", "c");

    @Override
    @Nullable
    public LogElement build(String token, @Nullable String param) {
        return switch (token) {
            case "r" -> RequestTarget.LINE;
            case "x" -> RequestTarget.TARGET;
            default -> MASKED.contains(token) ? Masked.INSTANCE : null;
        };
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    /** The request target with credential-like parameters masked, alone or as the whole request line. */
    enum RequestTarget implements LogElement {
        LINE, TARGET;

        @Override
        public String onRequestHeaders(ConnectionMetadata metadata, String method, HttpHeaders headers, String uri,
                                       String protocol) {
            String target = QueryRedaction.redact(uri);
            return this == LINE ? method + ' ' + target + ' ' + protocol : target;
        }

        @Override
        public Set<Event> events() {
            return Event.REQUEST_HEADERS_EVENTS;
        }

        @Override
        public LogElement copy() {
            return this;
        }
    }

    /** Stands where a header or cookie value would be printed. */
    enum Masked implements LogElement {
        INSTANCE;

        @Override
        public String onRequestHeaders(ConnectionMetadata metadata, String method, HttpHeaders headers, String uri,
                                       String protocol) {
            return QueryRedaction.MASK;
        }

        @Override
        public Set<Event> events() {
            return Event.REQUEST_HEADERS_EVENTS;
        }

        @Override
        public LogElement copy() {
            return this;
        }
    }
}
