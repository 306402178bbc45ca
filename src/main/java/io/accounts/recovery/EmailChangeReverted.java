package io.accounts.recovery;

import java.time.Instant;

/**
 * Fired (synchronously) after an email change was taken back through the old address's link: what was added to the
 * account since {@code changedAt} (a second factor) is removed by the features that own it.
 */
public record EmailChangeReverted(String userId, Instant changedAt) {
}
