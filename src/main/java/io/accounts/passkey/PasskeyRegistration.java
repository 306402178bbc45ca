package io.accounts.passkey;

import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import io.accounts.events.EventType;
import io.accounts.events.SecurityEvents;
import io.accounts.keys.PublicUrl;
import io.accounts.mail.Mail;
import io.accounts.mail.Mailer;
import io.accounts.platform.ApiException;
import io.accounts.platform.web.JsonText;
import io.accounts.user.User;
import io.accounts.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adding, listing and removing passkeys. Registration: a challenge bound to the signed-in user, then the
 * authenticator's response checked by webauthn4j against that challenge, the relying party and its origins, user
 * verification required, ES256 or RS256 only, attestation {@code none} accepted; the owner is told by mail.
 */
@ApplicationScoped
public class PasskeyRegistration {

    static final String BAD_CEREMONY = "The passkey registration could not be verified, or was finished already;"
            + " start again.";
    static final int NAME_MAX = 64;

    @Inject
    PasskeyStore store;

    @Inject
    ChallengeStore challenges;

    @Inject
    PasskeySettings settings;

    @Inject
    UserService users;

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
        options.put("user", Map.of("id", WebAuthn.BASE64URL.encodeToString(WebAuthn.handle(user.getId())), "name", user.getEmail(),
                "displayName", (user.getFirstName() + " " + user.getLastName()).strip()));
        options.put("challenge", challenge);
        options.put("pubKeyCredParams", WebAuthn.ALGORITHMS.stream().map(p -> Map.of("type", "public-key", "alg",
                p.getAlg().getValue())).toList());
        options.put("timeout", settings.challengeTtl().toMillis());
        options.put("excludeCredentials", store.of(user.getId()).stream().map(PasskeyRegistration::descriptor).toList());
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
            data = WebAuthn.MANAGER.parseRegistrationResponseJSON(body.text());
            challenge = WebAuthn.BASE64URL.encodeToString(data.getCollectedClientData().getChallenge().getValue());
        } catch (RuntimeException malformed) {
            throw ApiException.badRequest(BAD_CEREMONY);
        }
        if (!challenges.redeem(Challenge.Ceremony.REGISTRATION, challenge).filter(user.getId()::equals).isPresent()) {
            throw ApiException.badRequest(BAD_CEREMONY);
        }
        try {
            WebAuthn.MANAGER.verify(data, new RegistrationParameters(settings.expecting(challenge), WebAuthn.ALGORITHMS, true, true));
        } catch (RuntimeException refused) {
            throw ApiException.badRequest(BAD_CEREMONY);
        }
        AuthenticatorData<?> authenticator = data.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData credential = authenticator.getAttestedCredentialData();
        Set<AuthenticatorTransport> transports = data.getTransports() == null ? Set.of() : data.getTransports();
        Passkey passkey = new Passkey(WebAuthn.BASE64URL.encodeToString(credential.getCredentialId()), user.getId(), name,
                WebAuthn.BASE64URL.encodeToString(WebAuthn.CREDENTIALS.convert(credential)), authenticator.getSignCount(),
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

    private static Map<String, Object> descriptor(Passkey passkey) {
        return Map.of("type", "public-key", "id", passkey.id(), "transports", passkey.transports());
    }
}
