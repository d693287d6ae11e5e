package recsys.online.security;

import java.security.Principal;

/**
 * Who a request that presented the valid API key is: the holder of the key. There is one key and so one principal;
 * {@link ApiKeyFilter} attaches it to the request, {@link PrincipalBinder} hands it to the endpoints that ask.
 */
public record ApiKeyPrincipal() implements Principal {

    @Override
    public String getName() {
        return "api-key";
    }
}
