package recsys.online.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.TransportUtils;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;
import recsys.core.index.IndexNames;
import recsys.online.config.ElasticsearchConfiguration;

/**
 * The one Elasticsearch client of the service, built from {@link ElasticsearchConfiguration}: long-lived, shared
 * by every store, closed (with its connection pool) when the application context stops. Its calls end by the
 * current request's {@link RequestDeadline}.
 *
 * <p>Hand-written, not micronaut-elasticsearch (5.10.0, the version the Micronaut 4.10.17 platform manages), whose
 * client beans cannot express three things this factory does:
 * <ul>
 *   <li><b>A path prefix</b> ({@code https://host/es} behind a proxy): its {@code elasticsearch.http-hosts}
 *   converter keeps each URL's scheme, host and port and drops the path, it has no path-prefix setting, and the
 *   {@code RestClientBuilder} it fills is built inside its factory, not a bean, so no
 *   {@code BeanCreatedEventListener} can call {@code setPathPrefix}. (An http URL without a port also gets port 80
 *   there, where {@code recsys.es.url} means 9200.)</li>
 *   <li><b>The per-request deadline</b> ({@link DeadlineTransport}): its {@code ElasticsearchTransport} bean is a
 *   {@code RestClientTransport} over a second {@code RestClient} of its own (a second pool beside its
 *   {@code RestClient} bean) with nothing between transport and HTTP layer, and it needs a Jackson
 *   {@code ObjectMapper} bean, which this service (micronaut-serde) has not; it would have to be replaced
 *   whole.</li>
 *   <li><b>A bounded health check</b>: its {@code ElasticsearchClientHealthIndicator} waits for an asynchronous
 *   cluster-health call without a timeout, and Micronaut's health endpoint has none per indicator, so a stalled
 *   cluster holds {@code /health} until the socket timeout (which must stay long for background writes) instead of
 *   answering DOWN after {@code recsys.es.health-timeout}; nor does it check the aliases the service reads. The
 *   service keeps its own ({@code recsys.online.health.ElasticsearchHealthIndicator}).</li>
 * </ul>
 * The rest it could express: basic authentication, the API-key header, TLS (CA file or no verification) and the pool
 * size through its {@code HttpAsyncClientBuilder} bean, the three client timeouts under
 * {@code elasticsearch.request.default.*}. Adopting it for those alone would mean a second settings tree
 * ({@code elasticsearch.*} beside {@code recsys.es.*}, which the offline jobs share) and replacing every bean it makes.
 */
@Factory
class ElasticsearchClientFactory {

    @Singleton
    @Bean(preDestroy = "close")
    RestClient restClient(ElasticsearchConfiguration config) {
        URI url = config.url();
        int port = url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 9200;
        RestClientBuilder builder = RestClient.builder(new HttpHost(url.getHost(), port, url.getScheme()));
        String path = url.getPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            builder.setPathPrefix(path);
        }
        if (config.hasApiKey()) {
            builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "ApiKey " + config.apiKey().trim())});
        }
        // Each bounds one phase of a call; a call made for an HTTP request is also cut at the request's deadline
        // (DeadlineTransport). Without a connection-request timeout, a call would wait for a pooled connection
        // for ever when every connection hangs on a stalled cluster.
        builder.setRequestConfigCallback(request -> request
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setSocketTimeout((int) config.socketTimeout().toMillis())
                .setConnectionRequestTimeout((int) config.connectionRequestTimeout().toMillis()));
        SSLContext tls = tlsContext(config);
        builder.setHttpClientConfigCallback(http -> {
            http.setMaxConnTotal(config.maxConnections()).setMaxConnPerRoute(config.maxConnections());
            if (config.hasBasicAuth()) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(config.username().trim(),
                        config.password() == null ? "" : config.password()));
                http.setDefaultCredentialsProvider(credentials);
            }
            if (tls != null) {
                http.setSSLContext(tls);
                if (!config.tlsVerify()) {
                    http.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);
                }
            }
            return http;
        });
        return builder.build();
    }

    @Singleton
    ElasticsearchClient elasticsearchClient(RestClient restClient) {
        // documents written by other tools may hold a one-element array as a bare value, and fields this version of
        // the service does not know must not break reading
        ObjectMapper mapper = new ObjectMapper()
                .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, true)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        return new ElasticsearchClient(new DeadlineTransport(restClient, new JacksonJsonpMapper(mapper)));
    }

    @Singleton
    IndexNames indexNames(ElasticsearchConfiguration config) {
        return config.indexNames();
    }

    /** The TLS context the settings ask for, or null for the JVM's default (also for plain http). */
    private static SSLContext tlsContext(ElasticsearchConfiguration config) {
        if (!"https".equals(config.url().getScheme())) {
            return null;
        }
        if (!config.tlsVerify()) {
            return trustAll();
        }
        if (!config.hasCaFile()) {
            return null;
        }
        File caFile = new File(config.caFile().trim());
        try {
            return TransportUtils.sslContextFromHttpCaCrt(caFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Elasticsearch CA certificate " + caFile, e);
        }
    }

    /** Accepts any certificate: what {@code recsys.es.tls-verify: false} asks for, on test clusters only. */
    private static SSLContext trustAll() {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // trusting every client is the point of this setting
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // trusting every server is the point of this setting
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, null);
            return context;
        } catch (NoSuchAlgorithmException | KeyManagementException e) {
            throw new IllegalStateException("cannot build a TLS context", e);
        }
    }
}
