package io.accounts.it;

import io.accounts.it.support.Accounts;
import io.accounts.it.support.Api;
import io.accounts.it.support.DeployedService;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Refresh-token rotation, reuse detection (also under concurrency), logout, and revocation by stamp. */
class TokenLifecycleIT extends DeployedService {

    private static String refreshBody(String refreshToken) {
        return Json.createObjectBuilder().add("refresh_token", refreshToken).build().toString();
    }

    private JsonObject register(String prefix) {
        String email = Accounts.uniqueEmail(prefix);
        assertEquals(201, api.post("/user", null, Accounts.registration("T", "L", email, Accounts.PASSWORD)).status());
        JsonObject tokens = accounts.login(email, Accounts.PASSWORD);
        return Json.createObjectBuilder(tokens).add("email", email).build();
    }

    @Test
    void aRefreshTokenRotatesOnceAndItsReuseRevokesTheFamily() {
        JsonObject login = register("rotate");
        String first = login.getString("refresh_token");
        assertTrue(first.length() >= 43, "at least 256 bits");

        Api.Reply rotated = api.post("/user/refresh-token", null, refreshBody(first));
        assertEquals(200, rotated.status(), rotated::toString);
        assertTrue(rotated.isNull("message"));
        String second = rotated.data().getString("refresh_token");
        assertNotEquals(first, second);
        assertEquals("Bearer", rotated.data().getString("token_type"));
        String access = rotated.data().getString("token");

        Api.Reply reused = api.post("/user/refresh-token", null, refreshBody(first));
        assertEquals(401, reused.status(), "a retired token is refused");
        assertEquals("Bearer error=\"invalid_token\"", reused.header("WWW-Authenticate"));
        assertEquals(401, api.post("/user/refresh-token", null, refreshBody(second)).status(),
                "its reuse revoked the whole family, the current token too");
        assertEquals(401, api.post("/user/refresh-token", access,
                Json.createObjectBuilder().add("token", access).build().toString()).status(),
                "nor can the family's access token be extended in the tutorial's mode");
        assertEquals(401, api.post("/user/refresh-token", null, refreshBody("not-a-token")).status());
    }

    @Test
    void ofConcurrentUsesOfOneRefreshTokenExactlyOneWins() throws Exception {
        String token = register("race").getString("refresh_token");
        int clients = 16;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return api.post("/user/refresh-token", null, refreshBody(token));
                }));
            }
            start.countDown();
            List<Api.Reply> answers = new ArrayList<>();
            for (Future<Api.Reply> reply : replies) {
                answers.add(reply.get());
            }
            List<Api.Reply> won = answers.stream().filter(r -> r.status() == 200).toList();
            assertEquals(1, won.size(), answers.toString());
            assertEquals(clients - 1, answers.stream().filter(r -> r.status() == 401).count(), answers.toString());
            String next = won.get(0).data().getString("refresh_token");
            assertEquals(401, api.post("/user/refresh-token", null, refreshBody(next)).status(),
                    "the losers were reuses: the family is revoked");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void logoutEndsTheSession() {
        JsonObject login = register("logout");
        String access = login.getString("token");
        assertEquals(401, api.post("/user/logout", null, null).status());
        Api.Reply out = api.post("/user/logout", "Bearer " + access, null);
        assertEquals(204, out.status(), out::toString);
        assertEquals(401, api.post("/user/refresh-token", null, refreshBody(login.getString("refresh_token"))).status());
        assertEquals(401, api.post("/user/refresh-token", "Bearer " + access,
                Json.createObjectBuilder().add("token", access).build().toString()).status());
        JsonObject again = accounts.login(login.getString("email"), Accounts.PASSWORD);
        assertEquals(200, api.post("/user/refresh-token", null, refreshBody(again.getString("refresh_token"))).status(),
                "another session of the same user is untouched");
    }

    @Test
    void thePasswordChangeRevokesEveryEarlierTokenAtOnce() {
        Accounts.Account user = accounts.create("pw");
        JsonObject second = accounts.login(user.email(), Accounts.PASSWORD);
        String path = "/user/" + user.id() + "/password";
        String newPassword = "a brand new passphrase";

        Api.Reply missing = api.put(path, user.bearer(), Json.createObjectBuilder().add("new_password", newPassword).build().toString());
        assertEquals(400, missing.status(), missing::toString);
        assertTrue(missing.json().getJsonObject("errors").containsKey("current_password"));
        Api.Reply wrong = api.put(path, user.bearer(), Json.createObjectBuilder().add("current_password", "nope nope")
                .add("new_password", newPassword).build().toString());
        assertEquals(400, wrong.status());
        Api.Reply weak = api.put(path, user.bearer(), Json.createObjectBuilder().add("current_password", Accounts.PASSWORD)
                .add("new_password", "short").build().toString());
        assertEquals(400, weak.status());
        assertTrue(weak.json().getJsonObject("errors").containsKey("new_password"));
        assertEquals(403, api.put(path, accounts.create("intruder").bearer(), Json.createObjectBuilder()
                .add("new_password", newPassword).build().toString()).status());

        Api.Reply changed = api.put(path, user.bearer(), Json.createObjectBuilder()
                .add("current_password", Accounts.PASSWORD).add("new_password", newPassword).build().toString());
        assertEquals(204, changed.status(), changed::toString);
        assertEquals(401, api.get("/user/" + user.id(), user.bearer()).status(), "the old access token is void");
        assertEquals(401, api.post("/user/refresh-token", null, refreshBody(second.getString("refresh_token"))).status());
        assertEquals(401, api.post("/user/login", null, Accounts.credentials(user.email(), Accounts.PASSWORD)).status());
        String fresh = accounts.login(user.email(), newPassword).getString("token");
        assertEquals(200, api.get("/user/" + user.id(), "Bearer " + fresh).status(), "a token issued after works");

        String admin = accounts.admin().bearer();
        assertEquals(204, api.put(path, admin, Json.createObjectBuilder().add("new_password", "reset by the admin")
                .build().toString()).status(), "an admin resets without the current password");
        assertEquals(401, api.get("/user/" + user.id(), "Bearer " + fresh).status());
        accounts.login(user.email(), "reset by the admin");
    }

    @Test
    void aRoleChangeTakesEffectThroughNewTokensOnly() {
        Accounts.Account user = accounts.create("roles");
        String path = "/user/" + user.id() + "/roles";
        String admin = accounts.admin().bearer();
        String promote = Json.createObjectBuilder().add("roles", Json.createArrayBuilder().add("admin").add("user")).build().toString();

        assertEquals(403, api.put(path, user.bearer(), promote).status(), "not by the user itself");
        assertEquals(401, api.put(path, null, promote).status());
        for (String bad : List.of("{\"roles\":[\"root\"]}", "{\"roles\":[]}", "{\"roles\":\"admin\"}", "{}", "{\"roles\":[1]}")) {
            Api.Reply reply = api.put(path, admin, bad);
            assertEquals(400, reply.status(), bad + " " + reply);
            assertTrue(reply.json().getJsonObject("errors").containsKey("roles"), bad);
        }
        assertEquals(404, api.put("/user/0123456789abcdef01234567/roles", admin, promote).status());

        Api.Reply promoted = api.put(path, admin, promote);
        assertEquals(200, promoted.status(), promoted::toString);
        assertEquals(List.of("admin", "user"), promoted.data().getJsonArray("roles").getValuesAs(JsonString::getString));
        assertEquals(401, api.get("/user", user.bearer()).status(), "the token with the old roles is void");
        String fresh = accounts.login(user.email(), Accounts.PASSWORD).getString("token");
        assertEquals(200, api.get("/user", "Bearer " + fresh).status(), "the new token carries admin");
    }

    @Test
    void deletingAUserVoidsItsTokensAtOnce() {
        Accounts.Account user = accounts.create("gone");
        JsonObject other = accounts.login(user.email(), Accounts.PASSWORD);
        assertEquals(204, api.delete("/user/" + user.id(), user.bearer()).status());
        assertEquals(401, api.get("/user/" + user.id(), "Bearer " + other.getString("token")).status());
        assertEquals(401, api.post("/user/refresh-token", null, refreshBody(other.getString("refresh_token"))).status());
    }
}
