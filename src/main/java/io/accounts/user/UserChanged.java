package io.accounts.user;

/**
 * Fired (synchronously) after a change that must end the user's sessions: a password or role change, or the
 * account's deletion. The token lifecycle observes it to revoke refresh-token families and drop cached stamps.
 */
public record UserChanged(String userId, Kind kind) {

    public enum Kind { PASSWORD, ROLES, DELETED }
}
