package io.accounts.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Test accounts made through the API itself: every test gets its own, so tests share no state. */
public final class Accounts {

    public static final String PASSWORD = "correct horse battery staple";

    private final Api api;

    public Accounts(Api api) {
        this.api = api;
    }

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    public static String registration(String first, String last, String email, String password) {
        return Json.createObjectBuilder().add("first_name", first).add("last_name", last)
                .add("email", email).add("password", password).build().toString();
    }

    public static String credentials(String email, String password) {
        return Json.createObjectBuilder().add("email", email).add("password", password).build().toString();
    }

    /** A registered, logged-in user. */
    public Account create(String prefix) {
        String email = uniqueEmail(prefix);
        Api.Reply registered = api.post("/user", null, registration("Ada", "Lovelace", email, PASSWORD));
        assertEquals(201, registered.status(), registered::toString);
        String id = registered.data().getString("id");
        return new Account(id, email, login(email, PASSWORD).getString("token"));
    }

    public JsonObject login(String email, String password) {
        Api.Reply reply = api.post("/user/login", null, credentials(email, password));
        assertEquals(200, reply.status(), reply::toString);
        return reply.data();
    }

    public Account admin() {
        String email = System.getProperty("it.admin.email");
        JsonObject tokens = login(email, System.getProperty("it.admin.password"));
        return new Account(null, email, tokens.getString("token"));
    }

    /** An account: its id, address and a current access token. */
    public record Account(String id, String email, String token) {

        public String bearer() {
            return "Bearer " + token;
        }
    }
}
