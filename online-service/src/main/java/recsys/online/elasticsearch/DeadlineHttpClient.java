package recsys.online.elasticsearch;

import co.elastic.clients.transport.TransportOptions;
import co.elastic.clients.transport.http.TransportHttpClient;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP layer under the service's Elasticsearch client, bounding every blocking call by the current
 * {@link RequestDeadline}: the call is sent asynchronously and waited for until the deadline at most, then cancelled
 * (which closes its connection, so a stalled one never goes back to the pool); a call made after the deadline is not
 * sent at all. Calls outside any request pass through unchanged.
 *
 * <p>Hand-written because neither client has a per-call total timeout: the low-level client's settings (connect,
 * socket, connection-request timeouts) each bound one phase and restart with it, so a call could take their sum, and
 * a per-call {@code RequestConfig} from the remaining budget would still let a trickling answer run past it. Waiting
 * on the client's own asynchronous call and cancelling it is exact and uses only the client's API.
 */
final class DeadlineHttpClient implements TransportHttpClient {

    private final TransportHttpClient delegate;

    DeadlineHttpClient(TransportHttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public TransportOptions createOptions(@Nullable TransportOptions options) {
        return delegate.createOptions(options);
    }

    @Override
    public Response performRequest(String endpointId, @Nullable Node node, Request request, TransportOptions options)
            throws IOException {
        Optional<RequestDeadline> current = RequestDeadline.current();
        if (current.isEmpty()) {
            return delegate.performRequest(endpointId, node, request, options);
        }
        RequestDeadline deadline = current.get();
        long remaining = deadline.remainingNanos();
        if (remaining <= 0) {
            throw deadline.passed(endpointId);
        }
        CompletableFuture<Response> call = delegate.performRequestAsync(endpointId, node, request, options);
        try {
            return call.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw deadline.passed(endpointId);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting for "
                    + endpointId);
            interrupted.initCause(e);
            throw interrupted;
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        }
    }

    /** Unbounded: whoever waits for an asynchronous call bounds the wait. */
    @Override
    public CompletableFuture<Response> performRequestAsync(String endpointId, @Nullable Node node, Request request,
                                                           TransportOptions options) {
        return delegate.performRequestAsync(endpointId, node, request, options);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    /** The asynchronous call's failure as the synchronous call would have thrown it. */
    private static IOException rethrown(Throwable failure) {
        if (failure instanceof IOException io) {
            return io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IOException(failure);
    }
}
