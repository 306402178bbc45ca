package io.accounts.throttle;

import io.accounts.platform.store.InstantAsDate;
import jakarta.nosql.Column;
import jakarta.nosql.Convert;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;

import java.time.Instant;

import static io.accounts.platform.store.DocumentFields.EXPIRES_AT;

/** An address an account logged in from, as stored in {@code known_addresses}, until it is forgotten. */
@Entity(KnownAddress.COLLECTION)
public record KnownAddress(@Id String key, @Column(EXPIRES_AT) @Convert(InstantAsDate.class) Instant expiresAt) {

    static final String COLLECTION = "known_addresses";
}
