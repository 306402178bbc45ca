package io.accounts.passkey;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import io.accounts.auth.AuthService;
import io.accounts.auth.TokenPair;
import io.accounts.events.EventType;
import io.accounts.events.SecurityEvents;
import io.accounts.keys.PublicUrl;
import io.accounts.mail.Mail;
import io.accounts.mail.Mailer;
import io.accounts.platform.ApiException;
import io.accounts.platform.web.JsonText;
import io.accounts.throttle.ChallengeThrottle;
import io.accounts.throttle.LoginThrottle;
import io.accounts.user.User;
import io.accounts.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The rules of passkeys. Registration: a challenge bound to the signed-in user, then the authenticator's response
 * checked by webauthn4j against that challenge, the relying party and its origins, user verification required, ES256
 * or RS256 only, attestation {@code none} accepted. Sign-in: a challenge bound to no one (discoverable credentials);
 * the response names its credential and user handle, both must be ours and agree, the signature and the sign counter
 * must hold. Every sign-in failure is the same {@code 401}, counted by the login throttle of the address; the reason
 * goes to the security events only.
 */
@ApplicationScoped
public class PasskeyService {

    private static final Logger LOG = Logger.getLogger(PasskeyService.class.getName());
    static final String REFUSED = "The passkey sign-in failed.";
    static final String BAD_CEREMONY = "The passkey registration could not be verified, or was finished already;"
            + " start again.";
    static final int NAME_MAX = 64;
    private static final ObjectConverter JSON_AND_CBOR = new ObjectConverter();
    private static final WebAuthnManager WEBAUTHN = WebAuthnManager.createNonStrictWebAuthnManager(JSON_AND_CBOR);
    private static final AttestedCredentialDataConverter CREDENTIALS = new AttestedCredentialDataConverter(JSON_AND_CBOR);
    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

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

    @Inject
    Mailer mailer;

    @Inject
    PublicUrl publicUrl;

    /** {@code PublicKeyCredentialCreationOptionsJSON} for a new passkey of this user (WebAuthn Level 3). */
    public Map<String, Object> registrationOptions(String userId) {
        User user = users.require(userId);
        String challenge = challenges.issue(Challenge.Ceremony.REGISTRATION, user.getId(), settings.challengeTtl());
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("rp", Map.of("id", settings.rpId(), "name", settings.rpName()));
        options.put("user", Map.of("id", BASE64URL.encodeToString(handle(user.getId())), "name", user.getEmail(),
                "displayName", (user.getFirstName() + " " + user.getLastName()).strip()));
        options.put("challenge", challenge);
        options.put("pubKeyCredParams", ALGORITHMS.stream().map(p -> Map.of("type", "public-key", "alg",
                p.getAlg().getValue())).toList());
        options.put("timeout", settings.challengeTtl().toMillis());
        options.put("excludeCredentials", store.of(user.getId()).stream().map(PasskeyService::descriptor).toList());
        options.put("authenticatorSelection", Map.of("residentKey", "required", "requireResidentKey", true,
                "userVerification", "required"));
        options.put("attestation", "none");
        return options;
    }

    /**
     * Verifies the browser's {@code RegistrationResponseJSON} against the user's unused challenge and keeps the
     * passkey; 400 for anything that does not verify (the challenge is used either way), 409 when the credential is
     * registered already.
     */
    public PasskeyView register(String userId, JsonText body) {
        User user = users.require(userId);
        String name = body.string("name").map(String::strip).filter(n -> !n.isEmpty())
                .orElse("Passkey added " + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        if (name.length() > NAME_MAX) {
            throw ApiException.invalidField("name", "size must be between 0 and " + NAME_MAX);
        }
        RegistrationData data;
        String challenge;
        try {
            data = WEBAUTHN.parseRegistrationResponseJSON(body.text());
            challenge = BASE64URL.encodeToString(data.getCollectedClientData().getChallenge().getValue());
        } catch (RuntimeException malformed) {
            throw ApiException.badRequest(BAD_CEREMONY);
        }
        if (!challenges.redeem(Challenge.Ceremony.REGISTRATION, challenge).filter(user.getId()::equals).isPresent()) {
            throw ApiException.badRequest(BAD_CEREMONY);
        }
        try {
            WEBAUTHN.verify(data, new RegistrationParameters(settings.expecting(challenge), ALGORITHMS, true, true));
        } catch (RuntimeException refused) {
            throw ApiException.badRequest(BAD_CEREMONY);
        }
        AuthenticatorData<?> authenticator = data.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData credential = authenticator.getAttestedCredentialData();
        Set<AuthenticatorTransport> transports = data.getTransports() == null ? Set.of() : data.getTransports();
        Passkey passkey = new Passkey(BASE64URL.encodeToString(credential.getCredentialId()), user.getId(), name,
                BASE64URL.encodeToString(CREDENTIALS.convert(credential)), authenticator.getSignCount(),
                authenticator.isFlagBE(), authenticator.isFlagBS(),
                transports.isEmpty() ? null : transports.stream().map(AuthenticatorTransport::getValue).sorted().toList(),
                clock.instant(), null);
        if (!store.insert(passkey)) {
            throw ApiException.conflict("This passkey is registered already.");
        }
        events.record(EventType.PASSKEY_ADDED, user.getId(), Map.of("name", name));
        mailer.send(addedNotice(user, passkey));
        return PasskeyView.of(passkey);
    }

    /**
     * The mail to the account's address when a passkey is added: a passkey signs in without the password, so one a
     * thief adds must not go unnoticed.
     */
    private Mail addedNotice(User user, Passkey passkey) {
        return new Mail(user.getEmail(), "A passkey was added to your account", "A passkey named \"" + passkey.name()
                + "\" was added to the account " + user.getEmail() + " at " + passkey.createdAt() + " (UTC). It signs"
                + " in without the password or a code.\n\nIf you did not add it, someone else is in your account: sign"
                + " in at " + publicUrl.base() + "/account/, remove the passkey and change your password.\n",
                "passkey added");
    }

    /** The user's passkeys, oldest first. */
    public List<PasskeyView> list(String userId) {
        return store.of(users.require(userId).getId()).stream().map(PasskeyView::of).toList();
    }

    /** Removes one of the user's passkeys (by its owner or an admin); 404 when the user has none with this id. */
    public void remove(String userId, String passkeyId, boolean byAdmin) {
        User user = users.require(userId);
        if (!store.delete(user.getId(), passkeyId)) {
            throw ApiException.notFound("This user has no passkey with this id.");
        }
        events.record(EventType.PASSKEY_REMOVED, user.getId(), Map.of("by", byAdmin ? "admin" : "owner"));
    }

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
        try {
            user = verifiedSignIn(body.text());
            auth.requireVerified(user);
        } catch (ApiException notAFailure) {
            throttle.abandoned(attempt);
            throw notAFailure;
        } catch (SignInRefused refused) {
            events.record(EventType.LOGIN_ERROR, refused.userId, Map.of("method", "passkey", "reason", refused.reason));
            throw ApiException.unauthenticated(REFUSED);
        }
        throttle.succeeded(attempt);
        return auth.signIn(user, clientAddress, userAgent, Map.of("method", "passkey"));
    }

    private User verifiedSignIn(String json) {
        AuthenticationData data;
        String challenge;
        try {
            data = WEBAUTHN.parseAuthenticationResponseJSON(json);
            challenge = BASE64URL.encodeToString(data.getCollectedClientData().getChallenge().getValue());
        } catch (RuntimeException malformed) {
            throw new SignInRefused(null, "malformed response");
        }
        if (challenges.redeem(Challenge.Ceremony.SIGN_IN, challenge).isEmpty()) {
            throw new SignInRefused(null, "unknown, expired or used challenge");
        }
        Optional<Passkey> found = Optional.ofNullable(data.getCredentialId()).map(BASE64URL::encodeToString)
                .flatMap(store::find);
        if (found.isEmpty()) {
            throw new SignInRefused(null, "unknown passkey");
        }
        Passkey passkey = found.get();
        if (data.getUserHandle() == null || !Arrays.equals(data.getUserHandle(), handle(passkey.userId()))) {
            throw new SignInRefused(passkey.userId(), "user handle of another account");
        }
        CredentialRecordImpl record;
        try {
            record = new CredentialRecordImpl(new NoneAttestationStatement(), true, passkey.backupEligible(),
                    passkey.backedUp(), passkey.signCount(),
                    CREDENTIALS.convert(Base64.getUrlDecoder().decode(passkey.credential())), null, null, null,
                    passkey.transports().stream().map(AuthenticatorTransport::create).collect(Collectors.toSet()));
        } catch (RuntimeException unreadable) {
            LOG.log(Level.WARNING, "The stored passkey " + passkey.id() + " cannot be read; it signs no one in", unreadable);
            throw new SignInRefused(passkey.userId(), "stored passkey unreadable");
        }
        try {
            WEBAUTHN.verify(data, new AuthenticationParameters(settings.expecting(challenge), record, null, true, true));
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

    /** The WebAuthn user handle of an account: its id's bytes, which say nothing about the person. */
    static byte[] handle(String userId) {
        return userId.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> descriptor(Passkey passkey) {
        return Map.of("type", "public-key", "id", passkey.id(), "transports", passkey.transports());
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
