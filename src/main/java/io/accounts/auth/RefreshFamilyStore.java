package io.accounts.auth;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.accounts.platform.store.DatabaseSetup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.accounts.platform.store.DocumentFields.EXPIRES_AT;
import static io.accounts.platform.store.DocumentFields.ID;

/**
 * The {@code refresh_families} collection: one document per login, holding the hash of its current refresh token
 * (never a token). A rotation is one find-and-modify that swaps the current hash only while the family is active
 * and the presented hash is current, so exactly one of concurrent uses wins, and a revocation (one update of the
 * same document) can never be overtaken by a rotation that started before it. A TTL index removes families at
 * their absolute end (the embedded server's expiry sweep acts on it as MongoDB does).
 */
@ApplicationScoped
public class RefreshFamilyStore implements DatabaseSetup {

    static final String COLLECTION = "refresh_families";
    /** How many earlier token hashes a family remembers to recognise a reuse. */
    static final int REMEMBERED = 64;
    private static final String USER = "user";
    private static final String TOKEN_VERSION = "tv";
    private static final String STATE = "state";
    private static final String CURRENT = "current";
    private static final String PREVIOUS = "previous";
    private static final String AUTH_TIME = "auth_time";
    private static final String CREATED_AT = "created_at";

    @Inject
    MongoDatabase database;

    private MongoCollection<Document> families() {
        return database.getCollection(COLLECTION);
    }

    @Override
    public void setUp() {
        families().createIndex(Indexes.ascending(USER), new IndexOptions().name("user"));
        families().createIndex(Indexes.ascending(EXPIRES_AT),
                new IndexOptions().name("ended").expireAfter(0L, TimeUnit.SECONDS));
    }

    public void insert(RefreshFamily family, Instant now) {
        families().insertOne(new Document(ID, family.id()).append(USER, family.userId())
                .append(TOKEN_VERSION, family.tokenVersion()).append(STATE, family.state())
                .append(CURRENT, family.current()).append(PREVIOUS, family.previous())
                .append(AUTH_TIME, Date.from(family.authTime())).append(EXPIRES_AT, Date.from(family.expiresAt()))
                .append(CREATED_AT, Date.from(now)));
    }

    /**
     * Replaces the current hash with the next one if, at this instant, the family is active, unexpired and
     * {@code hash} is its current token; answers the family as it was then, empty when any of that did not hold.
     */
    public Optional<RefreshFamily> rotate(String family, String hash, String nextHash, Instant now) {
        Document before = families().findOneAndUpdate(Filters.and(Filters.eq(ID, family), Filters.eq(CURRENT, hash),
                        Filters.eq(STATE, RefreshFamily.ACTIVE), Filters.gt(EXPIRES_AT, Date.from(now))),
                Updates.combine(Updates.set(CURRENT, nextHash),
                        Updates.pushEach(PREVIOUS, List.of(hash), new PushOptions().slice(-REMEMBERED))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
        return Optional.ofNullable(before).map(RefreshFamilyStore::from);
    }

    public Optional<RefreshFamily> find(String family) {
        return Optional.ofNullable(families().find(Filters.eq(ID, family)).first()).map(RefreshFamilyStore::from);
    }

    /** Ends a family; its current token and any rotation that has not swapped yet fail from now on. */
    public void revoke(String family) {
        families().updateOne(Filters.eq(ID, family), Updates.set(STATE, RefreshFamily.REVOKED));
    }

    /** Ends every family of a user. */
    public void revokeUser(String user) {
        families().updateMany(Filters.and(Filters.eq(USER, user), Filters.eq(STATE, RefreshFamily.ACTIVE)),
                Updates.set(STATE, RefreshFamily.REVOKED));
    }

    private static RefreshFamily from(Document document) {
        Number version = document.get(TOKEN_VERSION, Number.class);
        return new RefreshFamily(document.getString(ID), document.getString(USER),
                version == null ? 0 : version.longValue(), document.getString(STATE), document.getString(CURRENT),
                document.getList(PREVIOUS, String.class, List.of()), document.getDate(AUTH_TIME).toInstant(),
                document.getDate(EXPIRES_AT).toInstant());
    }
}
