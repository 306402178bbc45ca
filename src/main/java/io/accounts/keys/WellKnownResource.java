package io.accounts.keys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Discovery for token consumers: the public keys (JWKS) and an OpenID-style configuration naming them. Every URL
 * comes from {@code jwt.issuer}, never from the request's {@code Host}, so no client can make a cache or a verifier
 * store another address for our keys.
 */
@ApplicationScoped
@Tag(name = "Keys")
@Path("/.well-known")
@Produces(MediaType.APPLICATION_JSON)
public class WellKnownResource {

    @Inject
    KeyRing keys;

    @Inject
    JwtConfig config;

    /** How long verifiers may cache the JWKS; a new key is published at least this long before it signs. */
    @Inject
    @ConfigProperty(name = "jwt.jwks-max-age-seconds", defaultValue = "60")
    int maxAgeSeconds;

    @GET
    @Path("jwks.json")
    @Operation(operationId = "getJwks", summary = "The public keys that verify access tokens (empty in HS256 mode)")
    public Response jwks() {
        return Response.ok(new JWKSet(keys.publicJwks()).toString(true))
                .header(HttpHeaders.CACHE_CONTROL, "max-age=" + maxAgeSeconds).build();
    }

    @GET
    @Path("openid-configuration")
    @Operation(operationId = "getOpenIdConfiguration",
            summary = "The provider's endpoints, keys, algorithms, scopes and claims (OpenID Connect Discovery)")
    public Map<String, Object> configuration() {
        String base = config.issuerBase();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", config.issuer());
        document.put("jwks_uri", base + "/.well-known/jwks.json");
        document.put("id_token_signing_alg_values_supported", List.of(config.algorithm().getName()));
        if (config.algorithm().equals(JWSAlgorithm.HS256)) {
            // no OpenID Connect provider on a shared secret: the tutorial's login is the only token endpoint
            document.put("token_endpoint", base + "/user/login");
            document.put("token_endpoint_auth_methods_supported", List.of("none"));
            document.put("grant_types_supported", List.of("password", "refresh_token"));
            return document;
        }
        document.put("authorization_endpoint", base + "/oauth2/authorize");
        document.put("token_endpoint", base + "/oauth2/token");
        document.put("userinfo_endpoint", base + "/oauth2/userinfo");
        document.put("revocation_endpoint", base + "/oauth2/revoke");
        document.put("introspection_endpoint", base + "/oauth2/introspect");
        document.put("end_session_endpoint", base + "/oauth2/logout");
        document.put("response_types_supported", List.of("code"));
        document.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
        document.put("code_challenge_methods_supported", List.of("S256"));
        document.put("scopes_supported", List.of("openid", "email", "profile"));
        document.put("claims_supported", List.of("sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "at_hash",
                "sid", "email", "email_verified", "given_name", "family_name", "name"));
        document.put("subject_types_supported", List.of("public"));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post",
                "none"));
        document.put("revocation_endpoint_auth_methods_supported", List.of("client_secret_basic",
                "client_secret_post", "none"));
        document.put("introspection_endpoint_auth_methods_supported", List.of("client_secret_basic",
                "client_secret_post"));
        document.put("authorization_response_iss_parameter_supported", true);
        return document;
    }
}
