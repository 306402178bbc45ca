package io.accounts.it;

import io.accounts.it.support.Accounts;
import io.accounts.it.support.Api;
import io.accounts.it.support.DeployedService;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tutorial's whole story against the real WAR on Open Liberty and a real wire-protocol MongoDB. */
class UserStoryIT extends DeployedService {

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

    @Test
    void concurrentRegistrationsOfOneAddressLetExactlyOneWin() throws Exception {
        String email = Accounts.uniqueEmail("race");
        int clients = 12;
        var pool = Executors.newFixedThreadPool(clients);
        try {
            var start = new CountDownLatch(1);
            var replies = new ArrayList<Future<Integer>>();
            for (int i = 0; i < clients; i++) {
                String address = i % 2 == 0 ? email : email.toUpperCase();
                replies.add(pool.submit(() -> {
                    start.await();
                    return api.post("/user", null, Accounts.registration("R", "C", address, Accounts.PASSWORD)).status();
                }));
            }
            start.countDown();
            var statuses = new ArrayList<Integer>();
            for (var reply : replies) {
                statuses.add(reply.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(clients - 1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void adminPagesThroughUsersByIdWithACursor() {
        for (int i = 0; i < 5; i++) {
            accounts.create("page");
        }
        String admin = accounts.admin().bearer();
        var seen = new ArrayList<String>();
        String after = null;
        int pages = 0;
        do {
            Api.Reply page = api.get("/user?limit=2" + (after == null ? "" : "&after=" + after), admin);
            assertEquals(200, page.status(), page::toString);
            assertEquals("Success", page.json().getString("message"));
            var data = page.json().getJsonArray("data");
            assertTrue(data.size() <= 2);
            data.forEach(u -> {
                assertFalse(u.asJsonObject().containsKey("password_hash"));
                seen.add(u.asJsonObject().getString("id"));
            });
            after = page.isNull("next") ? null : page.json().getString("next");
            pages++;
        } while (after != null && pages < 1000);
        assertTrue(seen.size() >= 6, "admin + 5 users at least: " + seen.size());
        var sorted = new ArrayList<>(seen);
        Collections.sort(sorted);
        assertEquals(sorted, seen, "ordered by id, no page overlaps");
        assertEquals(seen.size(), new HashSet<>(seen).size());
        Api.Reply first = api.get("/user", admin);
        assertTrue(first.json().getJsonArray("data").size() <= 20);
    }

    @Test
    void healthAndOpenApiAreServed() {
        Api.Reply ready = api.get("/health/ready", null);
        assertEquals(200, ready.status(), ready::toString);
        assertEquals("UP", ready.json().getString("status"));
        assertEquals(200, api.get("/health/live", null).status());
        Api.Reply openapi = api.send("GET", "/openapi?format=JSON", null, null);
        assertEquals(200, openapi.status());
        JsonObject paths = openapi.json().getJsonObject("paths");
        Map<String, List<String>> operations = Map.ofEntries(Map.entry("/user", List.of("get", "post")),
                Map.entry("/user/{id}", List.of("get", "put", "delete")), Map.entry("/user/login", List.of("post")),
                Map.entry("/user/refresh-token", List.of("post")), Map.entry("/user/logout", List.of("post")),
                Map.entry("/user/{id}/password", List.of("put")), Map.entry("/user/{id}/roles", List.of("put")),
                Map.entry("/keys", List.of("get")), Map.entry("/keys/rotate", List.of("post")),
                Map.entry("/keys/{kid}", List.of("delete")), Map.entry("/authorize", List.of("get", "post")),
                Map.entry("/.well-known/jwks.json", List.of("get")),
                Map.entry("/.well-known/openid-configuration", List.of("get")), Map.entry("/backup", List.of("get")),
                Map.entry("/user/password-reset", List.of("post")), Map.entry("/user/password-reset/confirm", List.of("post")),
                Map.entry("/user/verify-email", List.of("post")), Map.entry("/user/{id}/verify-email/resend", List.of("post")),
                Map.entry("/user/{id}/totp", List.of("post", "delete")), Map.entry("/user/{id}/totp/confirm", List.of("post")),
                Map.entry("/events", List.of("get")), Map.entry("/user/{id}/sessions", List.of("get", "delete")),
                Map.entry("/user/{id}/sessions/{sid}", List.of("delete")),
                Map.entry("/user/email-change/revert", List.of("post")),
                Map.entry("/user/{id}/passkeys", List.of("get", "post")),
                Map.entry("/user/{id}/passkeys/options", List.of("post")),
                Map.entry("/user/{id}/passkeys/{pid}", List.of("delete")),
                Map.entry("/user/passkey-login/options", List.of("post")), Map.entry("/user/passkey-login", List.of("post")),
                Map.entry("/clients", List.of("get", "post")), Map.entry("/clients/{clientId}", List.of("delete")),
                Map.entry("/oauth2/authorize", List.of("get", "post")), Map.entry("/oauth2/token", List.of("post")),
                Map.entry("/oauth2/userinfo", List.of("get", "post")), Map.entry("/oauth2/revoke", List.of("post")),
                Map.entry("/oauth2/introspect", List.of("post")), Map.entry("/oauth2/logout", List.of("get", "post")));
        operations.forEach((path, verbs) -> {
            assertTrue(paths.containsKey(path), path + " in " + paths.keySet());
            assertTrue(paths.getJsonObject(path).keySet().containsAll(verbs), path + ": " + paths.getJsonObject(path));
        });
        assertEquals(operations.keySet(), paths.keySet(), "the same document on both servers: every endpoint, no other");
        assertTrue(openapi.response().body().contains("\"maxLength\""),
                "the request schemas carry their Bean Validation constraints on both servers");
        if (!onPayara()) {
            // Payara Micro has no OpenAPI UI (README, "Differences between the servers")
            assertEquals(200, api.send("GET", "/openapi/ui/", null, null).status());
        }
    }
}
