package io.accounts.keys;

import java.time.Instant;

/**
 * A signing key as kept in the {@code signing_keys} collection. {@code active} keys sign (the newest wins) and hold
 * their private part; {@code retiring} keys only verify, until {@code retireAt}, when every token they signed has
 * expired; {@code retired} keys verify nothing. Retiring drops the private part: only the public one is kept.
 * Key material is as {@link KeyCipher} sealed it.
 */
public record StoredKey(String kid, String algorithm, String privateJwk, String publicJwk, String state,
                        Instant createdAt, Instant activatedAt, Instant retireAt) {

    static final String ACTIVE = "active";
    static final String RETIRING = "retiring";
    static final String RETIRED = "retired";

    boolean active() {
        return ACTIVE.equals(state);
    }
}
