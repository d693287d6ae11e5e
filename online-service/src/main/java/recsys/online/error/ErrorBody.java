package recsys.online.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The one JSON shape of every 4xx and 5xx answer:
 * {@code {"error": {"status": 400, "field": "user_id", "message": "..."}}}. {@code field} names the query parameter
 * or body field at fault and is left out when no single one is.
 */
@Serdeable
public record ErrorBody(Detail error) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(int status, @Nullable String field, String message) {
    }

    public static ErrorBody of(int status, @Nullable String field, String message) {
        return new ErrorBody(new Detail(status, field, message));
    }
}
