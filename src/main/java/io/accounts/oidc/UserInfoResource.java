package io.accounts.oidc;

import io.accounts.platform.NoStore;
import io.accounts.security.JwtPrincipal;
import io.accounts.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /oauth2/userinfo} (OpenID Connect Core 5.3): the standard claims of the bearer token's scopes; a token of
 * the service's own sessions (no {@code scope}) sees all of them.
 */
@ApplicationScoped
@Tag(name = "OpenID Connect")
@Path("/oauth2/userinfo")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
public class UserInfoResource {

    @Inject
    UserService users;

    @GET
    @Operation(operationId = "getUserInfo", summary = "The signed-in user's claims, as the token's scopes allow")
    @NoStore
    public Map<String, Object> get(@Context SecurityContext security) {
        JwtPrincipal caller = (JwtPrincipal) security.getUserPrincipal();
        Object scope = caller.getClaim("scope");
        Set<String> scopes = scope instanceof String granted ? new LinkedHashSet<>(List.of(granted.split(" ")))
                : AuthorizationRequests.SCOPES;
        return IdTokens.claimsOf(users.require(caller.subject()), scopes);
    }

    @POST
    @Operation(operationId = "postUserInfo", summary = "The same as GET, for clients that POST")
    @NoStore
    public Map<String, Object> post(@Context SecurityContext security) {
        return get(security);
    }
}
