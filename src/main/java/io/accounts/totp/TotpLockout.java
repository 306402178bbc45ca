package io.accounts.totp;

import io.accounts.events.EventType;
import io.accounts.events.SecurityEvents;
import io.accounts.mail.Mail;
import io.accounts.mail.Mailer;
import io.accounts.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Wrong second-factor codes, counted per account apart from the login throttle (whose buckets refill): after
 * {@code totp.max-failures} in a row the factor refuses every code, even a right one, for
 * {@code totp.lockout-seconds}; the owner gets a mail and an {@code OTP_LOCKED} event is recorded, once per lock.
 */
@ApplicationScoped
public class TotpLockout {

    @Inject
    TotpStore store;

    @Inject
    UserService users;

    @Inject
    SecurityEvents events;

    @Inject
    Mailer mailer;

    @Inject
    @ConfigProperty(name = "totp.max-failures", defaultValue = "10")
    int maxFailures;

    @Inject
    @ConfigProperty(name = "totp.lockout-seconds", defaultValue = "900")
    long lockoutSeconds;

    /** Counts a wrong code; at the limit, locks the factor, records it and tells the owner: true when it locked. */
    boolean countFailure(String userId, Instant now) {
        Optional<TotpFactor> before = store.countFailure(userId);
        if (before.isEmpty()) {
            return false;
        }
        int count = before.get().failureCount() + 1;
        Instant until = now.plusSeconds(lockoutSeconds);
        if (count < maxFailures || !store.lock(userId, count, until)) {
            return false;
        }
        events.record(EventType.OTP_LOCKED, userId, Map.of("failures", Integer.toString(count),
                "until", until.toString()));
        mailer.sendLater(() -> users.findCurrent(userId).map(user -> new Mail(user.getEmail(),
                "Your sign-in codes are blocked for now", "Someone signed in to the account " + user.getEmail()
                + " with its password and then entered " + count + " wrong codes of the authenticator app in a row,"
                + " so codes are refused until " + until + " (UTC).\n\nIf that was not you, your password is known to"
                + " someone else: change it now. A recovery code still signs you in meanwhile.\n",
                "second factor locked")));
        return true;
    }

}
