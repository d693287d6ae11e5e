package recsys.online.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import recsys.core.index.IndexNames;

/**
 * How the service reaches Elasticsearch: {@code recsys.es.*} in {@code conf/application.yml}, or the environment
 * variables the offline CLI reads too ({@code RECSYS_ES_URL}, {@code RECSYS_ES_USERNAME}, {@code RECSYS_ES_PASSWORD},
 * {@code RECSYS_ES_API_KEY}, {@code RECSYS_ES_INDEX_PREFIX}), so one environment configures both sides.
 *
 * @param url                 base URL, {@code http(s)://host:port[/path-prefix]}; TLS is chosen by {@code https}
 * @param username            basic-authentication user, or blank for none
 * @param password            basic-authentication password
 * @param apiKey              an API key (the encoded {@code id:key}), sent as {@code Authorization: ApiKey ...};
 *                            blank for none
 * @param indexPrefix         prefix of this deployment's aliases (see {@link IndexNames}); blank for none
 * @param caFile              PEM file of the CA that signed the cluster's HTTP certificate; blank to use the JVM's
 *                            trust store
 * @param tlsVerify           whether to check the server certificate and host name; {@code false} only for test
 *                            clusters with self-signed certificates
 * @param connectTimeout      TCP connect timeout
 * @param socketTimeout       how long a request may wait for its response
 * @param maxConnections      connections kept to the cluster; above the HTTP worker count so requests never queue
 *                            for a connection under the benchmark's 16 clients
 */
@ConfigurationProperties("recsys.es")
public record ElasticsearchConfiguration(
        @NotNull URI url,
        @Nullable String username,
        @Nullable String password,
        @Nullable String apiKey,
        @Nullable String indexPrefix,
        @Nullable String caFile,
        @Bindable(defaultValue = "true") boolean tlsVerify,
        @Bindable(defaultValue = "2s") @NotNull Duration connectTimeout,
        @Bindable(defaultValue = "10s") @NotNull Duration socketTimeout,
        @Bindable(defaultValue = "64") @Positive int maxConnections) {

    public IndexNames indexNames() {
        return new IndexNames(blankToNull(indexPrefix));
    }

    public boolean hasBasicAuth() {
        return blankToNull(username) != null;
    }

    public boolean hasApiKey() {
        return blankToNull(apiKey) != null;
    }

    public boolean hasCaFile() {
        return blankToNull(caFile) != null;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
