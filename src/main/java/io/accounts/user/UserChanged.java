package io.accounts.user;

/**
 * Fired (synchronously) after a user changed: caches drop the user; for a password or role change or the account's
 * deletion the token lifecycle revokes the user's refresh-token families; a new account or a new address gets a
 * verification mail. {@code UNDONE}: a refused change was written and taken back (the last admin's demotion), so
 * nothing changed but a copy read in between must go.
 */
public record UserChanged(String userId, Kind kind) {

    public enum Kind {
        REGISTERED, PROFILE, EMAIL, EMAIL_REVERTED, EMAIL_VERIFIED, PASSWORD, ROLES, SECOND_FACTOR, SESSIONS_ENDED, DELETED,
        UNDONE;

        /** The changes after which the user's earlier tokens and sessions must stop working. */
        public boolean endsSessions() {
            return this == PASSWORD || this == ROLES || this == DELETED || this == EMAIL_REVERTED;
        }
    }
}
