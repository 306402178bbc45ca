package io.accounts.user;

/**
 * Fired (synchronously) after a user changed: caches drop the user, and for a password or role change or the
 * account's deletion the token lifecycle revokes the user's refresh-token families.
 */
public record UserChanged(String userId, Kind kind) {

    public enum Kind { PROFILE, PASSWORD, ROLES, DELETED }
}
