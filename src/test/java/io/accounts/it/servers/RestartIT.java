package io.accounts.it.servers;

import io.accounts.it.support.Accounts;
import io.accounts.it.support.Api;
import io.accounts.it.support.Secrets;
import io.accounts.it.support.StandaloneServer;
import io.accounts.it.support.TestMongo;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
                "data.dir", Path.of(System.getProperty("it.basedir"), "target", "standalone-data", name).toString());
    }

    private static void survivesARestart(StandaloneServer server) throws Exception {
        Api api = server.api();
        Accounts accounts = new Accounts(api);
        server.start();
        try {
            Accounts.Account user = accounts.create("restart");
            JsonObject session = accounts.login(user.email(), Accounts.PASSWORD);
            String kids = api.get("/.well-known/jwks.json", null).response().body();
            server.stop();
            server.start();
            assertEquals(200, api.get("/user/" + user.id(), user.bearer()).status(), "the access token still verifies");
            assertEquals(kids, api.get("/.well-known/jwks.json", null).response().body(), "the same keys");
            Api.Reply rotated = api.post("/user/refresh-token", null, Json.createObjectBuilder()
                    .add("refresh_token", session.getString("refresh_token")).build().toString());
            assertEquals(200, rotated.status(), "the refresh-token family survived: " + rotated);
            assertEquals(200, api.post("/user/login", null, Accounts.credentials(user.email(), Accounts.PASSWORD)).status());
            assertEquals(409, api.post("/user", null, Accounts.registration("A", "B", user.email(), Accounts.PASSWORD)).status(),
                    "the unique index survived too");
        } finally {
            server.stop();
            assertNoSecretsIn(server.logs());
        }
    }

    @Test
    void theEmbeddedDefaultKeepsEverythingAcrossARestart() throws Exception {
        survivesARestart(new StandaloneServer("restart-embedded", PORT, settings("embedded")));
    }

    @Test
    void anExternalMongoDbKeepsEverythingAcrossARestart() throws Exception {
        Map<String, String> settings = new HashMap<>(settings("external"));
        settings.put("mongodb.uri", TestMongo.uri());
        settings.put("mongodb.database", "restartDB");
        survivesARestart(new StandaloneServer("restart-external", PORT, settings));
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
