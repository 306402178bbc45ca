package io.accounts.auth;

import java.time.ZoneId;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import io.accounts.keys.JwtConfig;
import io.accounts.keys.KeyRing;
import io.accounts.keys.TestKeyRings;
import io.accounts.platform.ApiException;
import io.accounts.security.JwsTokenVerifier;
import io.accounts.security.JwtPrincipal;
import io.accounts.security.Revocations;
import io.accounts.security.TestVerifiers;
import io.accounts.security.TokenVerifier;
import io.accounts.user.User;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signing and verification of access tokens, with a fixed clock. */
class TokenRoundTripTest {

    static final byte[] SECRET = "unit-test-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8);
    static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    static JwtConfig config() {
        return config("https://issuer.example", SECRET, Optional.empty());
    }

    static JwtConfig config(String issuer, byte[] secret, Optional<String> audience) {
        return new JwtConfig(JWSAlgorithm.HS256, Optional.of(secret), issuer, audience, Duration.ofSeconds(300),
                Duration.ofSeconds(30), Duration.ofHours(24));
    }

    /** A ring with the configuration it was made from. */
    record Ring(KeyRing keys, JwtConfig config) {
    }

    static Ring ring(JwtConfig config) {
        return new Ring(TestKeyRings.hs256(config), config);
    }

    static AccessTokens tokens(Ring ring, Clock clock) {
        AccessTokens tokens = new AccessTokens();
        tokens.signer = TestKeyRings.signer(ring.keys());
        tokens.config = ring.config();
        tokens.clock = clock;
        return tokens;
    }

    static JwsTokenVerifier verifier(Ring ring, Clock clock) {
        return verifier(ring, clock, principal -> { });
    }

    static JwsTokenVerifier verifier(Ring ring, Clock clock, Revocations revocations) {
        return TestVerifiers.of(ring.keys(), ring.config(), clock, revocations);
    }

    static User user() {
        User user = new User("Ada", "Lovelace", "ada@example.com", "hash", List.of("user"), NOW);
        user.setId("0123456789abcdef01234567");
        return user;
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    @Test
    void aTokenCarriesTheMicroProfileClaimsAndVerifies() throws Exception {
        Ring ring = ring(config());
        AccessTokens.IssuedToken issued = tokens(ring, at(NOW)).issue(user(), new Session("s1", NOW));
        assertEquals(300, issued.expiresIn());
        SignedJWT jwt = SignedJWT.parse(issued.token());
        assertEquals(JWSAlgorithm.HS256, jwt.getHeader().getAlgorithm());
        assertEquals("JWT", jwt.getHeader().getType().getType());
        assertEquals(ring.keys().active().kid(), jwt.getHeader().getKeyID());

        JwtPrincipal principal = verifier(ring, at(NOW.plusSeconds(10))).verify(issued.token());
        assertEquals("ada@example.com", principal.getName());
        assertEquals("0123456789abcdef01234567", principal.getSubject());
        assertEquals(Set.of("user"), principal.getGroups());
        assertEquals("https://issuer.example", principal.getIssuer());
        assertEquals(NOW.plusSeconds(300).getEpochSecond(), principal.getExpirationTime());
        assertEquals("Ada", principal.getClaim("first_name"));
        assertEquals("s1", principal.getClaim("sid"));
        assertEquals(issued.token(), principal.getRawToken());
        assertTrue(principal.getTokenID() != null);
    }

    @Test
    void expiryAndIssueTimeAreCheckedWithTheSkew() {
        Ring ring = ring(config());
        String token = tokens(ring, at(NOW)).issue(user(), new Session("s1", NOW)).token();
        verifier(ring, at(NOW.plusSeconds(300 + 29))).verify(token);
        ApiException expired = assertThrows(ApiException.class,
                () -> verifier(ring, at(NOW.plusSeconds(300 + 30))).verify(token));
        assertEquals(401, expired.status());
        verifier(ring, at(NOW.minusSeconds(29))).verify(token);
        assertThrows(ApiException.class, () -> verifier(ring, at(NOW.minusSeconds(31))).verify(token));
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aTokenVerifiedBeforeIsStillCheckedForExpiryAndRevocation() {
        Ring ring = ring(config());
        String token = tokens(ring, at(NOW)).issue(user(), new Session("s1", NOW)).token();
        MovableClock clock = new MovableClock(NOW);
        AtomicBoolean revoked = new AtomicBoolean();
        JwsTokenVerifier verifier = verifier(ring, clock, principal -> {
            if (revoked.get()) {
                throw ApiException.invalidToken("revoked");
            }
        });
        verifier.verify(token);
        verifier.verify(token);
        revoked.set(true);
        assertThrows(ApiException.class, () -> verifier.verify(token), "revocation is checked on every use");
        revoked.set(false);
        clock.now = NOW.plusSeconds(400);
        assertThrows(ApiException.class, () -> verifier.verify(token), "so is expiry");
    }

    @Test
    void noTokenOutlivesItsSession() {
        Ring ring = ring(config());
        Instant login = NOW.minus(Duration.ofHours(24)).plusSeconds(100);
        AccessTokens.IssuedToken issued = tokens(ring, at(NOW)).issue(user(), new Session("s1", login));
        assertEquals(100, issued.expiresIn());
        ApiException ended = assertThrows(ApiException.class,
                () -> tokens(ring, at(NOW.plusSeconds(100))).issue(user(), new Session("s1", login)));
        assertEquals(401, ended.status());
    }

    @Test
    void anotherIssuerSecretOrMangledTokenIsRefused() {
        Ring ring = ring(config());
        String token = tokens(ring, at(NOW)).issue(user(), new Session("s1", NOW)).token();
        JwtConfig otherIssuer = config("https://other.example", SECRET, Optional.empty());
        assertThrows(ApiException.class, () -> verifier(new Ring(ring.keys(), otherIssuer), at(NOW)).verify(token));
        JwtConfig otherSecret = config("https://issuer.example",
                "another-unit-test-secret-32-bytes-long".getBytes(StandardCharsets.UTF_8), Optional.empty());
        assertThrows(ApiException.class, () -> verifier(ring(otherSecret), at(NOW)).verify(token));
        JwsTokenVerifier verifier = verifier(ring, at(NOW));
        for (String bad : List.of("", "a.b.c", token.substring(0, token.length() - 2),
                token.replace('.', '!'), "x".repeat(TokenVerifier.MAX_TOKEN_CHARS + 1))) {
            assertEquals(401, assertThrows(ApiException.class, () -> verifier.verify(bad)).status(), bad);
        }
    }

    @Test
    void withoutASecretTheRingMakesARandomKey() {
        JwtConfig none = new JwtConfig(JWSAlgorithm.HS256, Optional.empty(), "https://issuer.example",
                Optional.empty(), Duration.ofSeconds(300), Duration.ofSeconds(30), Duration.ofHours(24));
        Ring first = ring(none);
        Ring second = ring(none);
        String token = tokens(first, at(NOW)).issue(user(), new Session("s1", NOW)).token();
        verifier(first, at(NOW)).verify(token);
        assertThrows(ApiException.class, () -> verifier(second, at(NOW)).verify(token));
        assertTrue(first.keys().publicJwks().isEmpty(), "an HS256 secret is never published");
    }

    @Test
    void withAnAudienceTokensCarryItAndVerificationRequiresIt() throws Exception {
        Ring withAudience = ring(config("https://issuer.example", SECRET, Optional.of("orders-api")));
        String token = tokens(withAudience, at(NOW)).issue(user(), new Session("s1", NOW)).token();
        assertEquals(List.of("orders-api"), SignedJWT.parse(token).getJWTClaimsSet().getAudience());
        verifier(withAudience, at(NOW)).verify(token);
        String without = tokens(ring(config()), at(NOW)).issue(user(), new Session("s1", NOW)).token();
        ApiException refused = assertThrows(ApiException.class, () -> verifier(withAudience, at(NOW)).verify(without));
        assertEquals("The access token audience is not accepted.", refused.getMessage());
    }
}
