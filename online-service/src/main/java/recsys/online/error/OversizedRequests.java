package recsys.online.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Tells apart the three requests Micronaut answers with 413 alike: a body over
 * {@code micronaut.server.max-request-size} stays 413; a request line over
 * {@code micronaut.server.netty.max-initial-line-length} (in practice a long URL) becomes 414 URI Too Long (RFC 9110
 * 15.5.15); headers over {@code micronaut.server.netty.max-header-size} in all become 431 Request Header Fields Too
 * Large (RFC 6585 section 5).
 *
 * <p>Why hand-written: Netty's decoder marks the request it could not read with a {@link TooLongHttpLineException}
 * or a {@link TooLongHttpHeaderException}, and Micronaut (4.10, {@code NettyRequestLifecycle}) maps every
 * "too long frame" to 413 and hands only the status on. The failed decoding stays on the Netty request, so
 * {@link JsonErrorResponseProcessor}, which every such answer goes through, asks this class for the right status.
 */
@Singleton
final class OversizedRequests {

    /** The status and message for one oversized request. */
    record Verdict(HttpStatus status, String message) {
    }

    private final int maxLine;
    private final int maxHeaders;

    OversizedRequests(NettyHttpServerConfiguration configuration) {
        this.maxLine = configuration.getMaxInitialLineLength();
        this.maxHeaders = configuration.getMaxHeaderSize();
    }

    /** 414 or 431 when Netty could not read the request's line or headers for their length; else empty. */
    Optional<Verdict> of(HttpRequest<?> request) {
        if (!(request instanceof NettyHttpRequest<?> netty)) {
            return Optional.empty();
        }
        DecoderResult decoding = netty.getNativeRequest().decoderResult();
        if (decoding.isSuccess()) {
            return Optional.empty();
        }
        if (decoding.cause() instanceof TooLongHttpLineException) {
            return Optional.of(new Verdict(HttpStatus.REQUEST_URI_TOO_LONG, "the URL is too long: the request line "
                    + "(method, URL and protocol) may be at most " + maxLine + " bytes"));
        }
        if (decoding.cause() instanceof TooLongHttpHeaderException) {
            return Optional.of(new Verdict(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "the request headers are too large: at most " + maxHeaders + " bytes in all"));
        }
        return Optional.empty();
    }
}
