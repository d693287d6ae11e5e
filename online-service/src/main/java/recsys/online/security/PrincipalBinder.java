package recsys.online.security;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;
import java.security.Principal;

/**
 * Binds a route argument of type {@link Principal} to the request's principal ({@link ApiKeyPrincipal} when the
 * request presented the API key, else none).
 *
 * <p>Why hand-written: Micronaut's health endpoint decides whether to show details from such an argument
 * ({@code endpoints.health.details-visible: AUTHENTICATED} shows them when it is not null), but only
 * micronaut-security ships the binder that fills it. That module would bring its own authentication model (login
 * flows, token readers, an intercept-URL map) to replace the one header check {@link ApiKeys} does, so the service
 * keeps its key check and adds this one binder, which is what micronaut-security's own amounts to.
 */
@Singleton
final class PrincipalBinder implements TypedRequestArgumentBinder<Principal> {

    private static final Argument<Principal> TYPE = Argument.of(Principal.class);

    @Override
    public Argument<Principal> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<Principal> bind(ArgumentConversionContext<Principal> context, HttpRequest<?> request) {
        return request::getUserPrincipal;
    }
}
