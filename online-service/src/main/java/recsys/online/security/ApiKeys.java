package recsys.online.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import recsys.online.config.ServiceConfiguration;

/**
 * The configured API key ({@code recsys.api-key}, env {@code RECSYS_API_KEY}) and the check of the key a request
 * presents, as {@code X-Api-Key: KEY} or {@code Authorization: Bearer KEY}.
 *
 * <p>The comparison takes the same time whatever the presented key: both sides are hashed with SHA-256 and the
 * digests compared with {@link MessageDigest#isEqual}, which is constant-time, so neither the key's content nor
 * its length leaks through response times.
 *
 * <p>Safe by default: with no key configured nothing can match, and the filter refuses protected requests with a
 * 503 that says the key is missing from the configuration. There is deliberately no "open" mode; a development
 * setup sets any key.
 */
@Singleton
public class ApiKeys {

    public static final String API_KEY_HEADER = "X-Api-Key";
    private static final String BEARER = "bearer ";
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);

    /** The result of checking one request. */
    public enum Verdict { ACCEPTED, MISSING, WRONG, NOT_CONFIGURED }

    @Nullable
    private final byte[] expectedDigest;

    public ApiKeys(ServiceConfiguration configuration) {
        this.expectedDigest = configuration.hasApiKey() ? digest(configuration.apiKey().trim()) : null;
        if (expectedDigest == null) {
            LOG.warn("no API key configured (recsys.api-key / RECSYS_API_KEY): write requests will be refused");
        }
    }

    public boolean configured() {
        return expectedDigest != null;
    }

    public Verdict check(HttpRequest<?> request) {
        if (expectedDigest == null) {
            return Verdict.NOT_CONFIGURED;
        }
        String presented = presented(request);
        if (presented == null || presented.isEmpty()) {
            return Verdict.MISSING;
        }
        return MessageDigest.isEqual(expectedDigest, digest(presented)) ? Verdict.ACCEPTED : Verdict.WRONG;
    }

    /** {@code X-Api-Key} if present, else the token of a Bearer {@code Authorization}; null if neither. */
    @Nullable
    static String presented(HttpRequest<?> request) {
        String header = request.getHeaders().get(API_KEY_HEADER);
        if (header != null) {
            return header.trim();
        }
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.length() > BEARER.length()
                && authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return authorization.substring(BEARER.length()).trim();
        }
        return null;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
