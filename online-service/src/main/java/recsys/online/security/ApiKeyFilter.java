package recsys.online.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;
import java.util.Set;
import recsys.online.config.ServiceConfiguration;
import recsys.online.error.ErrorBody;

/**
 * Requires the API key ({@link ApiKeys}) before a protected request reaches its controller, so an unauthenticated
 * request costs no body parsing and no Elasticsearch call.
 *
 * <p>Which requests are protected is decided by the matched route, not by a list of paths, so endpoints added
 * later are covered without touching this class: every route of a {@code @Controller} that changes data (any
 * method but GET, HEAD, OPTIONS) needs the key; its reads need it when {@code recsys.protect-reads} is true.
 * A route marked {@link ReadOperation} counts as a read whatever its method.
 * Management endpoints ({@code /health}, metrics) are not controllers and stay open: load balancers and scrapers
 * must reach them. Unknown routes are left alone and answer 404 as usual.
 *
 * <p>Answers: 401 with {@code WWW-Authenticate: Bearer} when the key is missing or wrong; 503 when the service has
 * no key configured (a server-side setting the client cannot fix, hence not 401).
 *
 * <p>Any request that presents the valid key, protected or not, gets the {@link ApiKeyPrincipal}: that is what shows
 * {@code /health}'s details ({@code endpoints.health.details-visible: AUTHENTICATED}, through
 * {@link PrincipalBinder}). A wrong key on an open route is not refused: the request is simply anonymous, so a
 * load balancer's probe of {@code /health} never fails over a header.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class ApiKeyFilter implements Ordered {

    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final String FIELD = HttpHeaders.AUTHORIZATION;
    private static final ApiKeyPrincipal PRINCIPAL = new ApiKeyPrincipal();

    private final ApiKeys keys;
    private final boolean protectReads;

    public ApiKeyFilter(ApiKeys keys, ServiceConfiguration configuration) {
        this.keys = keys;
        this.protectReads = configuration.protectReads();
    }

    /** Before the other filters (access log excepted): nothing else should run for a refused request. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 100;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> requireKey(HttpRequest<?> request) {
        ApiKeys.Verdict verdict = keys.check(request);
        if (verdict == ApiKeys.Verdict.ACCEPTED) {
            request.setUserPrincipal(PRINCIPAL);
        }
        if (!isProtected(request)) {
            return null;
        }
        return switch (verdict) {
            case ACCEPTED -> null;
            case MISSING -> unauthorized("an API key is required: send Authorization: Bearer KEY or "
                    + ApiKeys.API_KEY_HEADER + ": KEY");
            case WRONG -> unauthorized("the API key is not valid");
            case NOT_CONFIGURED -> error(HttpStatus.SERVICE_UNAVAILABLE, "this endpoint is disabled: the service "
                    + "has no API key configured (set RECSYS_API_KEY or recsys.api-key)");
        };
    }

    private boolean isProtected(HttpRequest<?> request) {
        RouteMatch<?> route = RouteAttributes.getRouteMatch(request).orElse(null);
        if (route == null || !route.getAnnotationMetadata().hasStereotype(Controller.class)) {
            return false;
        }
        boolean read = READS.contains(request.getMethod()) || route.getAnnotationMetadata()
                .hasAnnotation(ReadOperation.class);
        return !read || protectReads;
    }

    private static HttpResponse<ErrorBody> unauthorized(String message) {
        return error(HttpStatus.UNAUTHORIZED, message).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

    private static MutableHttpResponse<ErrorBody> error(HttpStatus status, String message) {
        return HttpResponse.<ErrorBody>status(status).contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(ErrorBody.of(status.getCode(), FIELD, message));
    }
}
