package io.accounts.oidc;

import io.accounts.keys.JwtConfig;
import io.accounts.platform.NoStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/**
 * {@code GET|POST /oauth2/logout}, the end-session endpoint: an application signs its user out here, and the browser
 * goes back to it, or to the account pages' sign-in.
 */
@ApplicationScoped
@Tag(name = "OpenID Connect")
@Path("/oauth2/logout")
@Produces(MediaType.APPLICATION_JSON)
public class EndSessionResource {

    @Inject
    EndSessions endSessions;

    @Inject
    JwtConfig jwt;

    @GET
    @Operation(operationId = "logoutApplication",
            summary = "End the session an application's ID token names (OpenID Connect RP-Initiated Logout)")
    @NoStore
    public Response logout(@Context UriInfo uri) {
        return end(uri.getQueryParameters());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(operationId = "logoutApplicationWithForm",
            summary = "End the session an application's ID token names, the parameters in a form")
    @NoStore
    public Response logout(MultivaluedMap<String, String> form) {
        return end(form);
    }

    private Response end(MultivaluedMap<String, String> parameters) {
        ProviderMode.require(jwt);
        String next = endSessions.end(parameters);
        return Response.seeOther(URI.create(next == null ? "/account/?signed-out" : next)).build();
    }
}
