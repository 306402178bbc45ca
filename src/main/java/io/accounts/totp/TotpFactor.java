package io.accounts.totp;

import io.accounts.platform.store.InstantAsDate;
import jakarta.nosql.Column;
import jakarta.nosql.Convert;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;

import java.time.Instant;
import java.util.List;

/**
 * A user's second factor as stored in {@code totp}, one document per user: the active secret and one being
 * enrolled (both sealed), the last time step a code was accepted for (a code works once), the hashes of the
 * unused recovery codes, the wrong codes since the last right one, until when codes are refused after too many, and
 * when it was turned on (an email change taken back removes a factor turned on since).
 */
@Entity(TotpFactor.COLLECTION)
public record TotpFactor(@Id String userId, @Column(TotpFactor.SECRET) String secret,
                         @Column(TotpFactor.PENDING) String pending, @Column(TotpFactor.LAST_STEP) Long lastStep,
                         @Column(TotpFactor.RECOVERY) List<String> recovery,
                         @Column(TotpFactor.FAILURES) Integer failures,
                         @Column(TotpFactor.LOCKED_UNTIL) @Convert(InstantAsDate.class) Instant lockedUntil,
                         @Column(TotpFactor.ACTIVATED_AT) @Convert(InstantAsDate.class) Instant activatedAt) {

    static final String COLLECTION = "totp";
    static final String SECRET = "secret";
    static final String PENDING = "pending";
    static final String LAST_STEP = "last_step";
    static final String RECOVERY = "recovery";
    static final String FAILURES = "failures";
    static final String LOCKED_UNTIL = "locked_until";
    static final String ACTIVATED_AT = "activated_at";

    /** The consecutive wrong codes counted so far. */
    int failureCount() {
        return failures == null ? 0 : failures;
    }

    /** Whether codes are refused at {@code now}, after too many wrong ones. */
    boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }
}
