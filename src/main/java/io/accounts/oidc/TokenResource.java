package io.accounts.oidc;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import io.accounts.keys.JwtConfig;
import io.accounts.platform.NoStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /oauth2/token} (form-encoded): what OAuth clients send and expect, parsed by Nimbus oauth2-oidc-sdk;
 * answers and errors in RFC 6749's JSON (never problem+json), never cached.
 */
@ApplicationScoped
@Path("/oauth2/token")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    @Inject
    TokenService tokens;

    @Inject
    JwtConfig jwt;

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @Operation(summary = "Exchange an authorization code (with its PKCE verifier) or a refresh token for tokens")
    @NoStore
    public Response token(String body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                          @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                          @Context HttpServletRequest servlet) {
        ProviderMode.require(jwt);
        try {
            HTTPRequest http = new HTTPRequest(HTTPRequest.Method.POST, URI.create(jwt.issuerBase() + "/oauth2/token"));
            if (contentType != null) {
                http.setContentType(contentType);
            }
            http.setBody(body == null ? "" : body);
            if (authorization != null) {
                http.setAuthorization(authorization);
            }
            TokenRequest request = TokenRequest.parse(http);
            return Response.ok(tokens.answer(request, servlet.getRemoteAddr(), servlet.getHeader("User-Agent"))).build();
        } catch (ParseException malformed) {
            String code = malformed.getErrorObject() == null || malformed.getErrorObject().getCode() == null
                    ? "invalid_request" : malformed.getErrorObject().getCode();
            int status = "invalid_client".equals(code) ? 401 : 400;
            return error(new OAuthError(status, code, malformed.getMessage()));
        } catch (OAuthError refused) {
            return error(refused);
        }
    }

    private static Response error(OAuthError refused) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", refused.error());
        body.put("error_description", refused.getMessage());
        Response.ResponseBuilder answer = Response.status(refused.status()).entity(body);
        if (refused.status() == 401) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"oauth2\"");
        }
        return answer.build();
    }
}
