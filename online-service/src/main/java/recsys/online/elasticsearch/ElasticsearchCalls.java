package recsys.online.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import recsys.online.error.ElasticsearchUnavailableException;

/**
 * Runs one Elasticsearch request and sorts its failures into what the service's client should see: no answer
 * (connection refused, timeout, the request's {@link RequestDeadline} passed), a server-side error, overload (429)
 * or a missing index (the data was never loaded, or an alias is being rebuilt) become
 * {@link ElasticsearchUnavailableException}, a 503 the client can retry; any other error response means the request itself was wrong, a bug, and stays an
 * {@link IllegalStateException} (a 500).
 */
public final class ElasticsearchCalls {

    /** A request that may fail with an I/O error. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws IOException;
    }

    private ElasticsearchCalls() {
    }

    /** @param what what the request does, for messages ("read users") */
    public static <T> T call(String what, Call<T> call) {
        try {
            return call.run();
        } catch (ElasticsearchException e) {
            throw classify(what, e.status(), e.error(), e);
        } catch (DeadlinePassedException e) {
            throw deadlinePassed(what, e.budget(), e);
        } catch (IOException e) {
            throw new ElasticsearchUnavailableException("Elasticsearch is unavailable (" + what + ")", e);
        }
    }

    /**
     * The result of Elasticsearch work another thread does for this request (a search run beside the request's own
     * computing), waited for until the request's deadline at most; its failure is rethrown as this request's.
     */
    public static <T> T await(String what, Future<T> work) {
        Optional<RequestDeadline> deadline = RequestDeadline.current();
        try {
            return deadline.isEmpty() ? work.get()
                    : work.get(Math.max(0, deadline.get().remainingNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // the work's own calls end at the deadline too; this only spares waiting for one still queued
            work.cancel(true);
            throw deadlinePassed(what, deadline.orElseThrow().budget(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("Elasticsearch work failed (" + what + ")", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to " + what, e);
        }
    }

    private static ElasticsearchUnavailableException deadlinePassed(String what, Duration budget, Throwable cause) {
        return new ElasticsearchUnavailableException("Elasticsearch did not answer within the request's deadline of "
                + budget.toMillis() + " ms (" + what + ")", cause);
    }

    /**
     * The exception for an error Elasticsearch reported, for a whole request or one item of a bulk or multi-get
     * ({@code status} 0 when the item has none).
     */
    public static RuntimeException classify(String what, int status, @Nullable ErrorCause error) {
        return classify(what, status, error, null);
    }

    private static RuntimeException classify(String what, int status, @Nullable ErrorCause error,
                                             @Nullable Throwable cause) {
        String type = error == null ? "" : error.type();
        String reason = error == null || error.reason() == null ? "" : ": " + error.reason();
        if (status >= 500 || status == 429 || "index_not_found_exception".equals(type)) {
            return new ElasticsearchUnavailableException("Elasticsearch cannot " + what + " now (" + status + " "
                    + type + ")", cause);
        }
        return new IllegalStateException("Elasticsearch rejected the request to " + what + " (" + status + " "
                + type + reason + ")", cause);
    }
}
