package recsys.offline.index;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import java.io.IOException;

/**
 * Runs one Elasticsearch client call and turns its two failure modes (the server refused, or could not be
 * reached) into one unchecked exception that names what was being done, so job code reads as the pipeline it is.
 */
public final class ElasticsearchCalls {

    private ElasticsearchCalls() {
    }

    /** A client call; the client's methods throw {@link IOException} for transport failures. */
    @FunctionalInterface
    public interface IoCall<T> {
        T run() throws IOException;
    }

    public static <T> T call(IoCall<T> call, String what) {
        try {
            return call.run();
        } catch (ElasticsearchException e) {
            throw new IndexLifecycleException("Elasticsearch refused to " + what + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IndexLifecycleException("cannot " + what + ": " + e.getMessage(), e);
        }
    }
}
