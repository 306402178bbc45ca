package io.accounts.user;

import io.accounts.platform.store.StoreKit;
import io.accounts.platform.store.WireProtocolServer;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A profile change on a wire-protocol server: a new address and its lost verification are written together. */
class UserStoreTest {

    private static WireProtocolServer mongo;
    private static UserStore store;

    @BeforeAll
    static void start() {
        mongo = new WireProtocolServer();
        store = new UserStore();
        store.template = StoreKit.template(mongo.client(), "profiles");
        store.driver = StoreKit.driver(mongo.client(), "profiles");
        store.setUp();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    private static String stored(String email) {
        ObjectId id = new ObjectId();
        mongo.database("profiles").getCollection(User.COLLECTION).insertOne(new Document("_id", id)
                .append(User.FIRST_NAME, "Ada").append(User.LAST_NAME, "Lovelace").append(User.EMAIL, email)
                .append(User.EMAIL_VERIFIED, true));
        return id.toHexString();
    }

    private static Document document(String id) {
        return mongo.database("profiles").getCollection(User.COLLECTION).find(new Document("_id", new ObjectId(id)))
                .first();
    }

    @Test
    void aNewAddressIsUnverifiedAndTheSameAddressKeepsItsVerification() {
        String id = stored("ada@x.io");
        assertEquals(UserStore.ProfileChange.SAME_EMAIL, store.setProfile(id, "Augusta", "King", "ada@x.io"));
        Document renamed = document(id);
        assertEquals("Augusta", renamed.getString(User.FIRST_NAME));
        assertEquals(true, renamed.getBoolean(User.EMAIL_VERIFIED), "a rename keeps the verified address");

        assertEquals(UserStore.ProfileChange.NEW_EMAIL, store.setProfile(id, "Ada", "King", "augusta@x.io"));
        Document moved = document(id);
        assertEquals("augusta@x.io", moved.getString(User.EMAIL));
        assertEquals("Ada", moved.getString(User.FIRST_NAME));
        assertEquals(false, moved.getBoolean(User.EMAIL_VERIFIED), "a new address is unproved");

        assertEquals(UserStore.ProfileChange.NOT_FOUND,
                store.setProfile(new ObjectId().toHexString(), "No", "One", "none@x.io"));
    }
}
