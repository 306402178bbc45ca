package io.accounts.gateway;

import io.accounts.security.JwtPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.TreeSet;

/** {@code /authorize}: the authorizer's decision for API Gateway (POST) and for forward-auth proxies (GET). */
@ApplicationScoped
@Tag(name = "Gateway")
@Path("/authorize")
@Produces(MediaType.APPLICATION_JSON)
public class AuthorizeResource {

    @Inject
    TokenAuthorizer tokenAuthorizer;

    @Inject
    ForwardAuth forwardAuth;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "authorizeGatewayRequest",
            summary = "API Gateway TOKEN authorizer: answers the IAM policy the access policy grants the caller")
    public AuthorizerResponse lambda(@Valid @NotNull TokenAuthorizerEvent event) {
        return tokenAuthorizer.decide(event);
    }

    @GET
    @Operation(operationId = "authorizeForwardedRequest",
            summary = "Forward-auth: 204 with X-Auth-Subject/X-Auth-Roles when the original request is allowed")
    public Response forward(@Context HttpHeaders headers) {
        JwtPrincipal caller = forwardAuth.decide(headers);
        Response.ResponseBuilder verdict = Response.noContent();
        if (caller != null) {
            verdict.header("X-Auth-Subject", caller.subject())
                    .header("X-Auth-Roles", String.join(",", new TreeSet<>(caller.getGroups())));
        }
        return verdict.build();
    }
}
