package io.accounts.totp;

import jakarta.nosql.Column;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;

import java.util.List;

/**
 * A user's second factor as stored in {@code totp}, one document per user: the active secret and one being
 * enrolled (both sealed), the last time step a code was accepted for (a code works once), and the hashes of the
 * unused recovery codes.
 */
@Entity(TotpFactor.COLLECTION)
public record TotpFactor(@Id String userId, @Column(TotpFactor.SECRET) String secret,
                         @Column(TotpFactor.PENDING) String pending, @Column(TotpFactor.LAST_STEP) Long lastStep,
                         @Column(TotpFactor.RECOVERY) List<String> recovery) {

    static final String COLLECTION = "totp";
    static final String SECRET = "secret";
    static final String PENDING = "pending";
    static final String LAST_STEP = "last_step";
    static final String RECOVERY = "recovery";
}
