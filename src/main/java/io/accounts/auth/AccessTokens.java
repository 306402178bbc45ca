package io.accounts.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import io.accounts.keys.JwtConfig;
import io.accounts.keys.TokenSigner;
import io.accounts.platform.ApiException;
import io.accounts.security.JwtPrincipal;
import io.accounts.user.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Mints MicroProfile JWT shaped access tokens: {@code iss, sub, upn, groups, iat, exp, jti}, the tutorial's
 * {@code id, first_name, last_name}, and the session's {@code sid, auth_time}. No token outlives its session.
 */
@ApplicationScoped
public class AccessTokens {

    /** The claim carrying the user's token version at issue time; see {@code User#tokenVersion}. */
    public static final String TOKEN_VERSION = "tv";

    @Inject
    TokenSigner signer;

    @Inject
    JwtConfig config;

    @Inject
    Clock clock;

    /** A signed token for this user and session, or 401 when the session has reached its absolute lifetime. */
    public IssuedToken issue(User user, Session session) {
        return issue(user, session, null, null);
    }

    /**
     * As {@link #issue(User, Session)}, for an application (OpenID Connect): {@code aud} its client id (and
     * {@code jwt.audience} when set), {@code client_id} and {@code scope}.
     */
    public IssuedToken issue(User user, Session session, String clientId, String scope) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant sessionEnd = session.authTime().plus(config.sessionLifetime());
        Instant expiry = now.plus(config.ttl());
        if (expiry.isAfter(sessionEnd)) {
            expiry = sessionEnd;
        }
        if (!expiry.isAfter(now)) {
            throw ApiException.invalidToken("The session has ended; log in again.");
        }
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(config.issuer())
                .subject(user.getId())
                .claim("upn", user.getEmail())
                .claim("email_verified", user.isEmailVerified())
                .claim("groups", user.getRoles())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiry))
                .jwtID(UUID.randomUUID().toString())
                .claim("id", user.getId())
                .claim("first_name", user.getFirstName())
                .claim("last_name", user.getLastName())
                .claim("sid", session.id())
                .claim("auth_time", session.authTime().getEpochSecond())
                .claim(TOKEN_VERSION, user.getTokenVersion());
        if (clientId != null) {
            claims.audience(config.audience().map(a -> List.of(clientId, a)).orElse(List.of(clientId)))
                    .claim("client_id", clientId).claim("scope", scope);
        } else {
            config.audience().ifPresent(claims::audience);
        }
        return new IssuedToken(signer.sign(claims.build()), Duration.between(now, expiry).toSeconds());
    }

    /** The token version a verified token carries (0 for a token without one). */
    static long versionOf(JwtPrincipal principal) {
        Object carried = principal.getClaim(TOKEN_VERSION);
        return carried instanceof Number number ? number.longValue() : 0;
    }

    /** A signed token and its lifetime in seconds, for {@code expires_in}. */
    public record IssuedToken(String token, long expiresIn) {
    }
}
