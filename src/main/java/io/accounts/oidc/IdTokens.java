package io.accounts.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import io.accounts.auth.Session;
import io.accounts.keys.JwtConfig;
import io.accounts.keys.TokenSigner;
import io.accounts.user.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.Set;

/**
 * ID tokens (OpenID Connect Core 2): {@code iss}, {@code sub}, {@code aud} the client, {@code exp}, {@code iat},
 * {@code auth_time}, {@code sid} (the session, which an RP-initiated logout ends), {@code nonce}, {@code at_hash} of
 * the access token issued with it, and the claims of the
 * granted scopes. Signed with the service's keys; the verifier refuses one as a bearer token (its {@code at_hash}).
 */
@ApplicationScoped
public class IdTokens {

    @Inject
    TokenSigner signer;

    @Inject
    JwtConfig config;

    @Inject
    Clock clock;

    String issue(User user, String clientId, String nonce, Session session, String accessToken, Set<String> scopes) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(config.issuer()).subject(user.getId())
                .audience(clientId).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(config.ttl())))
                .claim("auth_time", session.authTime().getEpochSecond()).claim("sid", session.id())
                .claim("at_hash", AccessTokenHash.compute(new BearerAccessToken(accessToken),
                        JWSAlgorithm.parse(config.algorithm().getName())).getValue());
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        claimsOf(user, scopes).forEach(claims::claim);
        return signer.sign(claims.build());
    }

    /** The standard claims of these scopes (userinfo answers the same). */
    static Map<String, Object> claimsOf(User user, Set<String> scopes) {
        Map<String, Object> claims = new java.util.LinkedHashMap<>();
        claims.put("sub", user.getId());
        if (scopes.contains("email")) {
            claims.put("email", user.getEmail());
            claims.put("email_verified", user.isEmailVerified());
        }
        if (scopes.contains("profile")) {
            claims.put("given_name", user.getFirstName());
            claims.put("family_name", user.getLastName());
            claims.put("name", (user.getFirstName() + " " + user.getLastName()).strip());
        }
        return claims;
    }
}
