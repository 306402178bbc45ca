package io.accounts.oidc;

import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import io.accounts.keys.JwtConfig;
import io.accounts.platform.NoStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/** {@code POST /oauth2/revoke} (RFC 7009): a client gives up a token it holds, and with it the grant. */
@ApplicationScoped
@Tag(name = "OpenID Connect")
@Path("/oauth2/revoke")
@Produces(MediaType.APPLICATION_JSON)
public class RevocationResource {

    @Inject
    ClientAuthenticator authenticator;

    @Inject
    IssuedTokens issued;

    @Inject
    JwtConfig jwt;

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @Operation(operationId = "revokeToken",
            summary = "Revoke a refresh or access token the calling client holds, and the grant it belongs to")
    @NoStore
    public Response revoke(String body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        ProviderMode.require(jwt);
        return OAuthEndpoint.answer(URI.create(jwt.issuerBase() + "/oauth2/revoke"), body, authorization, contentType,
                form -> {
                    TokenRevocationRequest request = TokenRevocationRequest.parse(form);
                    issued.revoke(authenticator.authenticate(request.getClientAuthentication(), request.getClientID()),
                            request.getToken().getValue());
                    return Response.ok().build();
                });
    }
}
