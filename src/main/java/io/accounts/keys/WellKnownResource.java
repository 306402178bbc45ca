package io.accounts.keys;

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

import java.util.List;
import java.util.Map;

/**
 * Discovery for token consumers: the public keys (JWKS) and an OpenID-style configuration naming them. Every URL
 * comes from {@code jwt.issuer}, never from the request's {@code Host}, so no client can make a cache or a verifier
 * store another address for our keys.
 */
@ApplicationScoped
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
    @Operation(summary = "The public keys that verify access tokens (empty in HS256 mode)")
    public Response jwks() {
        return Response.ok(new JWKSet(keys.publicJwks()).toString(true))
                .header(HttpHeaders.CACHE_CONTROL, "max-age=" + maxAgeSeconds).build();
    }

    @GET
    @Path("openid-configuration")
    @Operation(summary = "Issuer, JWKS URL, token endpoint and signing algorithm")
    public Map<String, Object> configuration() {
        String base = config.issuerBase();
        return Map.of("issuer", config.issuer(),
                "jwks_uri", base + "/.well-known/jwks.json",
                "token_endpoint", base + "/user/login",
                "id_token_signing_alg_values_supported", List.of(config.algorithm().getName()),
                "token_endpoint_auth_methods_supported", List.of("none"),
                "grant_types_supported", List.of("password", "refresh_token"));
    }
}
