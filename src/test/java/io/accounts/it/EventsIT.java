package io.accounts.it;

import io.accounts.it.support.Accounts;
import io.accounts.it.support.Api;
import io.accounts.it.support.Await;
import io.accounts.it.support.DeployedService;
import io.accounts.it.support.Secrets;
import io.accounts.it.support.TestSmtp;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every event type of API.md is produced by a real request and read back through {@code GET /events} (admin), by
 * type and by user, paged by keyset; no event holds a secret the tests handled.
 */
class EventsIT extends DeployedService {

    private String admin;

    /** Polls {@code GET /events} until an event of this type (for this user, when given) is there. */
    private JsonObject await(String type, String userId) throws InterruptedException {
        String query = "/events?limit=100&type=" + type + (userId == null ? "" : "&user=" + userId);
        return Await.value(type + " event" + (userId == null ? "" : " of " + userId), Duration.ofSeconds(10),
                Duration.ofMillis(100), () -> {
                    Api.Reply reply = api.get(query, admin);
                    assertEquals(200, reply.status(), reply::toString);
                    JsonArray data = reply.json().getJsonArray("data");
                    return data.isEmpty() ? Optional.empty() : Optional.of(data.getJsonObject(0));
                });
    }

    private static String body(String field, String value) {
        return Json.createObjectBuilder().add(field, value).build().toString();
    }

    @Test
    void everyTypeIsRecordedAndCanBeQueriedBack() throws Exception {
        admin = accounts.admin().bearer();
        Accounts.Account user = accounts.create("events");
        JsonObject session = accounts.login(user.email(), Accounts.PASSWORD);
        api.post("/user/login", null, Accounts.credentials(user.email(), "a wrong password"));
        Accounts.Account throttled = accounts.create("events-throttled");
        for (int i = 0; i < 6; i++) {
            api.post("/user/login", null, Accounts.credentials(throttled.email(), "wrong " + i));
        }
        String first = session.getString("refresh_token");
        String second = api.post("/user/refresh-token", null, body("refresh_token", first)).data().getString("refresh_token");
        api.post("/user/refresh-token", null, body("refresh_token", first));
        api.post("/user/logout", user.bearer(), null);
        api.put("/user/" + user.id(), user.bearer(), Json.createObjectBuilder().add("first_name", "Ada")
                .add("last_name", "Byron").add("email", user.email()).build().toString());
        api.post("/user/verify-email", null, body("token", TestSmtp.token(user.email(), "/account/verify").orElseThrow()));
        api.post("/user/password-reset", null, body("email", user.email()));
        String reset = TestSmtp.token(user.email(), "/account/reset").orElseThrow();
        String password = "a replacement long passphrase";
        api.post("/user/password-reset/confirm", null, Json.createObjectBuilder().add("token", reset)
                .add("new_password", password).build().toString());
        String token = accounts.login(user.email(), password).getString("token");
        api.put("/user/" + user.id() + "/password", "Bearer " + token, Json.createObjectBuilder()
                .add("current_password", password).add("new_password", Accounts.PASSWORD).build().toString());
        token = accounts.login(user.email(), Accounts.PASSWORD).getString("token");
        String secret = api.post("/user/" + user.id() + "/totp", "Bearer " + token, null).data().getString("secret");
        api.post("/user/" + user.id() + "/totp/confirm", "Bearer " + token, body("code", TotpIT.code(secret, 0)));
        api.send("DELETE", "/user/" + user.id() + "/totp", admin, null);
        api.put("/user/" + user.id() + "/roles", admin, "{\"roles\":[\"user\"]}");
        api.get("/user/" + accounts.create("events-other").id(), "Bearer " + accounts.login(user.email(),
                Accounts.PASSWORD).getString("token"));
        String kid = api.post("/keys/rotate?immediately=true", admin, null).data().getString("kid");
        api.post("/keys/rotate?immediately=true", admin, null);
        api.delete("/keys/" + kid, admin);
        api.delete("/user/" + user.id(), admin);

        for (String type : List.of("REGISTER", "LOGIN", "LOGIN_ERROR", "REFRESH", "REFRESH_REUSE", "LOGOUT",
                "UPDATE_PROFILE", "VERIFY_EMAIL", "PASSWORD_RESET_REQUEST", "PASSWORD_RESET", "UPDATE_PASSWORD",
                "TOTP_ENABLED", "TOTP_DISABLED", "ROLE_CHANGE", "ACCESS_DENIED", "DELETE_ACCOUNT")) {
            JsonObject event = await(type, user.id());
            assertEquals(user.id(), event.getString("user_id"), type);
            assertTrue(event.getString("time").startsWith("20"), type);
            assertEquals("127.0.0.1", event.getString("address"), type);
        }
        assertEquals("user", await("ROLE_CHANGE", user.id()).getJsonObject("details").getString("roles"));
        assertEquals("admin", await("TOTP_DISABLED", user.id()).getJsonObject("details").getString("by"));
        assertEquals(throttled.email(), await("LOGIN_THROTTLED", null).getJsonObject("details").getString("email"));
        assertEquals(kid, await("KEY_RETIRE", null).getJsonObject("details").getString("kid"));
        await("KEY_ROTATE", null);
        assertSecretsAbsent(user.id());
    }

    private void assertSecretsAbsent(String userId) {
        Api.Reply all = api.get("/events?limit=100&user=" + userId, admin);
        String text = all.response().body();
        for (String secret : Secrets.all()) {
            assertFalse(text.contains(secret), "an event holds a secret: " + secret.substring(0, 6) + "...");
        }
    }

    @Test
    void eventsPageByKeysetAndBadFiltersAre400() throws Exception {
        admin = accounts.admin().bearer();
        for (int i = 0; i < 3; i++) {
            accounts.create("events-page");
        }
        await("REGISTER", null);
        Set<String> seen = new HashSet<>();
        String after = null;
        for (int page = 0; page < 3; page++) {
            Api.Reply reply = api.get("/events?type=REGISTER&limit=2" + (after == null ? "" : "&after=" + after), admin);
            assertEquals(200, reply.status());
            for (var event : reply.json().getJsonArray("data")) {
                assertTrue(seen.add(event.asJsonObject().getString("id")), "no page overlaps");
            }
            after = reply.json().getString("next", null);
        }
        assertEquals(6, seen.size());
        for (String bad : List.of("type=NOPE", "user=123", "limit=0", "limit=101", "after=xyz", "from=yesterday")) {
            Api.Reply reply = api.get("/events?" + bad, admin);
            assertEquals(400, reply.status(), bad + " " + reply);
            assertEquals("application/problem+json", reply.contentType());
        }
        assertEquals(403, api.get("/events", accounts.create("events-nosy").bearer()).status());
        assertEquals(401, api.get("/events", null).status());
    }
}
