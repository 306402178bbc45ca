package io.accounts.totp;

import io.accounts.user.AccountChanges;
import io.accounts.events.EventType;
import io.accounts.events.SecurityEvents;
import io.accounts.recovery.EmailChangeReverted;
import io.accounts.user.UserChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** What happens to a user's second factor when the account changes: it goes with the account, or with a thief. */
@ApplicationScoped
public class TotpAccountChanges {

    @Inject
    AccountChanges account;

    @Inject
    TotpStore store;

    @Inject
    SecurityEvents events;

    /**
     * An email change taken back: a factor turned on since the change, or being enrolled, goes (the thief's
     * authenticator); one the owner had before stays.
     */
    void onEmailChangeReverted(@Observes EmailChangeReverted reverted) {
        Optional<TotpFactor> factor = store.find(reverted.userId());
        if (factor.isEmpty()) {
            return;
        }
        Instant activated = factor.get().activatedAt();
        boolean addedSince = factor.get().secret() != null && activated != null
                && !activated.isBefore(reverted.changedAt());
        if (factor.get().secret() == null || addedSince) {
            store.delete(reverted.userId());
        }
        if (addedSince) {
            account.setTotpEnabled(reverted.userId(), false);
            events.record(EventType.TOTP_DISABLED, reverted.userId(), Map.of("by", "email change reverted"));
        }
    }

    void onUserChanged(@Observes UserChanged change) {
        if (change.kind() == UserChanged.Kind.DELETED) {
            store.delete(change.userId());
        }
    }

}
