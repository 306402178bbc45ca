package io.accounts.recovery;

import io.accounts.platform.store.InstantAsDate;
import jakarta.nosql.Column;
import jakarta.nosql.Convert;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;

import java.time.Instant;

import static io.accounts.platform.store.DocumentFields.EXPIRES_AT;

/**
 * A mailed token as stored in {@code one_time_tokens}: the SHA-256 of the token (never the token), what it is for,
 * whose it is, the address it was sent to, and when it expires.
 */
@Entity(OneTimeToken.COLLECTION)
public record OneTimeToken(@Id String hash, @Column(OneTimeToken.PURPOSE) String purpose,
                           @Column(OneTimeToken.USER) String userId, @Column(OneTimeToken.EMAIL) String email,
                           @Column(EXPIRES_AT) @Convert(InstantAsDate.class) Instant expiresAt) {

    static final String COLLECTION = "one_time_tokens";
    static final String PURPOSE = "purpose";
    static final String USER = "user";
    static final String EMAIL = "email";
}
