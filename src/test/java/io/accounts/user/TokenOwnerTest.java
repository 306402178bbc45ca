package io.accounts.user;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.accounts.platform.ApiException;
import io.accounts.platform.store.StoreKit;
import io.accounts.platform.store.WireProtocolServer;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rotation's owner is read as stored now, never from the cache (whose copy may be of other roles or another
 * address on another node): the fields a token carries, from a document as the repository writes it, on a MongoDB
 * wire-protocol server.
 */
class TokenOwnerTest {

    private static WireProtocolServer mongo;
    private static MongoDatabase database;

    @BeforeAll
    static void start() {
        mongo = new WireProtocolServer();
        database = mongo.database("owners");
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    private static TokenOwners owners(User cached) {
        TokenOwners owners = new TokenOwners();
        owners.store = new UserStore();
        owners.store.template = StoreKit.template(mongo.client(), "owners");
        owners.store.driver = StoreKit.driver(mongo.client(), "owners");
        owners.cache = new UserCache() {
            @Override
            public Optional<User> find(String id) {
                return Optional.ofNullable(cached);
            }
        };
        return owners;
    }

    private static String stored(List<String> roles, long version) {
        ObjectId id = new ObjectId();
        database.getCollection(User.COLLECTION).insertOne(new Document("_id", id).append(User.FIRST_NAME, "Ada")
                .append(User.LAST_NAME, "Lovelace").append(User.EMAIL, "ada@x.io").append(User.PASSWORD_HASH, "$argon2id$x")
                .append(User.ROLES, roles).append(User.TOKEN_VERSION, version).append(User.EMAIL_VERIFIED, true));
        return id.toHexString();
    }

    private static User cachedCopy(String id, List<String> roles, long version) {
        User user = new User("Ada", "Lovelace", "old@x.io", "$argon2id$x", roles, null);
        user.setId(id);
        user.setTokenVersion(version);
        return user;
    }

    @Test
    void theOwnerIsReadAsStoredNowWithWhatATokenCarries() {
        String id = stored(List.of("user"), 3);
        // a cached copy of the same version but of other roles and address: a race another node lost
        User owner = owners(cachedCopy(id, List.of("admin"), 3)).currentTokenOwner(id);
        assertEquals(id, owner.getId());
        assertEquals(List.of("user"), owner.getRoles());
        assertEquals("ada@x.io", owner.getEmail());
        assertEquals("Ada", owner.getFirstName());
        assertEquals("Lovelace", owner.getLastName());
        assertEquals(3, owner.getTokenVersion());
        assertTrue(owner.isEmailVerified());
        assertNull(owner.getPasswordHash(), "a token carries no hash, so none is read");

        database.getCollection(User.COLLECTION).updateOne(Filters.eq("_id", new ObjectId(id)),
                Updates.combine(Updates.inc(User.TOKEN_VERSION, 1L), Updates.set(User.EMAIL_VERIFIED, false)));
        User changed = owners(owner).currentTokenOwner(id);
        assertEquals(4, changed.getTokenVersion());
        assertFalse(changed.isEmailVerified());
    }

    @Test
    void aDocumentWithoutVersionOrVerificationReadsAsZeroAndUnverified() {
        ObjectId id = new ObjectId();
        database.getCollection(User.COLLECTION).insertOne(new Document("_id", id).append(User.EMAIL, "old@x.io"));
        User owner = owners(null).currentTokenOwner(id.toHexString());
        assertEquals(0, owner.getTokenVersion());
        assertFalse(owner.isEmailVerified());
        assertEquals(List.of(), owner.getRoles());
    }

    @Test
    void aUserNoLongerStoredEndsTheRotation() {
        String id = stored(List.of("user"), 0);
        database.getCollection(User.COLLECTION).deleteOne(Filters.eq("_id", new ObjectId(id)));
        assertEquals(401, assertThrows(ApiException.class,
                () -> owners(cachedCopy(id, List.of("user"), 0)).currentTokenOwner(id)).status());
        assertEquals(401, assertThrows(ApiException.class, () -> owners(null).currentTokenOwner("not-an-id")).status());
    }
}
