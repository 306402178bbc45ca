package io.accounts.passkey;

import io.accounts.events.EventType;
import io.accounts.events.SecurityEvents;
import io.accounts.recovery.EmailChangeReverted;
import io.accounts.user.UserChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Map;

/** What happens to a user's passkeys when the account changes: they go with the account, or with a thief. */
@ApplicationScoped
public class PasskeyAccountChanges {

    @Inject
    PasskeyStore store;

    @Inject
    SecurityEvents events;

    /**
     * An email change taken back: every passkey goes, the owner adds theirs again. A passkey is a whole sign-in, and
     * a thief who knew the password may have added one before changing the address, so "added since the change" is
     * not enough.
     */
    void onEmailChangeReverted(@Observes EmailChangeReverted reverted) {
        for (Passkey passkey : store.of(reverted.userId())) {
            if (store.delete(reverted.userId(), passkey.id())) {
                events.record(EventType.PASSKEY_REMOVED, reverted.userId(), Map.of("by", "email change reverted"));
            }
        }
    }

    void onUserChanged(@Observes UserChanged change) {
        if (change.kind() == UserChanged.Kind.DELETED) {
            store.deleteAll(change.userId());
        }
    }
}
