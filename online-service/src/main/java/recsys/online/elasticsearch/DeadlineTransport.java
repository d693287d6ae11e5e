package recsys.online.elasticsearch;

import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransportBase;
import co.elastic.clients.transport.rest_client.RestClientHttpClient;
import org.elasticsearch.client.RestClient;

/**
 * What {@code RestClientTransport} is (the client's transport over the low-level REST client, with its default
 * options), with {@link DeadlineHttpClient} between the two: {@code RestClientTransport} builds its HTTP layer
 * itself and offers no way to wrap it.
 */
final class DeadlineTransport extends ElasticsearchTransportBase {

    DeadlineTransport(RestClient restClient, JsonpMapper mapper) {
        super(new DeadlineHttpClient(new RestClientHttpClient(restClient)), null, mapper);
    }
}
