package io.accounts.keys;

import io.accounts.platform.store.InstantAsDate;
import jakarta.nosql.Column;
import jakarta.nosql.Convert;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;

import java.time.Instant;

/**
 * A signing key as kept in the {@code signing_keys} collection. {@code active} keys sign (the newest wins) and hold
 * their private part; {@code retiring} keys only verify, until {@code retireAt}, when every token they signed has
 * expired; {@code retired} keys verify nothing. Retiring drops the private part: only the public one is kept.
 * Key material is as {@link KeyCipher} sealed it.
 */
@Entity(StoredKey.COLLECTION)
public record StoredKey(@Id String kid, @Column(StoredKey.ALG) String algorithm,
                        @Column(StoredKey.PRIVATE) String privateJwk, @Column(StoredKey.PUBLIC) String publicJwk,
                        @Column(StoredKey.STATE) String state, @Column(StoredKey.CREATED) @Convert(InstantAsDate.class) Instant createdAt,
                        @Column(StoredKey.ACTIVATED) @Convert(InstantAsDate.class) Instant activatedAt, @Column(StoredKey.RETIRE_AT) @Convert(InstantAsDate.class) Instant retireAt) {

    static final String COLLECTION = "signing_keys";
    static final String ALG = "alg";
    static final String PRIVATE = "private_jwk";
    static final String PUBLIC = "public_jwk";
    static final String STATE = "state";
    static final String CREATED = "created_at";
    static final String ACTIVATED = "activated_at";
    static final String RETIRE_AT = "retire_at";

    static final String ACTIVE = "active";
    static final String RETIRING = "retiring";
    static final String RETIRED = "retired";

    boolean active() {
        return ACTIVE.equals(state);
    }
}
