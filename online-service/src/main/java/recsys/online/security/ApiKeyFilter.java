package recsys.online.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import recsys.online.config.ServiceConfiguration;
import recsys.online.error.ErrorBody;

/**
 * The API key check: every request that is not a GET, HEAD or OPTIONS (the write endpoints) must carry the key of
 * {@code RECSYS_API_KEY} as {@code Authorization: Bearer KEY} or {@code X-Api-Key: KEY}; with
 * {@code recsys.protect-reads} the read endpoints too. With no key configured, writes are refused (503: the
 * service is not set up for them) rather than left open. Health, metrics and the API documentation stay open.
 * Keys are compared in constant time.
 */
@ServerFilter("/**")
public class ApiKeyFilter {

    public static final String API_KEY_HEADER = "X-Api-Key";
    private static final String BEARER = "Bearer ";
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final Set<String> READ_PATHS = Set.of("/recommendations", "/features");
    /** Operations endpoints and documentation: never behind the key. */
    private static final List<String> OPEN_PREFIXES = List.of("/health", "/prometheus", "/swagger");

    private final ServiceConfiguration configuration;

    public ApiKeyFilter(ServiceConfiguration configuration) {
        this.configuration = configuration;
    }

    /** Null lets the request through; a response ends it. */
    @RequestFilter
    @Nullable
    public HttpResponse<ErrorBody> check(HttpRequest<?> request) {
        String path = request.getPath();
        if (OPEN_PREFIXES.stream().anyMatch(path::startsWith)) {
            return null;
        }
        boolean read = READS.contains(request.getMethod());
        if (read && !(configuration.protectReads() && READ_PATHS.contains(path))) {
            return null;
        }
        if (!configuration.hasApiKey()) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, "this endpoint needs an API key and none is configured "
                    + "(set RECSYS_API_KEY)");
        }
        String presented = presentedKey(request);
        if (presented == null) {
            return error(HttpStatus.UNAUTHORIZED, "missing API key: send Authorization: Bearer KEY or "
                    + API_KEY_HEADER + ": KEY");
        }
        if (!MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                configuration.apiKey().trim().getBytes(StandardCharsets.UTF_8))) {
            return error(HttpStatus.UNAUTHORIZED, "invalid API key");
        }
        return null;
    }

    @Nullable
    private static String presentedKey(HttpRequest<?> request) {
        String header = request.getHeaders().get(API_KEY_HEADER);
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String key = authorization.substring(BEARER.length()).trim();
            return key.isEmpty() ? null : key;
        }
        return null;
    }

    private static HttpResponse<ErrorBody> error(HttpStatus status, String message) {
        String field = status == HttpStatus.UNAUTHORIZED ? HttpHeaders.AUTHORIZATION : null;
        return HttpResponse.<ErrorBody>status(status).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(ErrorBody.of(status.getCode(), field, message));
    }
}
