package io.accounts.passkey;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.accounts.platform.store.DatabaseSetup;
import io.accounts.platform.store.DriverCalls;
import io.accounts.platform.store.MongoErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.jnosql.mapping.document.DocumentTemplate;

import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import static io.accounts.platform.store.DocumentFields.ID;

/** The {@code passkeys} collection ({@link Passkey}), keyed by credential id: one credential is one account's. */
@ApplicationScoped
public class PasskeyStore implements DatabaseSetup {

    @Inject
    DocumentTemplate template;

    @Inject
    DriverCalls driver;

    @Override
    public void setUp() {
        driver.index(Passkey.class, "user", false, Passkey.USER);
    }

    /** Adds a passkey; false when its credential is registered already (to this account or another). */
    boolean insert(Passkey passkey) {
        try {
            template.insert(passkey);
            return true;
        } catch (RuntimeException e) {
            if (MongoErrors.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    Optional<Passkey> find(String credentialId) {
        return template.find(Passkey.class, credentialId);
    }

    /** The user's passkeys, oldest first. */
    List<Passkey> of(String userId) {
        return template.select(Passkey.class).where("userId").eq(userId).<Passkey>result().stream()
                .sorted(Comparator.comparing(Passkey::createdAt)).toList();
    }

    /**
     * Records a use: the authenticator's new counter, whether the credential is backed up now, and the time, if the stored counter is still below it (or both
     * are 0: an authenticator that keeps no counter). False when a use with this or a later counter came first: one
     * of the two is a copy of the credential.
     */
    boolean used(String credentialId, long counter, boolean backedUp, Instant now) {
        return driver.updateWhere(Passkey.class, Filters.and(Filters.eq(ID, credentialId),
                        counter == 0 ? Filters.eq(Passkey.SIGN_COUNT, 0L) : Filters.lt(Passkey.SIGN_COUNT, counter)),
                Updates.combine(Updates.set(Passkey.SIGN_COUNT, counter), Updates.set(Passkey.BACKED_UP, backedUp),
                        Updates.set(Passkey.LAST_USED_AT, Date.from(now))));
    }

    /** Removes one of the user's passkeys; false when the user has none with this id. */
    boolean delete(String userId, String credentialId) {
        return driver.deleteAndGet(Passkey.class, Filters.and(Filters.eq(ID, credentialId),
                Filters.eq(Passkey.USER, userId))).isPresent();
    }

    void deleteAll(String userId) {
        template.delete(Passkey.class).where("userId").eq(userId).execute();
    }
}
