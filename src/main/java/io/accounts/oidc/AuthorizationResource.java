package io.accounts.oidc;

import io.accounts.keys.JwtConfig;
import io.accounts.platform.NoStore;
import io.accounts.platform.web.Envelope;
import io.accounts.security.JwtPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/**
 * {@code /oauth2/authorize}: the code flow's front door. A GET sends the browser to the account pages' sign-in
 * ({@code /account/sign-in}, the same query); once the person has signed in there, the page POSTs the same query
 * with its token and follows the answer to the client.
 */
@ApplicationScoped
@Tag(name = "OpenID Connect")
@Path("/oauth2/authorize")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class AuthorizationResource {

    @Inject
    AuthorizationRequests requests;

    @Inject
    AuthorizationCodes codes;

    @Inject
    JwtConfig jwt;

    @GET
    @Operation(operationId = "beginAuthorization",
            summary = "Begin a sign-in for an application (authorization code with PKCE S256)")
    @NoStore
    public Response begin(@Context UriInfo uri) {
        ProviderMode.require(jwt);
        AuthorizationRequest request;
        try {
            request = requests.check(uri.getQueryParameters());
        } catch (AuthorizationError refused) {
            return Response.seeOther(URI.create(refused.location(jwt.issuer()))).build();
        }
        if ("none".equals(request.prompt())) {
            // the pages keep no session between visits: without a sign-in there is none to reuse
            return Response.seeOther(URI.create(new AuthorizationError(request.redirectUri(), "login_required",
                    "the person must sign in", request.state()).location(jwt.issuer()))).build();
        }
        return Response.seeOther(URI.create("/account/sign-in?" + uri.getRequestUri().getRawQuery())).build();
    }

    @POST
    @Operation(operationId = "finishAuthorization",
            summary = "Finish a sign-in for an application: where the browser goes next, with a code")
    @NoStore
    public Envelope<AuthorizationCodes.Redirect> finish(@Context UriInfo uri, @Context SecurityContext security) {
        ProviderMode.require(jwt);
        AuthorizationRequest request;
        try {
            request = requests.check(uri.getQueryParameters());
        } catch (AuthorizationError refused) {
            return Envelope.of(null, AuthorizationCodes.Redirect.to(refused.location(jwt.issuer())));
        }
        return Envelope.of(null, AuthorizationCodes.Redirect.to(codes.issue(request,
                (JwtPrincipal) security.getUserPrincipal())));
    }
}
