package io.accounts.security;

import io.accounts.platform.Meters;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.accounts.platform.ApiException;
import io.accounts.keys.JwtConfig;
import io.accounts.keys.KeyRing;
import io.accounts.keys.SigningKey;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * RFC 8725 verification: size first, then the header (explicit {@code typ}, the configured algorithm only, a
 * known {@code kid}, no key-carrying headers), the signature, and last the claims, with a bounded clock skew.
 */
@ApplicationScoped
public class JwsTokenVerifier implements TokenVerifier {

    @Inject
    KeyRing keys;

    @Inject
    JwtConfig config;

    @Inject
    Clock clock;

    @Inject
    Revocations revocations;

    @Override
    public JwtPrincipal verify(String token) {
        if (token == null || token.isBlank()) {
            throw ApiException.invalidToken("The access token is missing.");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw ApiException.invalidToken("The access token is too large.");
        }
        Verified known = verified.getIfPresent(token);
        if (known != null && keys.find(known.kid()).isPresent()) {
            checkClaims(known.principal().claims());
            revocations.check(known.principal());
            return known.principal();
        }
        return verifyFully(token);
    }

    /** The whole verification, without the cache of verified tokens. */
    JwtPrincipal verifyFully(String token) {
        SignedJWT jwt = signed(token);
        JWTClaimsSet claims = claimsOf(jwt);
        checkClaims(claims);
        JwtPrincipal principal = new JwtPrincipal(token, claims);
        revocations.check(principal);
        verified.put(token, new Verified(principal, jwt.getHeader().getKeyID()));
        return principal;
    }

    /**
     * An ID token this service signed, for its issuer, expired or not: what an RP-initiated logout names as
     * {@code id_token_hint} (OpenID Connect RP-Initiated Logout 1.0, 2). Its claims, or the 401 exception.
     */
    public JWTClaimsSet verifyIdTokenHint(String token) {
        if (token == null || token.length() > MAX_TOKEN_CHARS) {
            throw ApiException.invalidToken("The ID token is missing or too large.");
        }
        JWTClaimsSet claims = claimsOf(signed(token));
        if (!config.issuer().equals(claims.getIssuer()) || claims.getClaim("at_hash") == null
                || claims.getSubject() == null) {
            throw ApiException.invalidToken("This is not an ID token of this issuer.");
        }
        return claims;
    }

    /** The token parsed, with a header this service accepts and a signature its key verifies. */
    private SignedJWT signed(String token) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException | IllegalArgumentException e) {
            throw ApiException.invalidToken("The access token is malformed.");
        }
        SigningKey key = checkHeader(jwt.getHeader());
        try {
            if (!jwt.verify(key.verifier())) {
                throw ApiException.invalidToken("The access token signature is invalid.");
            }
        } catch (JOSEException e) {
            throw ApiException.invalidToken("The access token signature is invalid.");
        }
        return jwt;
    }

    private static JWTClaimsSet claimsOf(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw ApiException.invalidToken("The access token is malformed.");
        }
    }

    /**
     * Tokens whose signature this node has verified: a client sends the same token for its whole lifetime, and
     * the signature of the same string is the same. A hit still checks that its key verifies, the time claims,
     * and revocation, so it answers exactly what a full verification would.
     */
    private final Cache<String, Verified> verified = Caffeine.newBuilder().maximumSize(5_000)
            .expireAfterWrite(Duration.ofMinutes(10)).recordStats().build();

    @Inject
    MetricRegistry metrics;

    @PostConstruct
    void registerMetrics() {
        Meters.register(() -> metrics.gauge(Meters.described("accounts_token_cache_hit_ratio",
                "share of token verifications answered from this node's cache"), verified, c -> c.stats().hitRate()));
    }

    /** A verified token and the key that verified it. */
    private record Verified(JwtPrincipal principal, String kid) {
    }

    private SigningKey checkHeader(JWSHeader header) {
        if (!JOSEObjectType.JWT.equals(header.getType())) {
            throw ApiException.invalidToken("The access token must have typ JWT.");
        }
        if (header.getJWKURL() != null || header.getJWK() != null || header.getX509CertURL() != null
                || header.getX509CertChain() != null || header.getCriticalParams() != null) {
            throw ApiException.invalidToken("The access token carries key headers this service does not accept.");
        }
        SigningKey key = keys.find(header.getKeyID())
                .orElseThrow(() -> ApiException.invalidToken("The access token was signed by an unknown key."));
        if (!key.algorithm().equals(header.getAlgorithm())) {
            throw ApiException.invalidToken("The access token algorithm is not accepted.");
        }
        return key;
    }

    private void checkClaims(JWTClaimsSet claims) {
        Instant now = clock.instant();
        long skew = config.skew().toMillis();
        if (!config.issuer().equals(claims.getIssuer())) {
            throw ApiException.invalidToken("The access token issuer is not accepted.");
        }
        if (config.audience().isPresent() && !claims.getAudience().contains(config.audience().get())) {
            throw ApiException.invalidToken("The access token audience is not accepted.");
        }
        if (claims.getClaim("at_hash") != null || claims.getClaim("nonce") != null) {
            // the same keys sign ID tokens for applications; one is never a bearer token here (token confusion)
            throw ApiException.invalidToken("An ID token is not an access token.");
        }
        if (claims.getSubject() == null || claims.getExpirationTime() == null || claims.getIssueTime() == null) {
            throw ApiException.invalidToken("The access token lacks sub, exp or iat.");
        }
        if (!now.isBefore(plus(claims.getExpirationTime(), skew))) {
            throw ApiException.invalidToken("The access token has expired.");
        }
        if (claims.getNotBeforeTime() != null && now.isBefore(plus(claims.getNotBeforeTime(), -skew))) {
            throw ApiException.invalidToken("The access token is not valid yet.");
        }
        if (now.isBefore(plus(claims.getIssueTime(), -skew))) {
            throw ApiException.invalidToken("The access token was issued in the future.");
        }
    }

    private static Instant plus(Date date, long millis) {
        return date.toInstant().plusMillis(millis);
    }
}
