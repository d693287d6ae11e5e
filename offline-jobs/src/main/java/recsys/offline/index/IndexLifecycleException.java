package recsys.offline.index;

/** An index operation that Elasticsearch refused or that could not reach it. */
public final class IndexLifecycleException extends RuntimeException {
    public IndexLifecycleException(String message, Throwable cause) {
        super(message, cause);
    }
}
