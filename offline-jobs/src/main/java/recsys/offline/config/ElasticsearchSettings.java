package recsys.offline.config;

import java.net.URI;
import java.util.Objects;
import recsys.core.index.IndexNames;

/**
 * How to reach one Elasticsearch cluster. Credentials are either a user and password or an API key; blank
 * values mean "not set".
 *
 * @param url      base URL, for example {@code http://127.0.0.1:9200} or {@code https://es.example:9243/prefix}
 * @param replicas   replicas of each new index: 0 on the single-node local server, usually 1 on a real cluster
 * @param indexNames the prefix of this deployment's indices (none by default)
 */
public record ElasticsearchSettings(URI url, String username, String password, String apiKey, int replicas,
                                    IndexNames indexNames) {

    public ElasticsearchSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(indexNames, "indexNames");
        if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
            throw new IllegalArgumentException("Elasticsearch URL must start with http:// or https://, was " + url);
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("Elasticsearch URL has no host: " + url);
        }
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must be 0 or more, was " + replicas);
        }
        username = blankToNull(username);
        password = blankToNull(password);
        apiKey = blankToNull(apiKey);
    }

    public boolean tls() {
        return url.getScheme().equals("https");
    }

    public int port() {
        return url.getPort() > 0 ? url.getPort() : (tls() ? 443 : 80);
    }

    /** The path prefix when the cluster sits behind a proxy path, else empty. */
    public String pathPrefix() {
        String path = url.getPath();
        return path == null || path.equals("/") ? "" : path.replaceAll("/+$", "");
    }

    /** The URL without credentials, for messages. */
    public String displayUrl() {
        return url.getScheme() + "://" + url.getHost() + ":" + port() + pathPrefix();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        // never print secrets
        return "ElasticsearchSettings[url=" + displayUrl() + ", username=" + username
                + ", password=" + (password == null ? "unset" : "***")
                + ", apiKey=" + (apiKey == null ? "unset" : "***") + ", replicas=" + replicas
                + ", prefix=" + indexNames.prefix() + "]";
    }
}
