package io.accounts.totp;

import io.accounts.user.AccountChanges;
import io.accounts.events.EventType;
import io.accounts.events.SecurityEvents;
import io.accounts.keys.SealedSecrets;
import io.accounts.passwords.PasswordHasher;
import io.accounts.platform.ApiException;
import io.accounts.throttle.LoginThrottle;
import io.accounts.user.User;
import io.accounts.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The rules of the second factor. Enrolment is active only after a first correct code; then login needs a code
 * (or a recovery code), each accepted once; the owner removes it with a code or the password, an admin without.
 * Wrong codes lock the factor after a while ({@link TotpLockout}); a recovery code still works (and lifts the lock).
 */
@ApplicationScoped
public class TotpService {

    private static final Logger LOG = Logger.getLogger(TotpService.class.getName());
    static final String WRONG_CODE = "The code is not correct.";

    @Inject
    AccountChanges account;

    @Inject
    TotpStore store;

    @Inject
    SealedSecrets secrets;

    @Inject
    UserService users;

    @Inject
    PasswordHasher hasher;

    @Inject
    SecureRandom random;

    @Inject
    SecurityEvents events;

    @Inject
    LoginThrottle loginThrottle;

    @Inject
    Clock clock;

    @Inject
    TotpLockout lockout;

    @Inject
    @ConfigProperty(name = "totp.issuer", defaultValue = "User accounts")
    String issuer;

    /** A new secret, not active until confirmed; 409 while TOTP is active. */
    public Enrolment enrol(String userId) {
        User user = users.require(userId);
        if (user.isTotpEnabled()) {
            throw ApiException.conflict("TOTP is active already; remove it first.");
        }
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        String base32 = TotpCodes.base32(secret);
        store.setPending(user.getId(), secrets.seal(boundTo(user.getId()), base32));
        return new Enrolment(base32, TotpCodes.otpauthUri(issuer, user.getEmail(), base32));
    }

    /** Activates the pending secret with a first correct code; answers the recovery codes, shown this once. */
    public List<String> confirm(String userId, String code) {
        User user = users.require(userId);
        TotpFactor stored = store.find(user.getId()).filter(s -> s.pending() != null)
                .orElseThrow(() -> ApiException.conflict("There is no TOTP enrolment to confirm; start one first."));
        if (user.isTotpEnabled()) {
            throw ApiException.conflict("TOTP is active already.");
        }
        byte[] secret = TotpCodes.secret(secrets.open(boundTo(user.getId()), stored.pending()));
        OptionalLong step = TotpCodes.matchingStep(secret, code, clock.instant());
        if (step.isEmpty()) {
            throw ApiException.invalidField("code", WRONG_CODE);
        }
        List<String> codes = RecoveryCodes.generate(random);
        if (!store.activate(user.getId(), stored.pending(), step.getAsLong(),
                codes.stream().map(RecoveryCodes::hash).toList(), clock.instant())) {
            throw ApiException.conflict("The enrolment changed meanwhile; start again.");
        }
        account.setTotpEnabled(user.getId(), true);
        events.record(EventType.TOTP_ENABLED, user.getId(), Map.of());
        return codes;
    }

    /** What a code proved. */
    public enum Check {
        /** Right and unused (a code or a recovery code): used up by the check. */
        ACCEPTED,
        /** Wrong, used already, or there is no active factor. */
        REFUSED,
        /** The factor refuses codes for now, after too many wrong ones; a recovery code would still work. */
        LOCKED
    }

    /** Checks a code (or a recovery code) of the user's active factor, and uses it up when it is right. */
    public Check check(String userId, String code) {
        Optional<TotpFactor> stored = store.find(userId).filter(s -> s.secret() != null);
        if (stored.isEmpty() || code == null) {
            return Check.REFUSED;
        }
        if (RecoveryCodes.looksLikeOne(code)) {
            return store.useRecoveryCode(userId, RecoveryCodes.hash(code)) ? Check.ACCEPTED : Check.REFUSED;
        }
        Instant now = clock.instant();
        if (stored.get().lockedAt(now)) {
            return Check.LOCKED;
        }
        byte[] secret = TotpCodes.secret(open(userId, stored.get().secret()));
        OptionalLong step = TotpCodes.matchingStep(secret, code.strip(), now);
        if (step.isEmpty()) {
            return lockout.countFailure(userId, now) ? Check.LOCKED : Check.REFUSED;
        }
        return store.useStep(userId, step.getAsLong()) ? Check.ACCEPTED : Check.REFUSED;
    }

    /** True when the code (or a recovery code) is right and unused; it is used up by this call. */
    public boolean verify(String userId, String code) {
        return check(userId, code) == Check.ACCEPTED;
    }

    /**
     * The user's secret; 503 when it cannot be opened (a backup restored without the key that sealed it): a server
     * fault, never told as a wrong code. A recovery code still works; an admin can remove the factor.
     */
    private String open(String userId, String sealed) {
        try {
            return secrets.open(boundTo(userId), sealed);
        } catch (IllegalStateException wrongKey) {
            LOG.log(Level.SEVERE, "the second-factor secret of user " + userId + " cannot be opened: is"
                    + " jwt.key-encryption-key (or secrets.key-file) the one it was sealed with?", wrongKey);
            throw ApiException.unavailable("The second factor cannot be checked just now; a recovery code works.",
                    3600);
        }
    }

    /**
     * Removes the second factor. The owner proves it with a current code or the password, checked under the login
     * throttle of the account and the caller's address (a wrong proof is a failed login, recorded as one), so this is
     * no oracle for guessing either; an admin removing another user's needs neither. 404 for an unknown user; 400
     * when the proof is missing or wrong; 429 when the account's login throttle is spent.
     */
    public void remove(String userId, String callerId, boolean callerIsAdmin, String code, String currentPassword,
                       String clientAddress) {
        User user = users.require(userId);
        boolean byOwner = user.getId().equals(callerId);
        if (byOwner || !callerIsAdmin) {
            if (code == null && currentPassword == null) {
                throw ApiException.invalidField("current_password", "is required");
            }
            boolean proved = loginThrottle.proves(user.getEmail(), clientAddress, () -> code != null
                    ? verify(user.getId(), code) : hasher.verify(user.getPasswordHash(), currentPassword));
            if (!proved) {
                events.record(EventType.LOGIN_ERROR, user.getId(), clientAddress,
                        Map.of("reason", "second factor removal"));
                throw ApiException.invalid("Removing the second factor needs a current code or the password.",
                        Map.of(code != null ? "code" : "current_password", List.of("is not correct")));
            }
        }
        store.delete(user.getId());
        account.setTotpEnabled(user.getId(), false);
        events.record(EventType.TOTP_DISABLED, user.getId(), Map.of("by", byOwner ? "self" : "admin"));
    }

    static String boundTo(String userId) {
        return "totp:" + userId;
    }

    /** What enrolment shows: the secret for manual entry and the URI for a QR code. */
    public record Enrolment(String secret, String otpauthUri) {
    }
}
