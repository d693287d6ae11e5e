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
 * @param socketTimeout       how long a call may wait for the next bytes of its response; what bounds the calls no
 *                            HTTP request is waiting for (background writes and refreshes), since the request
 *                            deadline cuts the others first
 * @param connectionRequestTimeout how long a call may wait for a free connection of the pool
 * @param maxConnections      connections kept to the cluster; at least the blocking executor's threads plus the
 *                            side searches' ({@code micronaut.executors.*}) so a request never queues for one
 * @param requestDeadline     how long after an HTTP request arrives all of its Elasticsearch calls must be done, the
 *                            time waiting for a thread included; past it the request answers 503
 * @param healthTimeout       how long the {@code /health} check of Elasticsearch may take before it says DOWN
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
        @Bindable(defaultValue = "1s") @NotNull Duration connectionRequestTimeout,
        @Bindable(defaultValue = "64") @Positive int maxConnections,
        @Bindable(defaultValue = "2s") @NotNull Duration requestDeadline,
        @Bindable(defaultValue = "1s") @NotNull Duration healthTimeout) {

    public ElasticsearchConfiguration {
        // a zero or negative value would fail every call (or, for the client's timeouts, mean "wait forever")
        requirePositive("connect-timeout", connectTimeout);
        requirePositive("socket-timeout", socketTimeout);
        requirePositive("connection-request-timeout", connectionRequestTimeout);
        requirePositive("request-deadline", requestDeadline);
        requirePositive("health-timeout", healthTimeout);
    }

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

    private static void requirePositive(String key, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException("recsys.es." + key + " must be positive, was " + value);
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
