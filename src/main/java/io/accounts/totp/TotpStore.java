package io.accounts.totp;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.accounts.platform.store.DriverCalls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.jnosql.mapping.document.DocumentTemplate;

import java.util.List;
import java.util.Optional;

import static io.accounts.platform.store.DocumentFields.ID;
import static io.accounts.totp.TotpFactor.LAST_STEP;
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
    boolean activate(String userId, String sealedPending, long step, List<String> recoveryHashes) {
        return driver.updateWhere(TotpFactor.class, Filters.and(Filters.eq(ID, userId), Filters.eq(PENDING, sealedPending)),
                Updates.combine(Updates.set(SECRET, sealedPending), Updates.unset(PENDING), Updates.set(LAST_STEP, step),
                        Updates.set(RECOVERY, recoveryHashes)));
    }

    /** Records a code's step as used, if no later or equal step was: false for a replay. */
    boolean useStep(String userId, long step) {
        return driver.updateWhere(TotpFactor.class, Filters.and(Filters.eq(ID, userId), Filters.lt(LAST_STEP, step)),
                Updates.set(LAST_STEP, step));
    }

    /** Removes one recovery code, if it is still there: false when it was used (or never was). */
    boolean useRecoveryCode(String userId, String hash) {
        return driver.updateWhere(TotpFactor.class, Filters.and(Filters.eq(ID, userId), Filters.eq(RECOVERY, hash)),
                Updates.pull(RECOVERY, hash));
    }

    void delete(String userId) {
        template.delete(TotpFactor.class, userId);
    }
}
