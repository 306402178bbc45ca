package io.accounts.user;

/**
 * Fired (synchronously) after a user's address changed, with the address it replaced: the old address is told and
 * given a way back (the recovery feature).
 */
public record EmailChanged(String userId, String previous, String current) {
}
