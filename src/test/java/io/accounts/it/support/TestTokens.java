package io.accounts.it.support;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.accounts.keys.TestKeyRings;
import org.bson.Document;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Mints the tokens the authorizer must tell apart, with the integration server's own active ES256 key (read
 * from the test MongoDB and decrypted with the test key-encryption key): valid, admin, expired, wrong issuer,
 * tampered, foreign key, unknown kid, key URL, {@code alg: none}, and HS256 keyed with the public key.
 */
public final class TestTokens {

    private final String issuer = System.getProperty("it.issuer");

    /** The server's active key, as stored. */
    public static ECKey activeKey() {
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + Integer.getInteger("it.mongo.port"))) {
            Document stored = client.getDatabase("myDB").getCollection("signing_keys")
                    .find(new Document("state", "active")).sort(new Document("activated_at", -1)).first();
            String jwk = TestKeyRings.open(System.getProperty("it.kek"), stored.getString("_id"),
                    stored.getString("private_jwk"));
            return ECKey.parse(jwk);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    public String valid(String userId, String... roles) {
        return sign(claims(userId, roles, Instant.now(), issuer), activeKey(), null, null);
    }

    /**
     * The token the service issued, with its sign-in moved to {@code authTime} and signed again with the server's
     * key: what a thief holds after keeping a stolen session alive by refreshing it (a refresh keeps
     * {@code auth_time}, the subject, roles, session and token version).
     */
    public String signedInAt(String issued, Instant authTime) {
        try {
            JWTClaimsSet claims = SignedJWT.parse(issued).getJWTClaimsSet();
            return sign(new JWTClaimsSet.Builder(claims).claim("auth_time", authTime.getEpochSecond())
                    .jwtID(UUID.randomUUID().toString()).build(), activeKey(), null, null);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public String admin() {
        return valid("0123456789abcdef01234567", "admin", "user");
    }

    public String expired(String userId) {
        return sign(claims(userId, new String[]{"user"}, Instant.now().minusSeconds(3600), issuer), activeKey(), null, null);
    }

    public String wrongIssuer(String userId) {
        return sign(claims(userId, new String[]{"user"}, Instant.now(), "https://evil.example"), activeKey(), null, null);
    }

    /** A valid token whose payload was then changed to claim the admin role. */
    public String tampered(String userId) {
        String[] parts = valid(userId, "user").split("\\.");
        String payload = claims(userId, new String[]{"admin", "user"}, Instant.now(), issuer).toString();
        return parts[0] + "." + Base64URL.encode(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    /** Signed with another P-256 key under the server's key id. */
    public String foreignKey(String userId) {
        try {
            ECKey other = new ECKeyGenerator(Curve.P_256).keyID(activeKey().getKeyID()).generate();
            return sign(claims(userId, new String[]{"user"}, Instant.now(), issuer), other, null, null);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed with the right key but announcing a key id the server does not have. */
    public String unknownKid(String userId) {
        return sign(claims(userId, new String[]{"user"}, Instant.now(), issuer), activeKey(), "nope", null);
    }

    /** Signed with the right key but pointing at a key URL: RFC 8725 says never follow it. */
    public String withJku(String userId) {
        return sign(claims(userId, new String[]{"user"}, Instant.now(), issuer), activeKey(), null,
                URI.create("https://evil.example/jwks.json"));
    }

    /** The algorithm-confusion attack: HS256 with the published public key as the HMAC secret. */
    public String hmacWithPublicKey(String userId) {
        ECKey key = activeKey();
        try {
            JWSSigner signer = new MACSigner(key.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8));
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT)
                    .keyID(key.getKeyID()).build();
            SignedJWT jwt = new SignedJWT(header, claims(userId, new String[]{"admin"}, Instant.now(), issuer));
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none}: a header and payload with an empty signature. */
    public String unsigned(String userId) {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)).toString();
        String payload = Base64URL.encode(claims(userId, new String[]{"admin"}, Instant.now(), issuer)
                .toString().getBytes(StandardCharsets.UTF_8)).toString();
        return header + "." + payload + ".";
    }

    private static JWTClaimsSet claims(String userId, String[] roles, Instant issuedAt, String issuer) {
        return new JWTClaimsSet.Builder().issuer(issuer).subject(userId).claim("upn", userId + "@example.com")
                .claim("groups", List.of(roles)).issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plusSeconds(300))).jwtID(UUID.randomUUID().toString())
                .claim("sid", "test-session").claim("auth_time", issuedAt.getEpochSecond()).build();
    }

    private static String sign(JWTClaimsSet claims, ECKey key, String kid, URI jku) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .keyID(kid != null ? kid : key.getKeyID()).jwkURL(jku).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
