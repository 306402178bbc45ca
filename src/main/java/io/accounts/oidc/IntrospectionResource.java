package io.accounts.oidc;

import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
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

/** {@code POST /oauth2/introspect} (RFC 7662): a confidential client asks whether a token it holds is active. */
@ApplicationScoped
@Tag(name = "OpenID Connect")
@Path("/oauth2/introspect")
@Produces(MediaType.APPLICATION_JSON)
public class IntrospectionResource {

    @Inject
    ClientAuthenticator authenticator;

    @Inject
    IssuedTokens issued;

    @Inject
    JwtConfig jwt;

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @Operation(operationId = "introspectToken",
            summary = "Whether a token the calling client holds is active, and what it grants")
    @NoStore
    public Response introspect(String body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                               @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        ProviderMode.require(jwt);
        return OAuthEndpoint.answer(URI.create(jwt.issuerBase() + "/oauth2/introspect"), body, authorization,
                contentType, form -> {
                    TokenIntrospectionRequest request = TokenIntrospectionRequest.parse(form);
                    OAuthClient client = authenticator.authenticateConfidential(request.getClientAuthentication());
                    return Response.ok(issued.introspect(client, request.getToken().getValue())).build();
                });
    }
}
