package io.accounts.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.accounts.auth.KeyRing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Mints the tokens the authorizer must tell apart, with the integration server's test secret: valid, admin,
 * expired, wrong issuer, tampered, signed by a foreign key, unsigned, and carrying a key URL.
 */
public final class TestTokens {

    private final byte[] secret = System.getProperty("it.secret").getBytes(StandardCharsets.UTF_8);
    private final String issuer = System.getProperty("it.issuer");

    public String valid(String userId, String... roles) {
        return sign(claims(userId, roles, Instant.now(), issuer).build(), secret, KeyRing.hmacKid(secret), null);
    }

    public String admin() {
        return valid("0123456789abcdef01234567", "admin", "user");
    }

    public String expired(String userId) {
        return sign(claims(userId, new String[]{"user"}, Instant.now().minusSeconds(3600), issuer).build(),
                secret, KeyRing.hmacKid(secret), null);
    }

    public String wrongIssuer(String userId) {
        return sign(claims(userId, new String[]{"user"}, Instant.now(), "https://evil.example").build(),
                secret, KeyRing.hmacKid(secret), null);
    }

    /** A valid token whose payload was then changed to claim the admin role. */
    public String tampered(String userId) {
        String[] parts = valid(userId, "user").split("\\.");
        String payload = claims(userId, new String[]{"admin", "user"}, Instant.now(), issuer).build().toString();
        return parts[0] + "." + Base64URL.encode(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    /** Signed with another secret under the server's key id. */
    public String foreignKey(String userId) {
        byte[] other = "another secret of thirty-two bytes or more!".getBytes(StandardCharsets.UTF_8);
        return sign(claims(userId, new String[]{"user"}, Instant.now(), issuer).build(), other,
                KeyRing.hmacKid(secret), null);
    }

    /** Signed with the right secret but announcing a key id the server does not have. */
    public String unknownKid(String userId) {
        return sign(claims(userId, new String[]{"user"}, Instant.now(), issuer).build(), secret, "nope", null);
    }

    /** Signed with the right secret but pointing at a key URL: RFC 8725 says never follow it. */
    public String withJku(String userId) {
        return sign(claims(userId, new String[]{"user"}, Instant.now(), issuer).build(), secret,
                KeyRing.hmacKid(secret), URI.create("https://evil.example/jwks.json"));
    }

    /** {@code alg: none}: a header and payload with an empty signature. */
    public String unsigned(String userId) {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)).toString();
        String payload = Base64URL.encode(claims(userId, new String[]{"admin"}, Instant.now(), issuer).build()
                .toString().getBytes(StandardCharsets.UTF_8)).toString();
        return header + "." + payload + ".";
    }

    private static JWTClaimsSet.Builder claims(String userId, String[] roles, Instant issuedAt, String issuer) {
        return new JWTClaimsSet.Builder().issuer(issuer).subject(userId).claim("upn", userId + "@example.com")
                .claim("groups", List.of(roles)).issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plusSeconds(300))).jwtID(UUID.randomUUID().toString())
                .claim("sid", "test-session").claim("auth_time", issuedAt.getEpochSecond());
    }

    private static String sign(JWTClaimsSet claims, byte[] key, String kid, URI jku) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).keyID(kid)
                .jwkURL(jku).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
