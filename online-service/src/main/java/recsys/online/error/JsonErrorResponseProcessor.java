package recsys.online.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.Optional;

/**
 * Builds the body of every error response, whoever raised it: the service's {@link ApiException}s, and Micronaut's
 * own handlers (malformed JSON, conversion and validation errors, unknown routes, wrong methods). Replaces the default
 * processor so the body is always {@link ErrorBody} JSON, whatever the request's {@code Accept} says, and a 5xx that
 * is not an {@link ApiException} says "internal server error" and nothing of its cause (Micronaut logs the cause).
 * A 413 for a request line or headers too long to read becomes the 414 or 431 it is ({@link OversizedRequests}).
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class JsonErrorResponseProcessor implements ErrorResponseProcessor<ErrorBody> {

    private final OversizedRequests oversized;

    JsonErrorResponseProcessor(OversizedRequests oversized) {
        this.oversized = oversized;
    }

    @Override
    public MutableHttpResponse<ErrorBody> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        if (response.code() == HttpStatus.REQUEST_ENTITY_TOO_LARGE.getCode()) {
            Optional<OversizedRequests.Verdict> verdict = oversized.of(context.getRequest());
            if (verdict.isPresent()) {
                int status = verdict.get().status().getCode();
                return response.status(verdict.get().status()).contentType(MediaType.APPLICATION_JSON_TYPE)
                        .body(ErrorBody.of(status, null, verdict.get().message()));
            }
        }
        int status = response.code();
        Throwable cause = context.getRootCause().orElse(null);
        String message;
        if (status >= 500 && !(cause instanceof ApiException)) {
            message = "internal server error";
        } else if (context.hasErrors()) {
            message = context.getErrors().get(0).getMessage();
        } else {
            message = response.reason();
        }
        String field = field(cause).orElseGet(() -> context.hasErrors()
                ? context.getErrors().get(0).getPath().orElse(null) : null);
        return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(ErrorBody.of(status, field, message));
    }

    /** The request parameter or body field an exception is about, as the client spells it. */
    static Optional<String> field(Throwable cause) {
        if (cause instanceof ApiException api) {
            return Optional.ofNullable(api.field());
        }
        if (cause instanceof ConversionErrorException conversion) {
            return Optional.of(clientName(conversion.getArgument()));
        }
        if (cause instanceof UnsatisfiedRouteException unsatisfied) {
            return Optional.of(clientName(unsatisfied.getArgument()));
        }
        if (cause instanceof ConstraintViolationException violations && !violations.getConstraintViolations().isEmpty()) {
            ConstraintViolation<?> first = violations.getConstraintViolations().iterator().next();
            String last = null;
            for (Path.Node node : first.getPropertyPath()) {
                last = node.getName();
            }
            return Optional.ofNullable(last);
        }
        return Optional.empty();
    }

    /** {@code @QueryValue("user_id") String userId} is {@code user_id} to the client. */
    private static String clientName(Argument<?> argument) {
        return argument.getAnnotationMetadata().findAnnotation(QueryValue.class)
                .flatMap(AnnotationValue::stringValue)
                .filter(name -> !name.isBlank())
                .orElse(argument.getName());
    }
}
