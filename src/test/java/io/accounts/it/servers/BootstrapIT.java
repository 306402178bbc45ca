package io.accounts.it.servers;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.accounts.it.support.Accounts;
import io.accounts.it.support.Api;
import io.accounts.it.support.RawHttp;
import io.accounts.it.support.StandaloneServer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server the test starts three times over one database, as an operator would: before its database is up (no
 * write is taken before the unique index exists), then with an {@code ADMIN_EMAIL} that somebody else registered
 * (the start is refused, the account not promoted), then with that account's own password (promoted); and the
 * last admin cannot be deleted or demoted, Traefik's headers in {@code forwarded} mode, registrations per address.
 */
class BootstrapIT {

    private static final int PORT = Integer.getInteger("it.standalone.port");
    private static final String ADMIN = "admin@bootstrap.example";
    private static final String SQUATTER_PASSWORD = "the squatter's own password";

    private static Map<String, String> settings(int mongoPort, String... more) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "mongodb.uri", "mongodb://127.0.0.1:" + mongoPort + "/?serverSelectionTimeoutMS=1000",
                "mongodb.database", "bootstrapDB"));
        for (int i = 0; i < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return settings;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theFirstAdminIsNeverWhoeverRegisteredItsAddressFirst() throws Exception {
        int mongoPort = freePort();
        MongoServer mongo = null;
        StandaloneServer server = new StandaloneServer("bootstrap", PORT, settings(mongoPort));
        Api api = server.api();
        server.startLive();
        try {
            Api.Reply early = api.post("/user", null, Accounts.registration("Early", "Bird", ADMIN, SQUATTER_PASSWORD));
            assertEquals(503, early.status(), "no write before the unique email index exists: " + early);
            mongo = new MongoServer(new MemoryBackend());
            mongo.bind("127.0.0.1", mongoPort);
            server.await("/health/ready");
            assertEquals(201, api.post("/user", null, Accounts.registration("Squat", "Ter", ADMIN, SQUATTER_PASSWORD)).status());
            assertEquals(409, api.post("/user", null, Accounts.registration("Squat", "Ter", ADMIN, SQUATTER_PASSWORD)).status(),
                    "the index was made before the first write was taken");
            List<Integer> registrations = new ArrayList<>();
            for (int i = 0; i < 19; i++) {
                registrations.add(api.post("/user", null, Accounts.registration("R", "L", Accounts.uniqueEmail("quota"),
                        Accounts.PASSWORD)).status());
            }
            assertEquals(18, registrations.stream().filter(s -> s == 201).count(), registrations.toString());
            Api.Reply throttled = api.post("/user", null, Accounts.registration("R", "L", Accounts.uniqueEmail("quota"),
                    Accounts.PASSWORD));
            assertEquals(429, registrations.get(18), "the 21st registration from one address in an hour");
            assertEquals(429, throttled.status());
            assertTrue(Long.parseLong(throttled.header("Retry-After")) > 0);
            server.stop();

            server = new StandaloneServer("bootstrap", PORT, settings(mongoPort, "admin.email", ADMIN,
                    "admin.password", "the operator's intended admin password"));
            server.startLive();
            assertTrue(server.awaitLog("refusing to make it an admin", 120), "the start names the conflict");
            assertFalse(api.get("/health/ready", null).status() == 200, "and the service does not become ready");
            server.stop();

            server = new StandaloneServer("bootstrap", PORT, settings(mongoPort, "admin.email", ADMIN,
                    "admin.password", SQUATTER_PASSWORD, "gateway.forward-headers", "forwarded"));
            server.start();
            Accounts accounts = new Accounts(api);
            String admin = "Bearer " + accounts.login(ADMIN, SQUATTER_PASSWORD).getString("token");
            assertEquals(200, api.get("/user", admin).status(), "ADMIN_PASSWORD proved the account: promoted");
            assertEquals(429, api.post("/user", null, Accounts.registration("R", "L", Accounts.uniqueEmail("quota"),
                    Accounts.PASSWORD)).status(), "the quota is kept in the database: two restarts did not reset it");
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
                // what an operator does to lift the throttles at once (README, Several nodes)
                client.getDatabase("bootstrapDB").getCollection("throttle_buckets").deleteMany(new Document());
            }
            Thread.sleep(1_100); // the node remembers a bucket it found empty for at most a second (README)
            withoutMail(api);
            String current = lastAdminRules(api, accounts, admin);
            traefikHeaders(current);
        } finally {
            server.stop();
            if (mongo != null) {
                mongo.shutdownNow();
            }
        }
    }

    /** This server has no mail relay: reset answers 503, registration works and sends nothing. */
    private static void withoutMail(Api api) {
        Api.Reply reset = api.post("/user/password-reset", null, "{\"email\":\"" + ADMIN + "\"}");
        assertEquals(503, reset.status(), "password reset needs mail: " + reset);
        String email = Accounts.uniqueEmail("mail-off");
        assertEquals(201, api.post("/user", null, Accounts.registration("U", "V", email, Accounts.PASSWORD)).status(),
                "registration works without mail");
    }

    private static String idOf(Api api, String bearer) {
        return api.get("/user?limit=100", bearer).json().getJsonArray("data").stream()
                .map(u -> u.asJsonObject()).filter(u -> u.getString("email").equals(ADMIN)).findFirst()
                .orElseThrow().getString("id");
    }

    /** Answers a current token of the first admin (role changes void the earlier ones). */
    private static String lastAdminRules(Api api, Accounts accounts, String admin) throws Exception {
        String adminId = idOf(api, admin);
        assertEquals(409, api.delete("/user/" + adminId, admin).status(), "the last admin cannot delete itself");
        assertEquals(200, api.get("/user", admin).status(), "and the refused deletion left its tokens working");
        assertEquals(403, api.put("/user/" + adminId + "/roles", admin, "{\"roles\":[\"user\"]}").status(),
                "nor demote itself (policy)");
        Accounts.Account second = accounts.create("second-admin");
        for (int round = 0; round < 6; round++) {
            Api.Reply promoted = api.put("/user/" + second.id() + "/roles", admin, "{\"roles\":[\"admin\",\"user\"]}");
            assertEquals(200, promoted.status(), "round " + round + ": " + promoted);
            String secondAdmin = "Bearer " + accounts.login(second.email(), Accounts.PASSWORD).getString("token");
            String firstAdmin = admin;
            CompletableFuture<Api.Reply> one = CompletableFuture.supplyAsync(() ->
                    api.put("/user/" + second.id() + "/roles", firstAdmin, "{\"roles\":[\"user\"]}"));
            CompletableFuture<Api.Reply> two = CompletableFuture.supplyAsync(() ->
                    api.put("/user/" + adminId + "/roles", secondAdmin, "{\"roles\":[\"user\"]}"));
            List<Integer> statuses = List.of(one.get().status(), two.get().status());
            assertFalse(statuses.equals(List.of(200, 200)), "round " + round + ": both admins demoted: " + statuses);
            String fresh = "Bearer " + accounts.login(ADMIN, SQUATTER_PASSWORD).getString("token");
            if (api.get("/user", fresh).status() != 200) {
                // the second admin won: it makes the first admin again, so every round starts alike
                String survivor = "Bearer " + accounts.login(second.email(), Accounts.PASSWORD).getString("token");
                assertEquals(200, api.put("/user/" + adminId + "/roles", survivor, "{\"roles\":[\"admin\",\"user\"]}").status());
                fresh = "Bearer " + accounts.login(ADMIN, SQUATTER_PASSWORD).getString("token");
            }
            admin = fresh;
        }
        return admin;
    }

    private static void traefikHeaders(String admin) {
        int port = PORT;
        Map<String, String> traefik = new HashMap<>(Map.of("X-Forwarded-Method", "GET", "X-Forwarded-Uri", "/user",
                "Authorization", admin));
        assertEquals(204, RawHttp.send(port, "GET", "/authorize", traefik, null).status(), "forwarded mode reads these");
        traefik.put("X-Original-Method", "POST");
        traefik.put("X-Original-URI", "/user/login");
        assertEquals(400, RawHttp.send(port, "GET", "/authorize", traefik, null).status(),
                "a client's own X-Original-* beside Traefik's: ambiguous");
        assertEquals(400, RawHttp.send(port, "GET", "/authorize", Map.of("X-Original-Method", "POST",
                "X-Original-URI", "/user/login"), null).status(), "X-Original-* alone is not read in forwarded mode");
        assertEquals(401, RawHttp.send(port, "GET", "/authorize", Map.of("X-Forwarded-Method", "GET",
                "X-Forwarded-Uri", "/user"), null).status());
    }
}
