package io.accounts.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.util.List;

/**
 * The account record as other features change it in their flows: an address proved or restored through a mailed
 * link, the second factor's flag, sessions ended. Each is one write of {@link UserStore} and a {@link UserChanged}
 * so that caches and the other features follow.
 */
@ApplicationScoped
public class AccountChanges {

    @Inject
    UserStore store;

    @Inject
    Event<UserChanged> changed;

    /**
     * Puts back the address an email change replaced, verified (its owner followed the link mailed to it), and ends
     * every session of the user; 404 when the user is gone, 409 when another account has taken the address since.
     */
    public void restoreEmail(String userId, String email) {
        boolean restored;
        try {
            restored = store.restoreEmail(userId, email);
        } catch (RuntimeException e) {
            throw UserService.emailTaken(e);
        }
        if (!restored) {
            throw UserService.noSuchUser();
        }
        changed.fire(new UserChanged(userId, UserChanged.Kind.EMAIL_REVERTED));
    }

    /**
     * Remembers sessions of the user as ended, so that the authorizer refuses their access tokens at once (here) or
     * within {@code revocation.cache-seconds} (on other nodes); their refresh families are ended by the caller.
     */
    public void sessionsEnded(String userId, List<String> sessionIds) {
        if (!sessionIds.isEmpty() && store.endSessions(userId, sessionIds)) {
            changed.fire(new UserChanged(userId, UserChanged.Kind.SESSIONS_ENDED));
        }
    }

    /** The address proved by its owner; false when the user no longer has this address. */
    public boolean verifyEmail(String id, String email) {
        boolean verified = store.verifyEmail(id, email);
        if (verified) {
            changed.fire(new UserChanged(id, UserChanged.Kind.EMAIL_VERIFIED));
        }
        return verified;
    }

    /** Whether the user's login needs a second factor. */
    public void setTotpEnabled(String id, boolean enabled) {
        if (!store.setTotpEnabled(id, enabled)) {
            throw UserService.noSuchUser();
        }
        changed.fire(new UserChanged(id, UserChanged.Kind.SECOND_FACTOR));
    }
}
