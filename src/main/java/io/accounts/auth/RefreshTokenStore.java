package io.accounts.auth;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * The {@code refresh_tokens} collection: one document per token, keyed by the token's SHA-256, never the token.
 * A token moves from {@code active} to {@code used} in one find-and-modify, so exactly one use can win.
 */
@ApplicationScoped
public class RefreshTokenStore {

    static final String COLLECTION = "refresh_tokens";
    static final String ACTIVE = "active";
    static final String USED = "used";
    static final String REVOKED = "revoked";

    @Inject
    MongoDatabase database;

    private MongoCollection<Document> tokens() {
        return database.getCollection(COLLECTION);
    }

    public void createIndexes() {
        tokens().createIndex(Indexes.ascending("family"));
        tokens().createIndex(Indexes.ascending("user"));
    }

    public void insert(String hash, String family, String user, Instant authTime, Instant expiresAt, Instant now) {
        tokens().insertOne(new Document("_id", hash).append("family", family).append("user", user)
                .append("state", ACTIVE).append("auth_time", Date.from(authTime))
                .append("expires_at", Date.from(expiresAt)).append("created_at", Date.from(now)));
    }

    /**
     * Marks the token used, recording the hash of the token that replaces it, and answers the document as it
     * was before: only the caller that saw it {@code active} won. One find-and-modify on the id alone, so
     * exactly one of concurrent claims wins and the lookup is served by the _id index on every server.
     */
    public Optional<Document> claim(String hash, String nextHash, Instant now) {
        return Optional.ofNullable(tokens().findOneAndUpdate(Filters.eq("_id", hash),
                Updates.combine(Updates.set("state", USED), Updates.set("used_at", Date.from(now)),
                        Updates.set("next", nextHash)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE)));
    }

    /** Voids a token that may not be stored yet: a later insert of it fails on the duplicate id. */
    public void voidToken(String hash, String family) {
        tokens().updateOne(Filters.eq("_id", hash), Updates.combine(Updates.set("state", REVOKED),
                Updates.setOnInsert("family", family)), new com.mongodb.client.model.UpdateOptions().upsert(true));
    }

    public long revokeFamily(String family) {
        return tokens().updateMany(Filters.and(Filters.eq("family", family), Filters.ne("state", REVOKED)),
                Updates.set("state", REVOKED)).getModifiedCount();
    }

    public long revokeUser(String user) {
        return tokens().updateMany(Filters.and(Filters.eq("user", user), Filters.ne("state", REVOKED)),
                Updates.set("state", REVOKED)).getModifiedCount();
    }

    /** True while the family has a token that may still be used (it has not been logged out or revoked). */
    public boolean familyActive(String family, Instant now) {
        return tokens().find(Filters.and(Filters.eq("family", family), Filters.eq("state", ACTIVE),
                Filters.gt("expires_at", Date.from(now)))).limit(1).first() != null;
    }
}
