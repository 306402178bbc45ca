package io.accounts.user;

import io.accounts.events.EventType;
import io.accounts.events.SecurityEvents;
import io.accounts.passwords.PasswordHasher;
import io.accounts.platform.ApiException;
import io.accounts.throttle.LoginThrottle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * A user's password after registration: changed by its owner (who proves the current one) or an admin, reset by
 * the holder of a reset token, rehashed after a login with outdated argon2 parameters. A change or a reset ends
 * every session of the user.
 */
@ApplicationScoped
public class UserPasswords {

    @Inject
    UserService users;

    @Inject
    UserStore store;

    @Inject
    PasswordHasher hasher;

    @Inject
    LoginThrottle loginThrottle;

    @Inject
    SecurityEvents events;

    @Inject
    Event<UserChanged> changed;

    /**
     * Sets a new password. Users changing their own must give the current one, checked under the login throttle
     * of their account and the caller's address; an admin may reset another's. Every earlier access token and
     * every refresh token of the user stops working.
     */
    public void changePassword(String id, PasswordChange request, String callerId, String clientAddress) {
        User user = users.require(id);
        if (user.getId().equals(callerId)) {
            if (request.currentPassword() == null) {
                throw ApiException.invalidField("current_password", "must not be null");
            }
            if (!loginThrottle.proves(user.getEmail(), clientAddress,
                    () -> hasher.verify(user.getPasswordHash(), request.currentPassword()))) {
                events.record(EventType.LOGIN_ERROR, user.getId(), Map.of("reason", "current password"));
                throw ApiException.invalidField("current_password", "is incorrect");
            }
        }
        if (!store.setPassword(user.getId(), hasher.hash(request.newPassword()), true)) {
            throw UserService.noSuchUser();
        }
        events.record(EventType.UPDATE_PASSWORD, user.getId(), Map.of("by", user.getId().equals(callerId) ? "self"
                : "admin"));
        changed.fire(new UserChanged(user.getId(), UserChanged.Kind.PASSWORD));
    }

    /**
     * Sets a new password without the current one, for a holder of a password-reset token: every session of the
     * user ends, as with a change.
     */
    public void resetPassword(String id, String newPassword) {
        if (!store.setPassword(id, hasher.hash(newPassword), true)) {
            throw UserService.noSuchUser();
        }
        changed.fire(new UserChanged(id, UserChanged.Kind.PASSWORD));
    }

    /** Stores a hash made with the current argon2 parameters after a login proved the password. */
    public void rehash(User user, String hash) {
        store.setPassword(user.getId(), hash, false);
    }
}
