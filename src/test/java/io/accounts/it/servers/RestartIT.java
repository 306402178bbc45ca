package io.accounts.it.servers;

import io.accounts.it.TotpIT;
import io.accounts.it.support.Accounts;
import io.accounts.it.support.Api;
import io.accounts.it.support.Secrets;
import io.accounts.it.support.StandaloneServer;
import io.accounts.it.support.TestMongo;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Servers started and restarted like an operator would, with the shipped configuration: users, keys,
 * refresh-token families and still-valid tokens survive a restart (embedded default and MONGODB_URI), and a
 * burst of 200 logins against a -Xmx256m server (m=19 MiB) gets only 200/401/429/503 and leaves it serving.
 */
class RestartIT {

    private static final int PORT = Integer.getInteger("it.standalone.port");

    private static Map<String, String> settings(String name) {
        return Map.of("admin.email", "admin@restart.example", "admin.password", "restart-admin-password",
                "data.dir", dataDir(name).toString(), "refresh.reuse-grace-seconds", "30");
    }

    private static Path dataDir(String name) {
        return Path.of(System.getProperty("it.basedir"), "target", "standalone-data", name);
    }

    private static String refresh(String token) {
        return Json.createObjectBuilder().add("refresh_token", token).build().toString();
    }

    /**
     * The README's default, without jwt.key-encryption-key: a second-factor secret is sealed under the key the
     * server generated (before, it was stored in clear), so the database file does not hold it; after a restart the
     * same key opens it. Answers the secret.
     */
    private static String enrolSecondFactor(Api api, Accounts.Account user) throws Exception {
        String secret = api.post("/user/" + user.id() + "/totp", user.bearer(), null).data().getString("secret");
        Api.Reply confirmed = api.post("/user/" + user.id() + "/totp/confirm", user.bearer(), Json.createObjectBuilder()
                .add("code", TotpIT.code(secret, 0)).build().toString());
        assertEquals(200, confirmed.status(), confirmed::toString);
        return secret;
    }

    /**
     * With refresh.reuse-grace-seconds (30 here), a retry of a rotation gets the same pair; a token two rotations
     * back still ends the family.
     */
    private static void aRetryWithinTheGraceGetsTheSamePair(Api api, String refreshToken) {
        Api.Reply first = api.post("/user/refresh-token", null, refresh(refreshToken));
        assertEquals(200, first.status(), first::toString);
        Api.Reply retry = api.post("/user/refresh-token", null, refresh(refreshToken));
        assertEquals(200, retry.status(), "a lost answer retried: " + retry);
        assertEquals(first.data().getString("refresh_token"), retry.data().getString("refresh_token"), "same pair");
        assertEquals(first.data().getString("token"), retry.data().getString("token"));
        String next = first.data().getString("refresh_token");
        Api.Reply onward = api.post("/user/refresh-token", null, refresh(next));
        assertEquals(200, onward.status(), onward::toString);
        assertEquals(401, api.post("/user/refresh-token", null, refresh(refreshToken)).status(),
                "two rotations back is a reuse");
        assertEquals(401, api.post("/user/refresh-token", null, refresh(onward.data().getString("refresh_token")))
                .status(), "which ended the family");
    }

    private static void survivesARestart(StandaloneServer server, Path dataFile) throws Exception {
        Api api = server.api();
        Accounts accounts = new Accounts(api);
        server.start();
        try {
            Accounts.Account user = accounts.create("restart");
            JsonObject session = accounts.login(user.email(), Accounts.PASSWORD);
            String kids = api.get("/.well-known/jwks.json", null).response().body();
            Accounts.Account second = accounts.create("restart-totp");
            String secret = enrolSecondFactor(api, second);
            server.stop();
            if (dataFile != null) {
                byte[] file = Files.readAllBytes(dataFile);
                assertFalse(new String(file, StandardCharsets.ISO_8859_1).contains(secret),
                        "the second-factor secret is not in the database file in clear");
            }
            server.start();
            assertEquals(200, api.get("/user/" + user.id(), user.bearer()).status(), "the access token still verifies");
            assertEquals(kids, api.get("/.well-known/jwks.json", null).response().body(), "the same keys");
            Api.Reply rotated = api.post("/user/refresh-token", null, Json.createObjectBuilder()
                    .add("refresh_token", session.getString("refresh_token")).build().toString());
            assertEquals(200, rotated.status(), "the refresh-token family survived: " + rotated);
            assertEquals(200, api.post("/user/login", null, Accounts.credentials(user.email(), Accounts.PASSWORD)).status());
            assertEquals(409, api.post("/user", null, Accounts.registration("A", "B", user.email(), Accounts.PASSWORD)).status(),
                    "the unique index survived too");
            Api.Reply withCode = api.post("/user/login", null, Json.createObjectBuilder().add("email", second.email())
                    .add("password", Accounts.PASSWORD).add("otp", TotpIT.code(secret, 1)).build().toString());
            assertEquals(200, withCode.status(), "the sealed secret opens after the restart: " + withCode);
            aRetryWithinTheGraceGetsTheSamePair(api, withCode.data().getString("refresh_token"));
        } finally {
            server.stop();
            assertNoSecretsIn(server.logs());
        }
    }

    @Test
    void theEmbeddedDefaultKeepsEverythingAcrossARestart() throws Exception {
        survivesARestart(new StandaloneServer("restart-embedded", PORT, settings("embedded")),
                dataDir("embedded").resolve("mongo.mv"));
    }

    @Test
    void anExternalMongoDbKeepsEverythingAcrossARestart() throws Exception {
        Map<String, String> settings = new HashMap<>(settings("external"));
        settings.put("mongodb.uri", TestMongo.uri());
        settings.put("mongodb.database", "restartDB");
        survivesARestart(new StandaloneServer("restart-external", PORT, settings), null);
    }

    @Test
    void twoHundredConcurrentLoginsOnA256MiBHeapGetOnlyExpectedAnswers() throws Exception {
        StandaloneServer server = new StandaloneServer("burst", PORT, settings("burst"));
        String shipped = Files.readString(server.jvmOptions());
        Files.writeString(server.jvmOptions(), shipped.replaceAll("(?m)^-Xmx\\S+$", "-Xmx256m"));
        assertTrue(Files.readString(server.jvmOptions()).contains("-Xmx256m"), "the heap the issue names");
        Api api = server.api();
        server.start();
        ExecutorService pool = Executors.newFixedThreadPool(200);
        try {
            Accounts accounts = new Accounts(api);
            List<Accounts.Account> users = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                users.add(accounts.create("burst"));
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String email = i % 2 == 0 ? users.get(i % 4).email() : Accounts.uniqueEmail("burst-unknown");
                String password = i % 4 == 0 ? Accounts.PASSWORD : "a wrong password " + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.post("/user/login", null, Accounts.credentials(email, password)).status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertTrue(Set.of(200, 401, 429, 503).containsAll(statuses), "statuses: " + statuses);
            assertTrue(statuses.contains(200), "some logins succeeded: " + statuses);
            assertEquals(200, api.get("/health/ready", null).status(), "still ready");
            assertEquals(200, api.post("/user/login", null, Accounts.credentials(users.get(1).email(), Accounts.PASSWORD))
                    .status(), "and serving normally");
        } finally {
            pool.shutdownNow();
            server.stop();
            assertNoSecretsIn(server.logs());
        }
    }

    private static void assertNoSecretsIn(Path logs) {
        List<String> leaks = Secrets.scan(logs, Secrets.all());
        assertTrue(leaks.isEmpty(), "secrets in " + logs + ": " + leaks);
        assertTrue(Secrets.count() > 0);
    }
}
