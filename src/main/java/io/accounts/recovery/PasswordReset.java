package io.accounts.recovery;

import io.accounts.events.EventType;
import io.accounts.events.SecurityEvents;
import io.accounts.mail.Mailer;
import io.accounts.platform.ApiException;
import io.accounts.throttle.RecoveryThrottle;
import io.accounts.user.Emails;
import io.accounts.user.UserChanged;
import io.accounts.user.UserPasswords;
import io.accounts.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * A forgotten password: the request answers the same, in the same time, whether or not the address has an account
 * (the lookup, the token and the mail all happen in the background); the mailed token works once, expires, and
 * setting the new password with it ends every session of the user.
 */
@ApplicationScoped
public class PasswordReset {

    private static final Logger LOG = Logger.getLogger(PasswordReset.class.getName());

    static final String INVALID = "The reset link is invalid, expired or already used.";

    @Inject
    Mailer mailer;

    @Inject
    OneTimeTokenStore tokens;

    @Inject
    RecoveryMails mails;

    @Inject
    UserService users;

    @Inject
    UserPasswords passwords;

    @Inject
    RecoveryThrottle throttle;

    @Inject
    SecurityEvents events;

    public void request(String email, String clientAddress) {
        if (!mailer.enabled()) {
            throw ApiException.unavailable("Password reset needs mail, which this service has not been given.", 3600);
        }
        String address = Emails.normalize(email);
        throttle.passwordReset(address, clientAddress);
        boolean queued = mailer.sendLater(() -> users.findByEmail(address).map(user -> {
            events.record(EventType.PASSWORD_RESET_REQUEST, user.getId(), clientAddress, Map.of());
            return mails.reset(user.getEmail(), tokens.issue(OneTimeTokenStore.Purpose.PASSWORD_RESET, user.getId(),
                    user.getEmail(), mails.resetTtl()));
        }));
        if (!queued) {
            throw Mailer.queueFull();
        }
    }

    public void confirm(String token, String newPassword) {
        Optional<OneTimeTokenStore.Redeemed> redeemed = tokens.redeem(OneTimeTokenStore.Purpose.PASSWORD_RESET, token);
        if (redeemed.isEmpty()) {
            throw ApiException.invalidField("token", INVALID);
        }
        try {
            passwords.resetPassword(redeemed.get().userId(), newPassword);
        } catch (ApiException failed) {
            if (failed.status() == 503) {
                // the service's own trouble (hashing busy): the link still works when the person retries
                tokens.restore(OneTimeTokenStore.Purpose.PASSWORD_RESET, token, redeemed.get());
                throw failed;
            }
            throw ApiException.invalidField("token", INVALID);
        }
        events.record(EventType.PASSWORD_RESET, redeemed.get().userId(), Map.of());
        LOG.info(() -> "password reset by mail for user " + redeemed.get().userId() + ": every session ended");
    }

    /**
     * A reset link dies when the password or the address changes (or the account goes): it was mailed for the
     * account as it was, and an address that changed hands must not keep a way back in.
     */
    void onUserChanged(@Observes UserChanged change) {
        switch (change.kind()) {
            case PASSWORD, EMAIL, EMAIL_REVERTED, DELETED -> tokens.revoke(OneTimeTokenStore.Purpose.PASSWORD_RESET, change.userId());
            default -> {
            }
        }
    }
}
