package io.accounts.keys;

import java.time.Instant;
import java.util.Map;

/**
 * An immutable view of the keys: the signing key, every verifying key by kid, when it was read, and when a
 * published key is due to start signing (the view is read again then).
 */
record Ring(SigningKey active, Map<String, SigningKey> byKid, Instant readAt, Instant nextActivation) {

    static final Ring EMPTY = new Ring(null, Map.of(), Instant.MIN, Instant.MAX);

    /** One key that never changes and is never re-read (HS256). */
    static Ring of(SigningKey key) {
        return new Ring(key, Map.of(key.kid(), key), Instant.MAX, Instant.MAX);
    }
}
