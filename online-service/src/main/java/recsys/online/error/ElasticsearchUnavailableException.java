package recsys.online.error;

import io.micronaut.http.HttpStatus;

/**
 * 503: Elasticsearch did not answer, answered with a server error, or lacks an index the service reads (the data
 * has not been loaded). The request may succeed later without any change on the client's side.
 */
public final class ElasticsearchUnavailableException extends ApiException {

    public ElasticsearchUnavailableException(String message, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, null, message, cause);
    }
}
