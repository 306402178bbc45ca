package io.accounts.oidc;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenRequest;
import io.accounts.keys.JwtConfig;
import io.accounts.platform.Meters;
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
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@code POST /oauth2/token} (form-encoded): what OAuth clients send and expect, parsed by Nimbus oauth2-oidc-sdk;
 * answers and errors in RFC 6749's JSON (never problem+json), never cached. Timed, and counted by grant and outcome.
 */
@ApplicationScoped
@org.eclipse.microprofile.openapi.annotations.tags.Tag(name = "OpenID Connect")
@Path("/oauth2/token")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    /** The outcomes counted: the token endpoint's errors (RFC 6749 5.2), anything else as invalid_request. */
    private static final Set<String> OUTCOMES = Set.of("success", "invalid_request", "invalid_client", "invalid_grant",
            "unauthorized_client", "unsupported_grant_type", "invalid_scope");

    @Inject
    TokenService tokens;

    @Inject
    JwtConfig jwt;

    @Inject
    MetricRegistry metrics;

    private final Supplier<Timer> timer = Meters.once(() -> metrics.timer(Meters.timer("accounts_oauth2_token",
            "time to answer a request at the OAuth token endpoint")));
    private final Map<String, Counter> counted = new ConcurrentHashMap<>();

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @Operation(operationId = "requestTokens",
            summary = "Exchange an authorization code (with its PKCE verifier) or a refresh token for tokens")
    @NoStore
    public Response token(String body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                          @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                          @Context HttpServletRequest servlet) {
        ProviderMode.require(jwt);
        String grant = "other";
        try (Timer.Context timed = timer.get().time()) {
            TokenRequest request = TokenRequest.parse(OAuthEndpoint.form(URI.create(jwt.issuerBase() + "/oauth2/token"),
                    body, authorization, contentType));
            GrantType type = request.getAuthorizationGrant().getType();
            grant = GrantType.AUTHORIZATION_CODE.equals(type) || GrantType.REFRESH_TOKEN.equals(type)
                    ? type.getValue() : "other";
            Response answer = Response.ok(tokens.answer(request, servlet.getRemoteAddr(),
                    servlet.getHeader("User-Agent"))).build();
            count(grant, "success");
            return answer;
        } catch (ParseException malformed) {
            return refused(grant, OAuthEndpoint.malformed(malformed));
        } catch (OAuthError refused) {
            return refused(grant, refused);
        }
    }

    private Response refused(String grant, OAuthError refused) {
        count(grant, OUTCOMES.contains(refused.error()) ? refused.error() : "invalid_request");
        return OAuthEndpoint.error(refused);
    }

    private void count(String grant, String outcome) {
        counted.computeIfAbsent(grant + " " + outcome, key -> Meters.register(() -> metrics.counter(Meters.described(
                "accounts_oauth2_token_requests", "requests at the OAuth token endpoint by grant type and outcome"),
                new Tag("grant_type", grant), new Tag("outcome", outcome)))).inc();
    }
}
