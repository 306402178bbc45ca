package io.accounts.passkey;

import io.accounts.platform.store.InstantAsDate;
import jakarta.nosql.Column;
import jakarta.nosql.Convert;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;

import java.time.Instant;

import static io.accounts.platform.store.DocumentFields.EXPIRES_AT;

/**
 * A ceremony's challenge as stored in {@code webauthn_challenges}, so that any node finishes what another began: its
 * SHA-256 (never the challenge), the ceremony it is for, the user a registration is for (none for a sign-in: the
 * passkey says whose it is), and when it expires (a TTL index removes it).
 */
@Entity(Challenge.COLLECTION)
public record Challenge(@Id String hash, @Column(Challenge.CEREMONY) String ceremony,
                        @Column(Challenge.USER) String userId,
                        @Column(EXPIRES_AT) @Convert(InstantAsDate.class) Instant expiresAt) {

    static final String COLLECTION = "webauthn_challenges";
    static final String CEREMONY = "ceremony";
    static final String USER = "user";

    /** The two ceremonies. */
    enum Ceremony {
        REGISTRATION, SIGN_IN
    }
}
