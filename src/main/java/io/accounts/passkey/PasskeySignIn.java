package io.accounts.passkey;

import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import io.accounts.auth.AuthService;
import io.accounts.auth.TokenPair;
import io.accounts.events.EventType;
import io.accounts.events.SecurityEvents;
import io.accounts.platform.ApiException;
import io.accounts.platform.web.JsonText;
import io.accounts.throttle.ChallengeThrottle;
import io.accounts.throttle.LoginThrottle;
import io.accounts.user.User;
import io.accounts.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Signing in with a passkey: a challenge bound to no one (discoverable credentials); the response names its
 * credential and user handle, both must be ours and agree, the signature and the sign counter must hold. Every
 * failure is the same {@code 401}, counted by the login throttle of the address; the reason goes to the security
 * events only. A success is a full sign-in, as a password and its second factor are.
 */
@ApplicationScoped
public class PasskeySignIn {

    private static final Logger LOG = Logger.getLogger(PasskeySignIn.class.getName());
    static final String REFUSED = "The passkey sign-in failed.";

    @Inject
    PasskeyStore store;

    @Inject
    ChallengeStore challenges;

    @Inject
    PasskeySettings settings;

    @Inject
    UserService users;

    @Inject
    AuthService auth;

    @Inject
    LoginThrottle throttle;

    @Inject
    ChallengeThrottle challengeThrottle;

    @Inject
    SecurityEvents events;

    @Inject
    Clock clock;

    /** {@code PublicKeyCredentialRequestOptionsJSON} for a discoverable credential: no {@code allowCredentials}. */
    public Map<String, Object> signInOptions(String clientAddress) {
        challengeThrottle.take(clientAddress);
        String challenge = challenges.issue(Challenge.Ceremony.SIGN_IN, null, settings.challengeTtl());
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("challenge", challenge);
        options.put("timeout", settings.challengeTtl().toMillis());
        options.put("rpId", settings.rpId());
        options.put("userVerification", "required");
        return options;
    }

    /**
     * Signs in with the browser's {@code AuthenticationResponseJSON}: the same token pair as a password login, a
     * full sign-in (it satisfies a second factor). One {@code 401} for every failure; 429 past the address's
     * failed sign-ins.
     */
    public TokenPair signIn(JsonText body, String clientAddress, String userAgent) {
        LoginThrottle.Attempt attempt;
        try {
            attempt = throttle.beginWithoutAccount(clientAddress);
        } catch (ApiException throttled) {
            events.record(EventType.LOGIN_THROTTLED, null, Map.of("method", "passkey"));
            throw throttled;
        }
        User user;
        try (attempt) {
            try {
                user = verifiedSignIn(body.text());
                auth.requireVerified(user);
            } catch (ApiException notAFailure) {
                attempt.abandoned();
                throw notAFailure;
            } catch (SignInRefused refused) {
                events.record(EventType.LOGIN_ERROR, refused.userId, Map.of("method", "passkey", "reason",
                        refused.reason));
                throw ApiException.unauthenticated(REFUSED);
            }
            attempt.succeeded();
        }
        return auth.signIn(user, clientAddress, userAgent, Map.of("method", "passkey"));
    }

    private User verifiedSignIn(String json) {
        AuthenticationData data;
        String challenge;
        try {
            data = WebAuthn.MANAGER.parseAuthenticationResponseJSON(json);
            challenge = WebAuthn.BASE64URL.encodeToString(data.getCollectedClientData().getChallenge().getValue());
        } catch (RuntimeException malformed) {
            throw new SignInRefused(null, "malformed response");
        }
        if (challenges.redeem(Challenge.Ceremony.SIGN_IN, challenge).isEmpty()) {
            throw new SignInRefused(null, "unknown, expired or used challenge");
        }
        Optional<Passkey> found = Optional.ofNullable(data.getCredentialId()).map(WebAuthn.BASE64URL::encodeToString)
                .flatMap(store::find);
        if (found.isEmpty()) {
            throw new SignInRefused(null, "unknown passkey");
        }
        Passkey passkey = found.get();
        if (data.getUserHandle() == null || !Arrays.equals(data.getUserHandle(), WebAuthn.handle(passkey.userId()))) {
            throw new SignInRefused(passkey.userId(), "user handle of another account");
        }
        CredentialRecordImpl record;
        try {
            record = new CredentialRecordImpl(new NoneAttestationStatement(), true, passkey.backupEligible(),
                    passkey.backedUp(), passkey.signCount(),
                    WebAuthn.CREDENTIALS.convert(Base64.getUrlDecoder().decode(passkey.credential())), null, null, null,
                    passkey.transports().stream().map(AuthenticatorTransport::create).collect(Collectors.toSet()));
        } catch (RuntimeException unreadable) {
            LOG.log(Level.WARNING, "The stored passkey " + passkey.id() + " cannot be read; it signs no one in", unreadable);
            throw new SignInRefused(passkey.userId(), "stored passkey unreadable");
        }
        try {
            WebAuthn.MANAGER.verify(data, new AuthenticationParameters(settings.expecting(challenge), record, null, true, true));
        } catch (MaliciousCounterValueException copied) {
            events.record(EventType.PASSKEY_CLONED, passkey.userId(), Map.of("name", passkey.name()));
            throw new SignInRefused(passkey.userId(), "sign counter went backwards");
        } catch (RuntimeException refused) {
            throw new SignInRefused(passkey.userId(), "signature, origin or flags");
        }
        Instant now = clock.instant();
        if (!store.used(passkey.id(), data.getAuthenticatorData().getSignCount(),
                data.getAuthenticatorData().isFlagBS(), now)) {
            events.record(EventType.PASSKEY_CLONED, passkey.userId(), Map.of("name", passkey.name()));
            throw new SignInRefused(passkey.userId(), "sign counter raced");
        }
        return users.findCurrent(passkey.userId()).orElseThrow(() -> new SignInRefused(null, "account deleted"));
    }

    /** A sign-in that failed: why (for the events), never told to the caller. */
    private static final class SignInRefused extends RuntimeException {
        private final String userId;
        private final String reason;

        SignInRefused(String userId, String reason) {
            super(reason, null, false, false);
            this.userId = userId;
            this.reason = reason;
        }
    }
}
