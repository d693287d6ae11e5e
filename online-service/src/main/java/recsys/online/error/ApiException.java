package recsys.online.error;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;

/**
 * A request the service answers with an error of its own choosing; {@link JsonErrorResponseProcessor} turns it into
 * an {@link ErrorBody}. Thrown by controllers and services, never caught and logged on the way.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String field;

    public ApiException(HttpStatus status, @Nullable String field, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.status = status;
        this.field = field;
    }

    /** 400: {@code field} (a query parameter or body field) is missing or invalid. */
    public static ApiException badRequest(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, field, message, null);
    }

    /** 404: what {@code field} names does not exist. */
    public static ApiException notFound(String field, String message) {
        return new ApiException(HttpStatus.NOT_FOUND, field, message, null);
    }

    public HttpStatus status() {
        return status;
    }

    /** The parameter or field at fault, or {@code null}. */
    @Nullable
    public String field() {
        return field;
    }
}
