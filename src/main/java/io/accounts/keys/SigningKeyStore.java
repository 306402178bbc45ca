package io.accounts.keys;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static io.accounts.platform.store.DocumentFields.ID;

/**
 * The {@code signing_keys} collection: every node of a deployment signs and verifies with the same keys. Every
 * state change is one conditional update, decided by the database rather than by a node's possibly stale view:
 * only a retiring key can be retired, and a new key retires only keys activated before it, so no sequence of
 * concurrent rotations and retirements leaves the service without an active key.
 */
@ApplicationScoped
public class SigningKeyStore {

    static final String COLLECTION = "signing_keys";
    private static final String ALG = "alg";
    private static final String PRIVATE = "private_jwk";
    private static final String PUBLIC = "public_jwk";
    private static final String STATE = "state";
    private static final String CREATED = "created_at";
    private static final String ACTIVATED = "activated_at";
    private static final String RETIRE_AT = "retire_at";

    /** What a retirement found. */
    public enum Retirement { RETIRED, ACTIVE, NOT_FOUND }

    @Inject
    MongoDatabase database;

    private MongoCollection<Document> keys() {
        return database.getCollection(COLLECTION);
    }

    /**
     * Every key of this algorithm that is not retired, newest activation first; of keys activated in the same
     * millisecond (two nodes making the first key at once), the greater kid first, so every node agrees.
     */
    public List<StoredKey> usable(String algorithm) {
        return list(Filters.and(Filters.eq(ALG, algorithm), Filters.ne(STATE, StoredKey.RETIRED)));
    }

    public List<StoredKey> all() {
        return list(new Document());
    }

    private List<StoredKey> list(Bson filter) {
        List<StoredKey> found = new ArrayList<>();
        keys().find(filter).sort(new Document(ACTIVATED, -1).append(ID, -1)).forEach(d -> found.add(from(d)));
        return found;
    }

    public void insert(StoredKey key) {
        keys().insertOne(to(key));
    }

    /** Stores material re-sealed the current way (keys written by an earlier version); no private part: none kept. */
    public void reseal(String kid, String privateJwk, String publicJwk) {
        keys().updateOne(Filters.eq(ID, kid), privateJwk == null
                ? Updates.combine(Updates.set(PUBLIC, publicJwk), Updates.unset(PRIVATE))
                : Updates.combine(Updates.set(PRIVATE, privateJwk), Updates.set(PUBLIC, publicJwk)));
    }

    /**
     * Active keys activated before this one (in the order of {@link #usable}: in the same millisecond, those of a
     * smaller kid) start retiring: they verify until {@code retireAt}, never sign again.
     */
    public void retireEarlier(String algorithm, StoredKey newest, Instant retireAt) {
        keys().updateMany(Filters.and(Filters.eq(ALG, algorithm), Filters.eq(STATE, StoredKey.ACTIVE),
                        Filters.or(Filters.lt(ACTIVATED, Date.from(newest.activatedAt())),
                                Filters.and(Filters.eq(ACTIVATED, Date.from(newest.activatedAt())),
                                        Filters.lt(ID, newest.kid())))),
                Updates.combine(Updates.set(STATE, StoredKey.RETIRING), Updates.set(RETIRE_AT, Date.from(retireAt)),
                        Updates.unset(PRIVATE)));
    }

    /** Retires a retiring key at once; an active key is refused (rotate first), whatever this node believed. */
    public Retirement retire(String kid, Instant now) {
        long changed = keys().updateOne(Filters.and(Filters.eq(ID, kid), Filters.eq(STATE, StoredKey.RETIRING)),
                Updates.combine(Updates.set(STATE, StoredKey.RETIRED), Updates.set(RETIRE_AT, Date.from(now)),
                        Updates.unset(PRIVATE))).getModifiedCount();
        if (changed > 0) {
            return Retirement.RETIRED;
        }
        Document found = keys().find(Filters.eq(ID, kid)).first();
        return found != null && StoredKey.ACTIVE.equals(found.getString(STATE)) ? Retirement.ACTIVE
                : Retirement.NOT_FOUND;
    }

    /** Keys whose retiring period has ended become retired. */
    public void retireExpired(Instant now) {
        keys().updateMany(Filters.and(Filters.eq(STATE, StoredKey.RETIRING), Filters.lte(RETIRE_AT, Date.from(now))),
                Updates.combine(Updates.set(STATE, StoredKey.RETIRED), Updates.unset(PRIVATE)));
    }

    private static Document to(StoredKey key) {
        return new Document(ID, key.kid()).append(ALG, key.algorithm()).append(PRIVATE, key.privateJwk())
                .append(PUBLIC, key.publicJwk()).append(STATE, key.state())
                .append(CREATED, Date.from(key.createdAt())).append(ACTIVATED, Date.from(key.activatedAt()))
                .append(RETIRE_AT, key.retireAt() == null ? null : Date.from(key.retireAt()));
    }

    private static StoredKey from(Document document) {
        Date retire = document.getDate(RETIRE_AT);
        return new StoredKey(document.getString(ID), document.getString(ALG), document.getString(PRIVATE),
                document.getString(PUBLIC), document.getString(STATE), document.getDate(CREATED).toInstant(),
                document.getDate(ACTIVATED).toInstant(), retire == null ? null : retire.toInstant());
    }
}
