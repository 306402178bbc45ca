package io.accounts.recovery;

import io.accounts.user.AccountChanges;
import io.accounts.events.EventType;
import io.accounts.events.SecurityEvents;
import io.accounts.mail.Mailer;
import io.accounts.platform.ApiException;
import io.accounts.throttle.RecoveryThrottle;
import io.accounts.user.User;
import io.accounts.user.UserChanged;
import io.accounts.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;

/**
 * Proving an address: a new account and every change of address get a mail with a single-use token; using it marks
 * the address verified, if the account still has that address. Without mail, registration works and sends nothing.
 */
@ApplicationScoped
public class EmailVerification {

    static final String INVALID = "The verification link is invalid, expired or already used.";

    @Inject
    AccountChanges account;

    @Inject
    Mailer mailer;

    @Inject
    OneTimeTokenStore tokens;

    @Inject
    RecoveryMails mails;

    @Inject
    UserService users;

    @Inject
    RecoveryThrottle throttle;

    @Inject
    SecurityEvents events;

    void onUserChanged(@Observes UserChanged change) {
        if (change.kind() == UserChanged.Kind.REGISTERED || change.kind() == UserChanged.Kind.EMAIL) {
            send(change.userId());
        }
    }

    /** Another mail for an account whose address is not verified yet: 409 once it is, 429 past the quota. */
    public void resend(String id) {
        User user = users.require(id);
        if (user.isEmailVerified()) {
            throw ApiException.conflict("This address is verified already.");
        }
        if (!mailer.enabled()) {
            throw ApiException.unavailable("Verification needs mail, which this service has not been given.", 3600);
        }
        throttle.verificationResend(user.getId());
        if (!send(user.getId())) {
            throw Mailer.queueFull();
        }
    }

    public void verify(String token) {
        Optional<OneTimeTokenStore.Redeemed> redeemed =
                tokens.redeem(OneTimeTokenStore.Purpose.EMAIL_VERIFICATION, token);
        if (redeemed.isEmpty() || !account.verifyEmail(redeemed.get().userId(), redeemed.get().email())) {
            throw ApiException.invalidField("token", INVALID);
        }
        events.record(EventType.VERIFY_EMAIL, redeemed.get().userId(), Map.of());
    }

    private boolean send(String userId) {
        return mailer.sendLater(() -> users.findCurrent(userId).filter(u -> !u.isEmailVerified()).map(user ->
                mails.verification(user.getEmail(), tokens.issue(OneTimeTokenStore.Purpose.EMAIL_VERIFICATION,
                        user.getId(), user.getEmail(), mails.verificationTtl()))));
    }
}
