package io.accounts.user;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.Updates;
import io.accounts.platform.store.DatabaseSetup;
import io.accounts.platform.store.DriverCalls;
import io.accounts.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
    DriverCalls driver;

    /** The unique index on the (lower-cased) email, and the roles index of the admin lookups; no-ops when present. */
    @Override
    public void setUp() {
        driver.index(User.class, "email_unique", true, User.EMAIL);
        driver.index(User.class, "roles", false, User.ROLES);
    }

    /** Up to {@code limit} users with an id after {@code after} (null: from the start), by id. */
    public List<User> page(String after, int limit) {
        var query = template.select(User.class);
        var ordered = after == null ? query.orderBy("id").asc() : query.where("id").gt(after).orderBy("id").asc();
        return ordered.limit(limit).result();
    }

    public boolean anyWithRole(String role) {
        return !template.select(User.class).where("roles").eq(role).limit(1).result().isEmpty();
    }

    /**
     * The user as a new access token shows it, read now in one query of the fields a token carries (names, email
     * and whether it is verified, roles, token version): no password hash, no timestamps. Empty when there is no
     * such user.
     */
    public Optional<User> tokenClaims(String id) {
        return driver.findFields(User.class, byId(id), User.FIRST_NAME, User.LAST_NAME, User.EMAIL, User.ROLES,
                User.TOKEN_VERSION, User.EMAIL_VERIFIED);
    }

    /** Remembers sessions as ended (the newest {@link User#ENDED_SESSIONS_KEPT}): false when there is no such user. */
    public boolean endSessions(String id, List<String> sessionIds) {
        return driver.updateWhere(User.class, byId(id), Updates.pushEach(User.ENDED_SESSIONS, sessionIds,
                new PushOptions().slice(-User.ENDED_SESSIONS_KEPT)));
    }

    /** What a profile update found: no such user, the same address, or a new (so unverified) one. */
    public enum ProfileChange { NOT_FOUND, SAME_EMAIL, NEW_EMAIL }

    /**
     * Sets the profile fields only; a new address is unverified until its owner proves it. A new address and its
     * {@code email_verified=false} are one conditional write (the document only changes if the address differs), so
     * no token minted in between, and no crash, can see the new address marked verified. A taken email throws
     * (code 11000).
     */
    public ProfileChange setProfile(String id, String firstName, String lastName, String email) {
        Bson names = Updates.combine(Updates.set(User.FIRST_NAME, firstName), Updates.set(User.LAST_NAME, lastName));
        // the address may change between the two conditions (another request): then the first matches next time
        for (int attempt = 0; attempt < 3; attempt++) {
            if (driver.updateWhere(User.class, Filters.and(byId(id), Filters.ne(User.EMAIL, email)),
                    Updates.combine(names, Updates.set(User.EMAIL, email), Updates.set(User.EMAIL_VERIFIED, false)))) {
                return ProfileChange.NEW_EMAIL;
            }
            if (driver.updateWhere(User.class, Filters.and(byId(id), Filters.eq(User.EMAIL, email)), names)) {
                return ProfileChange.SAME_EMAIL;
            }
            if (template.find(User.class, id).isEmpty()) {
                return ProfileChange.NOT_FOUND;
            }
        }
        return ProfileChange.NOT_FOUND;
    }

    /**
     * Puts back an address its owner proved (the revert link mailed to it), verified, and voids every earlier access
     * token; false when there is no such user. A taken address throws (code 11000).
     */
    public boolean restoreEmail(String id, String email) {
        return update(id, Updates.combine(Updates.set(User.EMAIL, email), Updates.set(User.EMAIL_VERIFIED, true),
                revokeTokens()));
    }

    /** Marks the address verified, if the user still has this address; false otherwise. */
    public boolean verifyEmail(String id, String email) {
        return driver.updateWhere(User.class, Filters.and(byId(id), Filters.eq(User.EMAIL, email)),
                Updates.set(User.EMAIL_VERIFIED, true));
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
        Optional<User> before = driver.updateAndGetBefore(User.class, byId(id),
                Updates.combine(Updates.set(User.ROLES, roles), revokeTokens()), User.ROLES);
        if (before.isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        List<String> previous = before.get().getRoles();
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
        Optional<User> found = template.find(User.class, id);
        if (found.isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        if (found.get().hasRole(Roles.ADMIN)) {
            Outcome demoted = setRoles(id, Roles.DEFAULT);
            if (demoted != Outcome.DONE) {
                return demoted;
            }
        }
        return driver.deleteAndGet(User.class, byId(id)).isPresent() ? Outcome.DONE : Outcome.NOT_FOUND;
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
        return driver.updateWhere(User.class, byId(id), change);
    }

    private static Bson byId(String id) {
        return Filters.eq(User.ID, new ObjectId(id));
    }
}
