package io.accounts.throttle;

import io.accounts.platform.store.InstantAsDate;
import jakarta.nosql.Column;
import jakarta.nosql.Convert;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;

import java.time.Instant;

import static io.accounts.platform.store.DocumentFields.EXPIRES_AT;

/**
 * One Bucket4j bucket as stored in {@code throttle_buckets}: its state as Bucket4j serialises it, the version a
 * compare-and-swap checks, and when it would be full again (a TTL index removes it then: a missing bucket is a full
 * one).
 */
@Entity(Bucket.COLLECTION)
public record Bucket(@Id String key, @Column(Bucket.STATE) byte[] state, @Column(Bucket.VERSION) long version,
                     @Column(EXPIRES_AT) @Convert(InstantAsDate.class) Instant expiresAt) {

    static final String COLLECTION = "throttle_buckets";
    static final String STATE = "state";
    static final String VERSION = "version";
}
