package io.accounts.auth;

import io.accounts.platform.RandomTokens;
import io.accounts.events.EventType;
import io.accounts.events.SecurityEvents;
import io.accounts.passwords.PasswordHasher;
import io.accounts.platform.ApiException;
import io.accounts.security.BearerToken;
import io.accounts.security.JwtPrincipal;
import io.accounts.security.TokenVerifier;
import io.accounts.throttle.LoginThrottle;
import io.accounts.totp.TotpService;
import io.accounts.user.TokenOwners;
import io.accounts.user.User;
import io.accounts.user.UserPasswords;
import io.accounts.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Login and refresh. A failed login looks the same whether the address exists or not: same answer, and an
 * unknown address still costs one argon2 verification. After the password: a verified address when
 * {@code auth.require-verified-email} says so, and a second factor when the account has one (a wrong code is a
 * failed login for the throttle).
 */
@ApplicationScoped
public class AuthService {

    static final String BAD_CREDENTIALS = "The email or password is incorrect.";
    static final String OTP_REQUIRED = "urn:accounts:problem:otp-required";
    static final String OTP_INVALID = "urn:accounts:problem:otp-invalid";
    static final String EMAIL_NOT_VERIFIED = "urn:accounts:problem:email-not-verified";

    @Inject
    UserService users;

    @Inject
    UserPasswords passwords;

    @Inject
    TokenOwners owners;

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
    TotpService totp;

    @Inject
    SecurityEvents events;

    @Inject
    @ConfigProperty(name = "auth.require-verified-email", defaultValue = "false")
    boolean requireVerifiedEmail;

    @Inject
    Clock clock;

    @Inject
    SecureRandom random;

    /** Checks the password (throttled per account and address) and starts a session. */
    public TokenPair login(Credentials credentials, String clientAddress) {
        return login(credentials, clientAddress, null);
    }

    /** As {@link #login(Credentials, String)}, keeping the client's user agent with the session its owner sees. */
    public TokenPair login(Credentials credentials, String clientAddress, String userAgent) {
        LoginThrottle.Attempt attempt;
        try {
            attempt = throttle.begin(credentials.email(), clientAddress);
        } catch (ApiException throttled) {
            events.record(EventType.LOGIN_THROTTLED, null, Map.of("email", credentials.email()));
            throw throttled;
        }
        User user;
        try (attempt) {
            Optional<User> found = users.findByEmail(credentials.email());
            boolean right;
            try {
                right = found.isPresent() ? hasher.verify(found.get().getPasswordHash(), credentials.password())
                        : dummy(credentials.password());
            } catch (ApiException busy) {
                attempt.abandoned();
                throw busy;
            }
            if (!right) {
                events.record(EventType.LOGIN_ERROR, found.map(User::getId).orElse(null),
                        Map.of("reason", found.isPresent() ? "password" : "unknown email"));
                throw ApiException.unauthenticated(BAD_CREDENTIALS);
            }
            user = found.get();
            try {
                requireVerified(user);
            } catch (ApiException unverified) {
                attempt.abandoned();
                throw unverified;
            }
            if (user.isTotpEnabled()) {
                if (credentials.otp() == null || credentials.otp().isBlank()) {
                    attempt.abandoned();
                    throw ApiException.unauthenticated("A code of the authenticator app (otp) is required.")
                            .typed(OTP_REQUIRED);
                }
                TotpService.Check code;
                try {
                    code = totp.check(user.getId(), credentials.otp());
                } catch (ApiException unavailable) {
                    attempt.abandoned();
                    throw unavailable;
                }
                if (code != TotpService.Check.ACCEPTED) {
                    boolean locked = code == TotpService.Check.LOCKED;
                    events.record(EventType.LOGIN_ERROR, user.getId(), Map.of("reason", locked
                            ? "second factor locked" : "second factor"));
                    throw ApiException.unauthenticated(locked ? "Too many wrong codes: codes are refused for now"
                            + " (the account's owner was told by mail); a recovery code still works."
                            : "The code is not correct or was used already.").typed(OTP_INVALID);
                }
            }
            attempt.succeeded();
        }
        if (hasher.needsRehash(user.getPasswordHash())) {
            passwords.rehash(user, hasher.hash(credentials.password()));
        }
        return signIn(user, clientAddress, userAgent, Map.of("method", "password",
                "second_factor", String.valueOf(user.isTotpEnabled())));
    }

    /**
     * 403 when {@code auth.require-verified-email} is on and the user has not confirmed the address: no sign-in,
     * whatever the proof.
     */
    public void requireVerified(User user) {
        if (requireVerifiedEmail && !user.isEmailVerified()) {
            throw ApiException.forbidden("Confirm your email address first: follow the link of the verification mail.")
                    .typed(EMAIL_NOT_VERIFIED);
        }
    }

    /**
     * Starts a session for a user whose sign-in was proven (a password and its second factor, or a passkey): the
     * token pair, its {@code auth_time} now, and one {@code LOGIN} event with these details ({@code method}).
     */
    public TokenPair signIn(User user, String clientAddress, String userAgent, Map<String, String> details) {
        Session session = new Session(RandomTokens.sessionId(random), clock.instant());
        String refreshToken = refreshTokens.start(user, session, clientAddress, userAgent);
        events.record(EventType.LOGIN, user.getId(), details);
        return TokenPair.of(accessTokens.issue(user, session), refreshToken);
    }

    /** An unknown address costs what a known one does: one argon2 verification, against a dummy hash. */
    private boolean dummy(String password) {
        hasher.verifyDummy(password);
        return false;
    }

    /** Rotates a refresh token: a new pair, or 401 (and the family revoked when the token was reused). */
    public TokenPair rotate(String refreshToken) {
        RefreshTokens.Rotation rotation = refreshTokens.rotate(refreshToken);
        if (rotation.clientId() != null) {
            // an application's refresh token belongs at its token endpoint: here it would mint tokens without aud
            refreshTokens.revokeFamily(rotation.session().id());
            throw ApiException.invalidToken(RefreshTokens.REFUSED);
        }
        if (rotation.repeat() != null) {
            events.record(EventType.REFRESH, rotation.user().getId(), Map.of("repeated", "true"));
            return rotation.repeat();
        }
        events.record(EventType.REFRESH, rotation.user().getId(), Map.of());
        TokenPair pair = TokenPair.of(accessTokens.issue(rotation.user(), rotation.session()), rotation.refreshToken());
        refreshTokens.remember(rotation, pair);
        return pair;
    }

    /** Ends the session of the caller's token: its refresh-token family is revoked. */
    public void logout(JwtPrincipal caller) {
        Object sid = caller.getClaim("sid");
        if (sid instanceof String family) {
            refreshTokens.revokeFamily(family);
        }
        events.record(EventType.LOGOUT, caller.subject(), Map.of());
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
        User user = owners.tokenOwner(principal.subject());
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
