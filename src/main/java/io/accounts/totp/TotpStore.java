package io.accounts.totp;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.accounts.platform.store.DriverCalls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.jnosql.mapping.document.DocumentTemplate;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import static io.accounts.platform.store.DocumentFields.ID;
import static io.accounts.totp.TotpFactor.FAILURES;
import static io.accounts.totp.TotpFactor.LAST_STEP;
import static io.accounts.totp.TotpFactor.LOCKED_UNTIL;
import static io.accounts.totp.TotpFactor.PENDING;
import static io.accounts.totp.TotpFactor.RECOVERY;
import static io.accounts.totp.TotpFactor.SECRET;

/**
 * The {@code totp} collection ({@link TotpFactor}). Every change is one conditional update, so a code's step, a
 * recovery code and an enrolment are each used once however many requests race.
 */
@ApplicationScoped
public class TotpStore {

    @Inject
    DocumentTemplate template;

    @Inject
    DriverCalls driver;

    Optional<TotpFactor> find(String userId) {
        return template.find(TotpFactor.class, userId);
    }

    /** Starts (or restarts) an enrolment; the active secret, if any, is untouched. */
    void setPending(String userId, String sealed) {
        driver.upsert(TotpFactor.class, Filters.eq(ID, userId), Updates.set(PENDING, sealed));
    }

    /** The pending secret becomes the active one, with its first step used and fresh recovery codes. */
    boolean activate(String userId, String sealedPending, long step, List<String> recoveryHashes, Instant now) {
        return driver.updateWhere(TotpFactor.class, Filters.and(Filters.eq(ID, userId), Filters.eq(PENDING, sealedPending)),
                Updates.combine(Updates.set(SECRET, sealedPending), Updates.unset(PENDING), Updates.set(LAST_STEP, step),
                        Updates.set(RECOVERY, recoveryHashes), Updates.set(TotpFactor.ACTIVATED_AT, Date.from(now))));
    }

    /**
     * Records a code's step as used, if no later or equal step was (false for a replay), and that no wrong code
     * came since.
     */
    boolean useStep(String userId, long step) {
        return driver.updateWhere(TotpFactor.class, Filters.and(Filters.eq(ID, userId), Filters.lt(LAST_STEP, step)),
                Updates.combine(Updates.set(LAST_STEP, step), Updates.set(FAILURES, 0)));
    }

    /**
     * Removes one recovery code, if it is still there (false when it was used, or never was); it also lifts a
     * lockout and the count of wrong codes, since it proves the owner as well as a code does.
     */
    boolean useRecoveryCode(String userId, String hash) {
        return driver.updateWhere(TotpFactor.class, Filters.and(Filters.eq(ID, userId), Filters.eq(RECOVERY, hash)),
                Updates.combine(Updates.pull(RECOVERY, hash), Updates.set(FAILURES, 0), Updates.unset(LOCKED_UNTIL)));
    }

    /** Counts one more wrong code: the factor's count before this one, or empty when the user has no factor. */
    Optional<TotpFactor> countFailure(String userId) {
        return driver.updateAndGetBefore(TotpFactor.class, Filters.eq(ID, userId), Updates.inc(FAILURES, 1),
                FAILURES);
    }

    /**
     * Refuses codes until {@code until} and starts counting again, if the count is still {@code count}: of
     * requests that raced past the limit together, one locks (and tells the owner).
     */
    boolean lock(String userId, int count, Instant until) {
        return driver.updateWhere(TotpFactor.class, Filters.and(Filters.eq(ID, userId), Filters.eq(FAILURES, count)),
                Updates.combine(Updates.set(LOCKED_UNTIL, Date.from(until)), Updates.set(FAILURES, 0)));
    }

    /** Every factor (one per user who enrolled one): few, read once at start-up to seal secrets stored in clear. */
    List<TotpFactor> all() {
        return template.select(TotpFactor.class).result();
    }

    /** Replaces a stored secret (active or pending) with the same secret sealed, if it is still the one read. */
    boolean reseal(String userId, String field, String stored, String sealed) {
        return driver.updateWhere(TotpFactor.class, Filters.and(Filters.eq(ID, userId), Filters.eq(field, stored)),
                Updates.set(field, sealed));
    }

    void delete(String userId) {
        template.delete(TotpFactor.class, userId);
    }
}
