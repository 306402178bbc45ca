package io.accounts.totp;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;

import java.util.List;
import java.util.Optional;

import static io.accounts.platform.store.DocumentFields.ID;

/**
 * The {@code totp} collection, one document per user: the active secret and one being enrolled (both sealed), the
 * last time step a code was accepted for (a code works once), and the hashes of the unused recovery codes.
 */
@ApplicationScoped
public class TotpStore {

    static final String COLLECTION = "totp";
    private static final String SECRET = "secret";
    private static final String PENDING = "pending";
    private static final String LAST_STEP = "last_step";
    private static final String RECOVERY = "recovery";

    /** A user's second factor as stored (sealed secrets). */
    record Stored(String userId, String secret, String pending, long lastStep, List<String> recovery) {
    }

    @Inject
    MongoDatabase database;

    private MongoCollection<Document> totp() {
        return database.getCollection(COLLECTION);
    }

    Optional<Stored> find(String userId) {
        return Optional.ofNullable(totp().find(Filters.eq(ID, userId)).first()).map(d -> {
            Number step = d.get(LAST_STEP, Number.class);
            return new Stored(userId, d.getString(SECRET), d.getString(PENDING), step == null ? -1 : step.longValue(),
                    d.getList(RECOVERY, String.class, List.of()));
        });
    }

    /** Starts (or restarts) an enrolment; the active secret, if any, is untouched. */
    void setPending(String userId, String sealed) {
        totp().updateOne(Filters.eq(ID, userId), Updates.set(PENDING, sealed), new UpdateOptions().upsert(true));
    }

    /** The pending secret becomes the active one, with its first step used and fresh recovery codes. */
    boolean activate(String userId, String sealedPending, long step, List<String> recoveryHashes) {
        return totp().updateOne(Filters.and(Filters.eq(ID, userId), Filters.eq(PENDING, sealedPending)),
                Updates.combine(Updates.set(SECRET, sealedPending), Updates.unset(PENDING), Updates.set(LAST_STEP, step),
                        Updates.set(RECOVERY, recoveryHashes))).getModifiedCount() > 0;
    }

    /** Records a code's step as used, if no later or equal step was: false for a replay. */
    boolean useStep(String userId, long step) {
        return totp().updateOne(Filters.and(Filters.eq(ID, userId), Filters.lt(LAST_STEP, step)),
                Updates.set(LAST_STEP, step)).getModifiedCount() > 0;
    }

    /** Removes one recovery code, if it is still there: false when it was used (or never was). */
    boolean useRecoveryCode(String userId, String hash) {
        return totp().updateOne(Filters.and(Filters.eq(ID, userId), Filters.eq(RECOVERY, hash)),
                Updates.pull(RECOVERY, hash)).getModifiedCount() > 0;
    }

    void delete(String userId) {
        totp().deleteOne(Filters.eq(ID, userId));
    }
}
