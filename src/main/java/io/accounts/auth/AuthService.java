package io.accounts.auth;

import io.accounts.passwords.PasswordHasher;
import io.accounts.platform.ApiException;
import io.accounts.security.BearerToken;
import io.accounts.security.JwtPrincipal;
import io.accounts.security.TokenVerifier;
import io.accounts.throttle.LoginThrottle;
import io.accounts.user.User;
import io.accounts.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Login and refresh. A failed login looks the same whether the address exists or not: same answer, and an
 * unknown address still costs one argon2 verification.
 */
@ApplicationScoped
public class AuthService {

    static final String BAD_CREDENTIALS = "The email or password is incorrect.";

    @Inject
    UserService users;

    @Inject
    PasswordHasher hasher;

    @Inject
    AccessTokens accessTokens;

    @Inject
    TokenVerifier verifier;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    LoginThrottle throttle;

    @Inject
    Clock clock;

    @Inject
    SecureRandom random;

    /** Checks the password (throttled per account and address) and starts a session. */
    public TokenPair login(Credentials credentials, String clientAddress) {
        LoginThrottle.Attempt attempt = throttle.begin(credentials.email(), clientAddress);
        User user;
        try {
            user = authenticate(credentials);
        } catch (ApiException e) {
            if (e.status() != 401) {
                throttle.abandoned(attempt);
            }
            throw e;
        }
        throttle.succeeded(attempt);
        if (hasher.needsRehash(user.getPasswordHash())) {
            users.rehash(user, hasher.hash(credentials.password()));
        }
        Session session = new Session(RandomTokens.sessionId(random), clock.instant());
        String refreshToken = refreshTokens.start(user, session);
        return TokenPair.of(accessTokens.issue(user, session), refreshToken);
    }

    /** The user whose password this is; one identical 401 for an unknown address and a wrong password. */
    private User authenticate(Credentials credentials) {
        Optional<User> found = users.findByEmail(credentials.email());
        if (found.isEmpty()) {
            hasher.verifyDummy(credentials.password());
            throw ApiException.unauthenticated(BAD_CREDENTIALS);
        }
        if (!hasher.verify(found.get().getPasswordHash(), credentials.password())) {
            throw ApiException.unauthenticated(BAD_CREDENTIALS);
        }
        return found.get();
    }

    /** Rotates a refresh token: a new pair, or 401 (and the family revoked when the token was reused). */
    public TokenPair rotate(String refreshToken) {
        RefreshTokens.Rotation rotation = refreshTokens.rotate(refreshToken);
        return TokenPair.of(accessTokens.issue(rotation.user(), rotation.session()), rotation.refreshToken());
    }

    /** Ends the session of the caller's token: its refresh-token family is revoked. */
    public void logout(JwtPrincipal caller) {
        Object sid = caller.getClaim("sid");
        if (sid instanceof String family) {
            refreshTokens.revokeFamily(family);
        }
    }

    /** The tutorial's refresh: the unexpired access token in the body and in {@code Authorization}. */
    public TokenPair refreshAccessToken(String bodyToken, String authorization) {
        if (bodyToken == null) {
            throw ApiException.invalidField("token", "must not be null");
        }
        String headerToken = BearerToken.from(authorization);
        if (headerToken == null) {
            throw ApiException.unauthenticated("The access token must also be sent in Authorization.");
        }
        if (!headerToken.equals(bodyToken.strip())) {
            throw ApiException.invalidToken("The token in the body and in Authorization differ.");
        }
        JwtPrincipal principal = verifier.verify(headerToken);
        User user = users.tokenOwner(principal.subject());
        Object sid = principal.getClaim("sid");
        Object authTime = principal.getClaim("auth_time");
        if (!(sid instanceof String id) || !(authTime instanceof Number seconds)) {
            throw ApiException.invalidToken("The access token has no session.");
        }
        if (!refreshTokens.isActive(id)) {
            throw ApiException.invalidToken("The session of this token has ended; log in again.");
        }
        Session session = new Session(id, Instant.ofEpochSecond(seconds.longValue()));
        return TokenPair.of(accessTokens.issue(user, session), null);
    }
}
