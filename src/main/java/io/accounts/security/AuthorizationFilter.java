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
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

/**
 * The authorizer, before any resource runs: a request the policy opens to anyone passes as it is; otherwise
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
        Method method = resourceInfo.getResourceMethod();
        if (method == null) {
            return;
        }
        AccessPolicy.Request request = new AccessPolicy.Request(context.getMethod(),
                context.getUriInfo().getPath(), single(context.getUriInfo().getPathParameters()), method);
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

    private static Map<String, String> single(MultivaluedMap<String, String> parameters) {
        Map<String, String> single = new HashMap<>(parameters.size());
        parameters.forEach((name, values) -> single.put(name, values.isEmpty() ? null : values.get(0)));
        return single;
    }
}
