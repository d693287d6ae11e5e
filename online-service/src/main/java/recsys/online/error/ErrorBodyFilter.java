package recsys.online.error;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;

/**
 * Gives an error answered without a body the {@link ErrorBody} every other error has. Micronaut's own filters answer
 * that way: its management endpoints' sensitivity check answers an empty 401, and it bypasses the error processor.
 * Those endpoints are off in this service ({@code endpoints.all.enabled: false}), but configuration can turn one
 * back on from the environment, so the shape is kept here rather than by configuration alone.
 *
 * <p>Runs first and so sees every response last. A HEAD answer keeps its empty body, as HTTP requires.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class ErrorBodyFilter implements Ordered {

    private final ErrorResponseProcessor<?> processor;

    ErrorBodyFilter(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @ResponseFilter
    @Nullable
    public HttpResponse<?> fillEmptyError(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.code() < 400 || response.getBody().isPresent() || request.getMethod() == HttpMethod.HEAD) {
            return null;
        }
        return processor.processResponse(ErrorContext.builder(request).errorMessage(response.reason()).build(),
                response);
    }
}
