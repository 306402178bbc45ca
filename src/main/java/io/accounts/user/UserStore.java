package io.accounts.user;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.jnosql.mapping.document.DocumentTemplate;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * What the repository's derived queries cannot say: the indexes, keyset paging by id and the admin lookup.
 * Paging never uses {@code skip}: a page deep in the collection costs what the first one does.
 */
@ApplicationScoped
public class UserStore {

    @Inject
    DocumentTemplate template;

    @Inject
    MongoDatabase database;

    @Inject
    @ConfigProperty(name = "mongodb.collection", defaultValue = User.COLLECTION)
    String collection;

    /** Creates the unique index on the (lower-cased) email; a no-op when it exists. */
    public void createIndexes() {
        database.getCollection(collection).createIndex(Indexes.ascending("email"),
                new IndexOptions().unique(true).name("email_unique"));
        database.getCollection(collection).createIndex(Indexes.ascending("roles"),
                new IndexOptions().name("roles"));
    }

    /** Up to {@code limit} users with an id after {@code after} (null: from the start), by id. */
    public List<User> page(String after, int limit) {
        var query = template.select(User.class);
        var ordered = after == null ? query.orderBy("id").asc() : query.where("id").gt(after).orderBy("id").asc();
        return ordered.limit(limit).result();
    }

    public boolean anyWithRole(String role) {
        return template.select(User.class).where("roles").eq(role).limit(1).result().size() > 0;
    }

    /** Sets the profile fields only; false when there is no such user. A taken email throws (code 11000). */
    public boolean setProfile(String id, String firstName, String lastName, String email) {
        return update(id, Updates.combine(Updates.set("first_name", firstName), Updates.set("last_name", lastName),
                Updates.set("email", email)));
    }

    /** Sets the password hash; with {@code revoke}, every earlier access token of the user becomes void. */
    public boolean setPassword(String id, String hash, boolean revoke) {
        return update(id, revoke ? Updates.combine(Updates.set("password_hash", hash), Updates.inc("token_version", 1L))
                : Updates.set("password_hash", hash));
    }

    /** Sets the roles and voids every earlier access token (they carry the old roles). */
    public boolean setRoles(String id, List<String> roles) {
        return update(id, Updates.combine(Updates.set("roles", roles), Updates.inc("token_version", 1L)));
    }

    /**
     * Partial, atomic updates by the driver: a whole-document replace from a copy read earlier could undo a
     * concurrent token-version increment and bring revoked tokens back.
     */
    private boolean update(String id, Bson change) {
        return database.getCollection(collection).updateOne(Filters.eq("_id", new ObjectId(id)), change)
                .getMatchedCount() > 0;
    }

    /** Deletes the user; false when there was none. */
    public boolean delete(String id) {
        return database.getCollection(collection).deleteOne(Filters.eq("_id", new ObjectId(id))).getDeletedCount() > 0;
    }
}
