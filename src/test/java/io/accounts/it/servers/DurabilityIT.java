package io.accounts.it.servers;

import io.accounts.it.support.Accounts;
import io.accounts.it.support.Api;
import io.accounts.it.support.Await;
import io.accounts.it.support.StandaloneServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the service acknowledged survives a crash: a server on the embedded default, concurrent writers
 * (registrations, refresh rotations, password changes, logouts), {@code kill -9} at three different moments,
 * restart, and every acknowledged write is there. Then a backup taken under write load, restored into a fresh
 * server with the README's two commands, holds everything acknowledged before the backup began.
 */
class DurabilityIT {

    private static final int PORT = Integer.getInteger("it.standalone.port");
    private static final Path BASEDIR = Path.of(System.getProperty("it.basedir"));
    private static final String ADMIN = "admin@durability.example";
    private static final String ADMIN_PASSWORD = "durability-admin-password";

    private static Map<String, String> settings(Path data) {
        return Map.of("admin.email", ADMIN, "admin.password", ADMIN_PASSWORD, "data.dir", data.toString(),
                "registration.per-address", "100000", "login.failures-per-address", "100000",
                "login.failures-per-account-address", "100000");
    }

    @Test
    void acknowledgedWritesSurviveKillMinus9AndABackupRestoresThem() throws Exception {
        Path data = BASEDIR.resolve("target/standalone-data/durability");
        Path restoredData = BASEDIR.resolve("target/standalone-data/restored");
        deleteTree(data);
        deleteTree(restoredData);
        StandaloneServer server = new StandaloneServer("durability", PORT, settings(data));
        Api api = server.api();
        Ledger ledger = new Ledger();
        server.start();
        try {
            for (long moment : List.of(1_500L, 3_000L, 4_500L)) {
                Writers writers = new Writers(api, ledger);
                Thread.sleep(moment);
                server.kill();
                writers.stop();
                server.start();
                ledger.verify(api, "after kill -9 at " + moment + " ms", ledger);
                assertFalse(server.awaitLog("MVStoreException", 0), "the store opened without repair");
            }
            Writers writers = new Writers(api, ledger);
            Thread.sleep(1_000);
            Ledger beforeBackup = ledger.copy();
            Path backup = BASEDIR.resolve("target/durability-backup.mv");
            Files.deleteIfExists(backup);
            run("scripts/backup.sh", api.base().toString().replaceAll("/$", ""), backup.toString());
            Thread.sleep(500);
            writers.stop();
            assertTrue(Files.size(backup) > 0);
            String admin = "Bearer " + api.post("/user/login", null, Accounts.credentials(ADMIN, ADMIN_PASSWORD))
                    .data().getString("token");
            Await.until("the backup recorded as a BACKUP event", Duration.ofSeconds(10), Duration.ofMillis(100),
                    () -> !api.get("/events?type=BACKUP", admin).json().getJsonArray("data").isEmpty());
            server.stop();
            run("scripts/restore.sh", backup.toString(), restoredData.toString());
            server = new StandaloneServer("restored", PORT, settings(restoredData));
            server.start();
            beforeBackup.verify(server.api(), "restored from the backup", ledger);
        } finally {
            server.stop();
        }
    }

    private static void run(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", BASEDIR.resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("ADMIN_EMAIL", ADMIN);
        builder.environment().put("ADMIN_PASSWORD", ADMIN_PASSWORD);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), script);
        assertEquals(0, process.exitValue(), script + ": " + output);
    }

    private static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static String refresh(String token) {
        return Json.createObjectBuilder().add("refresh_token", token).build().toString();
    }

    /** What the service acknowledged, and what was in flight when it died (either outcome is right for those). */
    static final class Ledger {
        final List<String> registered = new CopyOnWriteArrayList<>();
        final List<String> retired = new CopyOnWriteArrayList<>();
        final List<String> loggedOut = new CopyOnWriteArrayList<>();
        /** Per account whose password changes: the acknowledged passwords in order, and the one in flight. */
        final Map<String, List<String>> passwords = new ConcurrentHashMap<>();
        final Map<String, String> pending = new ConcurrentHashMap<>();

        Ledger copy() {
            Ledger copy = new Ledger();
            copy.registered.addAll(registered);
            copy.retired.addAll(retired);
            copy.loggedOut.addAll(loggedOut);
            passwords.forEach((email, list) -> copy.passwords.put(email, new ArrayList<>(list)));
            copy.pending.putAll(pending);
            return copy;
        }

        /**
         * Checks every acknowledged write; {@code later} is what was acknowledged since (for a backup, the writes
         * between this ledger's copy and the snapshot may be in it too).
         */
        void verify(Api api, String when, Ledger later) {
            assertTrue(registered.size() >= 3 && !retired.isEmpty() && !loggedOut.isEmpty() && !passwords.isEmpty(),
                    when + ": the writers wrote " + registered.size() + " " + retired.size() + " " + loggedOut.size());
            for (String email : registered) {
                assertEquals(200, api.post("/user/login", null, Accounts.credentials(email, Accounts.PASSWORD)).status(),
                        when + ": the acknowledged registration of " + email);
            }
            for (String token : retired) {
                assertEquals(401, api.post("/user/refresh-token", null, refresh(token)).status(),
                        when + ": a refresh token retired by an acknowledged rotation works again");
            }
            for (String token : loggedOut) {
                assertEquals(401, api.post("/user/refresh-token", null, refresh(token)).status(),
                        when + ": a family revoked by an acknowledged logout came back");
            }
            passwords.forEach((email, list) -> {
                List<String> laterList = later.passwords.get(email);
                List<String> candidates = new ArrayList<>(laterList.subList(list.size() - 1, laterList.size()));
                if (later.pending.get(email) != null) {
                    candidates.add(later.pending.get(email));
                }
                String works = candidates.stream().filter(p -> api.post("/user/login", null,
                        Accounts.credentials(email, p)).status() == 200).findFirst().orElse(null);
                assertTrue(works != null, when + ": the last acknowledged password of " + email);
                for (String old : list.subList(0, list.size() - 1)) {
                    assertEquals(401, api.post("/user/login", null, Accounts.credentials(email, old)).status(),
                            when + ": a changed password works again");
                }
                if (later == this && !works.equals(list.get(list.size() - 1))) {
                    list.add(works);
                }
                pending.remove(email);
            });
        }
    }

    /** Four writers, each on its own account, until stopped; a request the dying server never answered ends its writer. */
    static final class Writers {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final List<Thread> threads = new ArrayList<>();

        Writers(Api api, Ledger ledger) {
            Accounts accounts = new Accounts(api);
            Accounts.Account changer = accounts.create("durable-password");
            ledger.passwords.put(changer.email(), new CopyOnWriteArrayList<>(List.of(Accounts.PASSWORD)));
            start(() -> {
                while (!stop.get()) {
                    String email = Accounts.uniqueEmail("durable");
                    if (api.post("/user", null, Accounts.registration("D", "L", email, Accounts.PASSWORD)).status() == 201) {
                        ledger.registered.add(email);
                    }
                }
            });
            Accounts.Account rotator = accounts.create("durable-rotator");
            Accounts.Account leaver = accounts.create("durable-logout");
            start(() -> {
                String token = accounts.login(rotator.email(), Accounts.PASSWORD).getString("refresh_token");
                while (!stop.get()) {
                    Api.Reply rotated = api.post("/user/refresh-token", null, refresh(token));
                    if (rotated.status() != 200) {
                        return;
                    }
                    ledger.retired.add(token);
                    token = rotated.data().getString("refresh_token");
                }
            });
            start(() -> {
                while (!stop.get()) {
                    JsonObject session = accounts.login(leaver.email(), Accounts.PASSWORD);
                    if (api.post("/user/logout", "Bearer " + session.getString("token"), null).status() == 204) {
                        ledger.loggedOut.add(session.getString("refresh_token"));
                    }
                }
            });
            start(() -> {
                for (int i = 0; !stop.get(); i++) {
                    String next = "durable passphrase number " + i + " " + System.nanoTime();
                    String token = accounts.login(changer.email(), current(ledger, changer)).getString("token");
                    ledger.pending.put(changer.email(), next);
                    Api.Reply changed = api.put("/user/" + changer.id() + "/password", "Bearer " + token,
                            "{\"current_password\":\"" + current(ledger, changer) + "\",\"new_password\":\"" + next + "\"}");
                    if (changed.status() == 204) {
                        ledger.passwords.get(changer.email()).add(next);
                        ledger.pending.remove(changer.email());
                    }
                }
            });
        }

        private static String current(Ledger ledger, Accounts.Account account) {
            List<String> list = ledger.passwords.get(account.email());
            return list.get(list.size() - 1);
        }

        private void start(Runnable writer) {
            Thread thread = new Thread(() -> {
                try {
                    writer.run();
                } catch (RuntimeException | AssertionError e) {
                    // the server died under the request, or a write lost a race with another writer
                }
            });
            thread.start();
            threads.add(thread);
        }

        void stop() throws InterruptedException {
            stop.set(true);
            for (Thread thread : threads) {
                thread.join(120_000);
            }
        }
    }
}
