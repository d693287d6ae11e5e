package recsys.offline.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;
import recsys.offline.config.ElasticsearchSettings;

/** Builds the driver-side Elasticsearch client of a job from its settings. */
public final class ElasticsearchClients {

    private ElasticsearchClients() {
    }

    public static ElasticsearchClient create(ElasticsearchSettings settings) {
        HttpHost host = new HttpHost(settings.url().getHost(), settings.port(), settings.url().getScheme());
        RestClientBuilder builder = RestClient.builder(host);
        if (!settings.pathPrefix().isEmpty()) {
            builder.setPathPrefix(settings.pathPrefix());
        }
        if (settings.apiKey() != null) {
            builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "ApiKey " + settings.apiKey())});
        }
        if (settings.username() != null) {
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(AuthScope.ANY,
                    new UsernamePasswordCredentials(settings.username(), settings.password()));
            builder.setHttpClientConfigCallback(http -> http.setDefaultCredentialsProvider(credentials));
        }
        return new ElasticsearchClient(new RestClientTransport(builder.build(), new JacksonJsonpMapper()));
    }
}
