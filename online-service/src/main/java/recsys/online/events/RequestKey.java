package recsys.online.events;

import io.micronaut.core.annotation.Nullable;
import java.util.UUID;
import recsys.online.api.RequestIds;

/**
 * The key a write request's events are stored under: the client's {@code Idempotency-Key} header, checked by the
 * id rule (it becomes part of document ids), or a random one. With the header, a request retried after a 503 or a
 * lost connection rewrites its own events instead of adding new ones.
 */
public record RequestKey(String value) {

    public static final String HEADER = "Idempotency-Key";

    public static RequestKey of(@Nullable String header) {
        if (header == null) {
            return new RequestKey(UUID.randomUUID().toString());
        }
        return new RequestKey(RequestIds.check(HEADER, header));
    }
}
