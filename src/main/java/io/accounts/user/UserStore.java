package io.accounts.user;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.accounts.platform.store.DatabaseSetup;
import io.accounts.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.eclipse.jnosql.mapping.document.DocumentTemplate;

import java.util.List;
import java.util.Optional;

/**
 * What the repository's derived queries cannot say: the indexes, keyset paging by id, partial atomic updates
 * and the last-admin rule. Paging never uses {@code skip}: a page deep in the collection costs what the first one
 * does. Field names come from {@link User}.
 */
@ApplicationScoped
public class UserStore implements DatabaseSetup {

    /** What a change of roles or a deletion found. */
    public enum Outcome { DONE, NOT_FOUND, LAST_ADMIN }

    @Inject
    DocumentTemplate template;

    @Inject
    MongoDatabase database;

    @Inject
    UserCollection collection;

    private MongoCollection<Document> users() {
        return database.getCollection(collection.name());
    }

    /** The unique index on the (lower-cased) email, and the roles index of the admin lookups; no-ops when present. */
    @Override
    public void setUp() {
        users().createIndex(Indexes.ascending(User.EMAIL), new IndexOptions().unique(true).name("email_unique"));
        users().createIndex(Indexes.ascending(User.ROLES), new IndexOptions().name("roles"));
    }

    /** Up to {@code limit} users with an id after {@code after} (null: from the start), by id. */
    public List<User> page(String after, int limit) {
        var query = template.select(User.class);
        var ordered = after == null ? query.orderBy("id").asc() : query.where("id").gt(after).orderBy("id").asc();
        return ordered.limit(limit).result();
    }

    public boolean anyWithRole(String role) {
        return users().find(Filters.eq(User.ROLES, role)).projection(Projections.include(User.ID)).limit(1)
                .first() != null;
    }

    /**
     * The user as a new access token shows it, read now in one query of the fields a token carries (names, email
     * and whether it is verified, roles, token version): no password hash, no timestamps. Empty when there is no
     * such user.
     */
    public Optional<User> tokenClaims(String id) {
        Document found = users().find(byId(id)).projection(Projections.include(User.FIRST_NAME, User.LAST_NAME,
                User.EMAIL, User.ROLES, User.TOKEN_VERSION, User.EMAIL_VERIFIED)).first();
        if (found == null) {
            return Optional.empty();
        }
        User user = new User(found.getString(User.FIRST_NAME), found.getString(User.LAST_NAME),
                found.getString(User.EMAIL), null, found.getList(User.ROLES, String.class, List.of()), null);
        user.setId(id);
        Number version = found.get(User.TOKEN_VERSION, Number.class);
        user.setTokenVersion(version == null ? 0 : version.longValue());
        user.setEmailVerified(found.getBoolean(User.EMAIL_VERIFIED));
        return Optional.of(user);
    }

    /** What a profile update found: no such user, the same address, or a new (so unverified) one. */
    public enum ProfileChange { NOT_FOUND, SAME_EMAIL, NEW_EMAIL }

    /**
     * Sets the profile fields only; a new address is unverified until its owner proves it. A taken email throws
     * (code 11000).
     */
    public ProfileChange setProfile(String id, String firstName, String lastName, String email) {
        Document before = users().findOneAndUpdate(byId(id), Updates.combine(Updates.set(User.FIRST_NAME, firstName),
                        Updates.set(User.LAST_NAME, lastName), Updates.set(User.EMAIL, email)),
                new FindOneAndUpdateOptions().projection(Projections.include(User.EMAIL))
                        .returnDocument(ReturnDocument.BEFORE));
        if (before == null) {
            return ProfileChange.NOT_FOUND;
        }
        if (email.equals(before.getString(User.EMAIL))) {
            return ProfileChange.SAME_EMAIL;
        }
        users().updateOne(Filters.and(byId(id), Filters.eq(User.EMAIL, email)),
                Updates.set(User.EMAIL_VERIFIED, false));
        return ProfileChange.NEW_EMAIL;
    }

    /** Marks the address verified, if the user still has this address; false otherwise. */
    public boolean verifyEmail(String id, String email) {
        return users().updateOne(Filters.and(byId(id), Filters.eq(User.EMAIL, email)),
                Updates.set(User.EMAIL_VERIFIED, true)).getMatchedCount() > 0;
    }

    /** Records whether a second factor is required at login. */
    public boolean setTotpEnabled(String id, boolean enabled) {
        return update(id, Updates.set(User.TOTP_ENABLED, enabled));
    }

    /** Sets the password hash; with {@code revoke}, every earlier access token of the user becomes void. */
    public boolean setPassword(String id, String hash, boolean revoke) {
        return update(id, revoke ? Updates.combine(Updates.set(User.PASSWORD_HASH, hash), revokeTokens())
                : Updates.set(User.PASSWORD_HASH, hash));
    }

    /**
     * Sets the roles and voids every earlier access token (they carry the old roles). A change that leaves no
     * admin is undone: of concurrent demotions that would, at least one is refused, so an admin always remains.
     */
    public Outcome setRoles(String id, List<String> roles) {
        Document before = users().findOneAndUpdate(byId(id),
                Updates.combine(Updates.set(User.ROLES, roles), revokeTokens()),
                new FindOneAndUpdateOptions().projection(Projections.include(User.ROLES))
                        .returnDocument(ReturnDocument.BEFORE));
        if (before == null) {
            return Outcome.NOT_FOUND;
        }
        List<String> previous = before.getList(User.ROLES, String.class, List.of());
        if (previous.contains(Roles.ADMIN) && !roles.contains(Roles.ADMIN) && !anyWithRole(Roles.ADMIN)) {
            // taken back whole: the roles, and the demotion's step of the token version (an increment, so a
            // password change in between still revokes), or the refusal would end the admin's sessions
            update(id, Updates.combine(Updates.set(User.ROLES, previous), Updates.inc(User.TOKEN_VERSION, -1L)));
            return Outcome.LAST_ADMIN;
        }
        return Outcome.DONE;
    }

    /** Deletes the user; an admin is first demoted, so the last admin is never deleted. */
    public Outcome delete(String id) {
        Document found = users().find(byId(id)).projection(Projections.include(User.ROLES)).first();
        if (found == null) {
            return Outcome.NOT_FOUND;
        }
        if (found.getList(User.ROLES, String.class, List.of()).contains(Roles.ADMIN)) {
            Outcome demoted = setRoles(id, Roles.DEFAULT);
            if (demoted != Outcome.DONE) {
                return demoted;
            }
        }
        return users().deleteOne(byId(id)).getDeletedCount() > 0 ? Outcome.DONE : Outcome.NOT_FOUND;
    }

    /** The "tokens valid after" stamp moves on: see {@link User#getTokenVersion()}. */
    private static Bson revokeTokens() {
        return Updates.inc(User.TOKEN_VERSION, 1L);
    }

    /**
     * Partial, atomic updates by the driver: a whole-document replace from a copy read earlier could undo a
     * concurrent token-version increment and bring revoked tokens back.
     */
    private boolean update(String id, Bson change) {
        return users().updateOne(byId(id), change).getMatchedCount() > 0;
    }

    private static Bson byId(String id) {
        return Filters.eq(User.ID, new ObjectId(id));
    }
}
