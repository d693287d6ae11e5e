package recsys.online.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import java.io.IOException;
import recsys.online.error.ElasticsearchUnavailableException;

/**
 * Runs one Elasticsearch request and turns the ways it can fail into what the client of the service should see:
 * no answer, a server-side error, overload or a missing index (the data was never loaded, or an alias is being
 * rebuilt) become {@link ElasticsearchUnavailableException} (503, retry later); any other error response is a bug
 * in the request and stays an exception that becomes a 500.
 */
public final class ElasticsearchCalls {

    /** A request that may fail with an I/O error. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws IOException;
    }

    private ElasticsearchCalls() {
    }

    public static <T> T call(String what, Call<T> call) {
        try {
            return call.run();
        } catch (ElasticsearchException e) {
            if (e.status() >= 500 || e.status() == 429 || "index_not_found_exception".equals(errorType(e))) {
                throw new ElasticsearchUnavailableException("Elasticsearch cannot " + what + " now ("
                        + e.status() + " " + errorType(e) + ")", e);
            }
            throw new IllegalStateException("Elasticsearch rejected the request to " + what + ": "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new ElasticsearchUnavailableException("Elasticsearch is unavailable (" + what + ")", e);
        }
    }

    private static String errorType(ElasticsearchException e) {
        return e.error() == null ? "" : e.error().type();
    }
}
