package io.accounts.recovery;

import io.accounts.user.AccountChanges;
import io.accounts.events.EventType;
import io.accounts.events.SecurityEvents;
import io.accounts.mail.Mailer;
import io.accounts.platform.ApiException;
import io.accounts.user.EmailChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The way back from an email change (API.md, "Sessions and sensitive changes"): the old address is told, with a
 * link valid {@code email-change.revert-ttl}; following it puts the old address back, ends every session of the
 * account and removes what was added since the change (a second factor), so a thief who moved the address loses the
 * account again. Each change has its own link, and a thief's later change does not void the owner's.
 */
@ApplicationScoped
public class EmailChangeRevert {

    static final String INVALID = "The link is invalid, expired or already used.";

    @Inject
    AccountChanges account;

    @Inject
    Mailer mailer;

    @Inject
    OneTimeTokenStore tokens;

    @Inject
    RecoveryMails mails;

    @Inject
    SecurityEvents events;

    @Inject
    Event<EmailChangeReverted> reverted;

    /**
     * The token is made here, in the request that changed the address, so that its time is the change's: what is
     * added to the account afterwards (a second factor) is "since the change" for the revert. The mail goes in the
     * background.
     */
    void onEmailChanged(@Observes EmailChanged change) {
        if (!mailer.enabled()) {
            return;
        }
        String token = tokens.issue(OneTimeTokenStore.Purpose.EMAIL_CHANGE_REVERT, change.userId(), change.previous(),
                mails.revertTtl());
        mailer.sendLater(() -> Optional.of(mails.revertNotice(change.previous(), change.current(), token)));
    }

    /** Takes the change back: 400 for a token that is unknown, expired or used; 409 when the address was taken since. */
    public void revert(String token) {
        Optional<OneTimeTokenStore.Redeemed> redeemed = tokens.redeem(OneTimeTokenStore.Purpose.EMAIL_CHANGE_REVERT,
                token);
        if (redeemed.isEmpty()) {
            throw ApiException.invalidField("token", INVALID);
        }
        String userId = redeemed.get().userId();
        try {
            account.restoreEmail(userId, redeemed.get().email());
        } catch (ApiException failed) {
            if (failed.status() == 404) {
                throw ApiException.invalidField("token", INVALID);
            }
            throw failed;
        }
        tokens.revokeIssuedAfter(OneTimeTokenStore.Purpose.EMAIL_CHANGE_REVERT, userId, redeemed.get().expiresAt());
        Instant changedAt = redeemed.get().expiresAt().minus(mails.revertTtl());
        reverted.fire(new EmailChangeReverted(userId, changedAt));
        events.record(EventType.EMAIL_CHANGE_REVERTED, userId, Map.of("changed_at", changedAt.toString()));
    }
}
