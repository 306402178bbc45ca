package io.accounts.security;

import io.accounts.auth.TokenVerifier;
import io.accounts.platform.ApiException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;


/**
 * The authorizer, before any resource runs; the access policy document makes every decision, this class
 * only gathers its inputs. A request the policy opens to anyone passes as it is; otherwise
 * it needs a token ({@code Bearer <jwt>} or the bare JWT, as API Gateway passes it) that verifies, and a caller
 * the policy allows. No token: 401; a bad one: 401 {@code invalid_token}; a caller not allowed: 403.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthorizationFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resourceInfo;

    @Inject
    TokenVerifier verifier;

    @Inject
    AccessPolicy policy;

    @Override
    public void filter(ContainerRequestContext context) {
        if (resourceInfo.getResourceMethod() == null) {
            return;
        }
        String path = context.getUriInfo().getPath();
        AccessPolicy.Request request = new AccessPolicy.Request(context.getMethod(),
                path.startsWith("/") ? path : "/" + path);
        if (policy.decide(request, null) == AccessPolicy.Decision.ALLOW) {
            return;
        }
        String token = BearerToken.from(context.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            throw ApiException.unauthenticated("An access token is required.");
        }
        JwtPrincipal caller = verifier.verify(token);
        if (policy.decide(request, caller) != AccessPolicy.Decision.ALLOW) {
            throw ApiException.forbidden("This token does not allow this request.");
        }
        boolean secure = context.getSecurityContext() != null && context.getSecurityContext().isSecure();
        context.setSecurityContext(new TokenSecurityContext(caller, secure));
    }
}
