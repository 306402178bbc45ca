package io.accounts.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tutorial's whole story against the real WAR on Open Liberty and a real wire-protocol MongoDB. */
@ExtendWith(ArquillianExtension.class)
class UserStoryIT {

    private final Api api = Api.local();
    private final Accounts accounts = new Accounts(api);

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @Test
    void registerLoginReadUpdateRefreshDelete() {
        String email = Accounts.uniqueEmail("Story");
        Api.Reply registered = api.post("/user", null,
                Accounts.registration("  Ada ", "Lovelace", email, Accounts.PASSWORD));
        assertEquals(201, registered.status(), registered::toString);
        assertEquals("Registered Successfully", registered.json().getString("message"));
        JsonObject data = registered.data();
        String id = data.getString("id");
        assertTrue(id.matches("[0-9a-f]{24}"), id);
        assertEquals("Ada", data.getString("first_name"));
        assertEquals(email.toLowerCase(), data.getString("email"));
        assertFalse(data.containsKey("password"));
        assertTrue(registered.header("Location").endsWith("/user/" + id), registered.header("Location"));

        Api.Reply login = api.post("/user/login", null, Accounts.credentials(email.toUpperCase(), Accounts.PASSWORD));
        assertEquals(200, login.status(), login::toString);
        assertEquals("Welcome !", login.json().getString("message"));
        assertEquals("Bearer", login.data().getString("token_type"));
        assertEquals(300, login.data().getInt("expires_in"));
        String token = login.data().getString("token");

        Api.Reply read = api.get("/user/" + id, "Bearer " + token);
        assertEquals(200, read.status(), read::toString);
        assertEquals("Success", read.json().getString("message"));
        assertEquals(id, read.data().getString("id"));
        assertEquals("user", read.data().getJsonArray("roles").getString(0));
        assertNotNull(read.data().getString("created_at"));
        assertFalse(read.data().containsKey("password_hash"));

        Api.Reply bare = api.get("/user/" + id, token);
        assertEquals(200, bare.status(), "a bare token is accepted as API Gateway passes it");

        String newEmail = Accounts.uniqueEmail("renamed");
        Api.Reply updated = api.put("/user/" + id, "Bearer " + token, Json.createObjectBuilder()
                .add("first_name", "Augusta").add("last_name", "King").add("email", newEmail).build().toString());
        assertEquals(200, updated.status(), updated::toString);
        assertEquals("Data Updated Successfully !", updated.json().getString("message"));
        assertEquals("Augusta", updated.data().getString("first_name"));
        assertEquals(newEmail, api.get("/user/" + id, "Bearer " + token).data().getString("email"));

        Api.Reply refreshed = api.post("/user/refresh-token", "Bearer " + token,
                Json.createObjectBuilder().add("token", token).build().toString());
        assertEquals(200, refreshed.status(), refreshed::toString);
        assertTrue(refreshed.isNull("message"));
        String newToken = refreshed.data().getString("token");
        assertNotEquals(token, newToken);
        assertEquals(200, api.get("/user/" + id, "Bearer " + newToken).status());

        Api.Reply deleted = api.delete("/user/" + id, "Bearer " + newToken);
        assertEquals(204, deleted.status(), deleted::toString);
        Api.Reply gone = api.post("/user/login", null, Accounts.credentials(newEmail, Accounts.PASSWORD));
        assertEquals(401, gone.status());
    }
}
