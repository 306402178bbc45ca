package io.accounts.it.servers;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.accounts.it.support.Accounts;
import io.accounts.it.support.Api;
import io.accounts.it.support.SoftwareAuthenticator;
import io.accounts.it.support.Await;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two nodes behind a round-robin balancer behave as one service, with real processes only: the README's
 * {@code scripts/cluster.sh start 2} (one database process, two Open Liberty servers, Debian's nginx) once for the
 * class, then each cross-node promise of the scale-out issue, the measured database cost of each request kind, and
 * a node killed under load. Each test stands alone, in any order: its own users, and the killed node started again
 * ({@code scripts/cluster.sh start-node 1}) before its test ends.
 */
class ClusterIT {

    private static final Path BASEDIR = Path.of(System.getProperty("it.basedir"));
    private static final Path DIR = BASEDIR.resolve("target/cluster-it");
    private static final int BALANCER = Integer.getInteger("it.cluster.port");
    private static final int NODE_A = Integer.getInteger("it.cluster.node1.port");
    private static final int NODE_B = Integer.getInteger("it.cluster.node2.port");
    private static final int DATABASE = Integer.getInteger("it.cluster.db.port");
    private static final long REVOCATION_CACHE_SECONDS = 2;
    private static final long KEYS_REFRESH_SECONDS = 2;
    private static final String ADMIN = "admin@cluster.example";
    private static final String ADMIN_PASSWORD = "cluster-admin-password-for-tests";

    private static final Api A = api(NODE_A);
    private static final Api B = api(NODE_B);
    private static final Api BALANCED = api(BALANCER);

    private static Api api(int port) {
        return new Api(URI.create("http://localhost:" + port + "/"));
    }

    @BeforeAll
    static void startCluster() throws Exception {
        Files.createDirectories(DIR);
        Path properties = DIR.resolve("node.properties");
        Files.writeString(properties, String.join("\n",
                "admin.email=" + ADMIN, "admin.password=" + ADMIN_PASSWORD,
                "revocation.cache-seconds=" + REVOCATION_CACHE_SECONDS,
                "jwt.keys-refresh-seconds=" + KEYS_REFRESH_SECONDS,
                "registration.per-address=100000", "login.failures-per-address=100000",
                "login.failures-per-account=100000", "login.failures-per-account-address=5",
                "webauthn.origins=http://localhost:" + BALANCER, ""));
        cluster("stop");
        cluster("start", "2", "CLUSTER_PROPERTIES=" + properties);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster("stop");
    }

    @Test
    void aTokenFromOneNodeWorksOnTheOther() {
        Accounts.Account user = new Accounts(A).create("cluster-token");
        assertEquals(200, B.get("/user/" + user.id(), user.bearer()).status());
        Api.Reply viaBalancer = BALANCED.get("/user/" + user.id(), user.bearer());
        assertEquals(200, viaBalancer.status(), viaBalancer::toString);
    }

    @Test
    void aPasskeyCeremonyBegunOnOneNodeEndsOnTheOtherAndItsChallengeWorksOnce() throws Exception {
        Accounts.Account user = new Accounts(A).create("cluster-passkey");
        SoftwareAuthenticator key = SoftwareAuthenticator.es256();
        String origin = "http://localhost:" + BALANCER;
        Api.Reply options = A.post("/user/" + user.id() + "/passkeys/options", user.bearer(), null);
        assertEquals(200, options.status(), options::toString);
        Api.Reply added = B.post("/user/" + user.id() + "/passkeys", user.bearer(),
                key.register(options.data(), origin).toString());
        assertEquals(201, added.status(), "registration begun on A, finished on B: " + added);
        String challenge = B.post("/user/passkey-login/options", null, null).data().getString("challenge");
        JsonObject response = key.signIn(challenge, origin);
        Api.Reply signedIn = A.post("/user/passkey-login", null, response.toString());
        assertEquals(200, signedIn.status(), "sign-in begun on B, finished on A: " + signedIn);
        assertEquals(401, B.post("/user/passkey-login", null, response.toString()).status(),
                "the challenge was used up on the other node");
    }

    @Test
    void aRefreshFamilyRotatedAlternatelyOnBothNodesStaysValid() {
        Registered user = register(A, "cluster-rotate");
        String refresh = user.login().getString("refresh_token");
        for (int i = 0; i < 6; i++) {
            Api node = i % 2 == 0 ? B : A;
            Api other = i % 2 == 0 ? A : B;
            Api.Reply rotated = node.post("/user/refresh-token", null, refreshBody(refresh));
            assertEquals(200, rotated.status(), "rotation " + i + ": " + rotated);
            refresh = rotated.data().getString("refresh_token");
            assertEquals(200, other.get("/user/" + user.id(), "Bearer " + rotated.data().getString("token")).status(),
                    "its access token works on the other node");
        }
    }

    @Test
    void aReuseOnOneNodeOfATokenRetiredOnTheOtherRevokesTheFamilyOnBoth() {
        String first = register(A, "cluster-reuse").login().getString("refresh_token");
        Api.Reply rotated = A.post("/user/refresh-token", null, refreshBody(first));
        assertEquals(200, rotated.status(), rotated::toString);
        String second = rotated.data().getString("refresh_token");
        assertEquals(401, B.post("/user/refresh-token", null, refreshBody(first)).status(), "the retired token, reused");
        assertEquals(401, A.post("/user/refresh-token", null, refreshBody(second)).status(), "the family is revoked");
        assertEquals(401, B.post("/user/refresh-token", null, refreshBody(second)).status(), "on both nodes");
    }

    @Test
    void aPasswordChangedOnOneNodeEndsTheOldAccessTokenOnTheOtherWithinTheRevocationCache() throws Exception {
        Accounts.Account user = new Accounts(A).create("cluster-password");
        assertEquals(200, B.get("/user/" + user.id(), user.bearer()).status(), "B has verified (and cached) it");
        Api.Reply changed = A.put("/user/" + user.id() + "/password", user.bearer(), Json.createObjectBuilder()
                .add("current_password", Accounts.PASSWORD).add("new_password", "a new and long passphrase 42")
                .build().toString());
        assertEquals(204, changed.status(), changed::toString);
        long changedAt = System.nanoTime();
        int status = Await.poll(Duration.ofSeconds(REVOCATION_CACHE_SECONDS + 3), Duration.ofMillis(100), () -> {
            int answer = B.get("/user/" + user.id(), user.bearer()).status();
            return answer == 200 ? Optional.<Integer>empty() : Optional.of(answer);
        }).orElse(200);
        long took = elapsedMillis(changedAt);
        assertEquals(401, status, "the old token fails on B");
        assertTrue(took <= REVOCATION_CACHE_SECONDS * 1000 + 500,
                "within revocation.cache-seconds (" + REVOCATION_CACHE_SECONDS + " s): " + took + " ms");
    }

    @Test
    void aKeyRotatedOnOneNodeVerifiesOnTheOtherAtOnceAndSignsThereWithinTheRefresh() throws Exception {
        String admin = "Bearer " + new Accounts(A).login(ADMIN, ADMIN_PASSWORD).getString("token");
        Accounts.Account user = new Accounts(B).create("cluster-key");
        Api.Reply rotated = A.post("/keys/rotate?immediately=true", admin, null);
        assertEquals(200, rotated.status(), rotated::toString);
        String kid = rotated.data().getString("kid");
        long rotatedAt = System.nanoTime();
        String fromA = new Accounts(A).login(user.email(), Accounts.PASSWORD).getString("token");
        assertEquals(kid, kidOf(fromA), "A signs with its new key");
        assertEquals(200, B.get("/user/" + user.id(), "Bearer " + fromA).status(), "B verifies it at once (kid miss)");
        boolean signs = Await.holds(Duration.ofSeconds(KEYS_REFRESH_SECONDS + 5), Duration.ofMillis(200),
                () -> kid.equals(kidOf(new Accounts(B).login(user.email(), Accounts.PASSWORD).getString("token"))));
        long took = elapsedMillis(rotatedAt);
        assertTrue(signs, "B signs with the new key");
        assertTrue(took <= KEYS_REFRESH_SECONDS * 1000 + 1500,
                "within jwt.keys-refresh-seconds (" + KEYS_REFRESH_SECONDS + " s) and a login: " + took + " ms");
    }

    @Test
    void sixteenConcurrentUsesOfOneRefreshTokenOnBothNodesMakeExactlyOneSuccess() throws Exception {
        String refresh = register(B, "cluster-race").login().getString("refresh_token");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> uses = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Api node = i % 2 == 0 ? A : B;
                uses.add(pool.submit(() -> {
                    start.await();
                    return node.post("/user/refresh-token", null, refreshBody(refresh)).status();
                }));
            }
            start.countDown();
            Map<Integer, Integer> statuses = new LinkedHashMap<>();
            for (Future<Integer> use : uses) {
                statuses.merge(use.get(60, TimeUnit.SECONDS), 1, Integer::sum);
            }
            assertEquals(Map.of(200, 1, 401, 15), statuses);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theLoginThrottleHoldsAcrossNodes() {
        Accounts.Account user = new Accounts(A).create("cluster-throttle");
        for (int i = 0; i < 5; i++) {
            Api node = i % 2 == 0 ? A : B;
            assertEquals(401, node.post("/user/login", null, Accounts.credentials(user.email(), "wrong " + i)).status(),
                    "failure " + (i + 1) + " of 5");
        }
        assertEquals(429, B.post("/user/login", null, Accounts.credentials(user.email(), "wrong again")).status());
        assertEquals(429, A.post("/user/login", null, Accounts.credentials(user.email(), Accounts.PASSWORD)).status(),
                "the pair's bucket is empty on every node");
    }

    @Test
    void theDatabaseCostOfEachRequestIsMeasuredAtTheDatabase() throws Exception {
        int n = 20;
        List<Accounts.Account> users = new ArrayList<>();
        Map<String, Map<String, Double>> costs = new LinkedHashMap<>();
        costs.put("registration", perRequest(n, () -> {
            for (int i = 0; i < n; i++) {
                String email = Accounts.uniqueEmail("cluster-cost");
                Api.Reply registered = BALANCED.post("/user", null, Accounts.registration("Ada", "Lovelace", email,
                        Accounts.PASSWORD));
                assertEquals(201, registered.status(), registered::toString);
                users.add(new Accounts.Account(registered.data().getString("id"), email, null));
            }
        }));
        costs.put("login, first from this address", perRequest(n, () -> {
            for (Accounts.Account user : users) {
                new Accounts(BALANCED).login(user.email(), Accounts.PASSWORD);
            }
        }));
        List<String> refreshTokens = new ArrayList<>();
        costs.put("login, from a known address", perRequest(n, () -> {
            for (Accounts.Account user : users) {
                refreshTokens.add(new Accounts(BALANCED).login(user.email(), Accounts.PASSWORD)
                        .getString("refresh_token"));
            }
        }));
        costs.put("failed login", perRequest(n, () -> {
            for (Accounts.Account user : users) {
                assertEquals(401, BALANCED.post("/user/login", null, Accounts.credentials(user.email(), "not it"))
                        .status());
            }
        }));
        List<String> accessTokens = new ArrayList<>();
        costs.put("refresh", perRequest(n, () -> {
            for (String refresh : refreshTokens) {
                Api.Reply reply = BALANCED.post("/user/refresh-token", null, refreshBody(refresh));
                assertEquals(200, reply.status(), reply::toString);
                accessTokens.add(reply.data().getString("token"));
            }
        }));
        costs.put("authorized request, first on a node", perRequest(2 * n, () -> {
            for (int i = 0; i < n; i++) {
                assertEquals(200, A.get("/user/" + users.get(i).id(), "Bearer " + accessTokens.get(i)).status());
                assertEquals(200, B.get("/user/" + users.get(i).id(), "Bearer " + accessTokens.get(i)).status());
            }
        }));
        costs.put("authorized request, repeated", perRequest(10 * n, () -> {
            for (int round = 0; round < 10; round++) {
                for (int i = 0; i < n; i++) {
                    Api node = round % 2 == 0 ? A : B;
                    assertEquals(200, node.get("/user/" + users.get(i).id(), "Bearer " + accessTokens.get(i)).status());
                }
            }
        }));
        costs.put("logout (revocation)", perRequest(n, () -> {
            for (int i = 0; i < n; i++) {
                Api.Reply out = BALANCED.post("/user/logout", "Bearer " + accessTokens.get(i), null);
                assertEquals(204, out.status(), out::toString);
            }
        }));
        StringBuilder report = new StringBuilder("database operations per request, counted at the database process"
                + " (2 nodes behind nginx, " + n + " users, revocation.cache-seconds=" + REVOCATION_CACHE_SECONDS
                + ", jwt.keys-refresh-seconds=" + KEYS_REFRESH_SECONDS + ", requests one after another)\n");
        costs.forEach((kind, ops) -> report.append(String.format("%-40s %s%n", kind, ops)));
        Files.writeString(BASEDIR.resolve("target/cluster-database-cost.txt"), report);
        System.out.print(report);
        assertTrue(costs.get("login, from a known address").getOrDefault("find", 0.0) >= 1, "a login reads the user: "
                + costs);
        assertTrue(costs.get("authorized request, repeated").keySet().stream().noneMatch(c -> !c.equals("find")),
                "an authorized request writes nothing: " + costs);
    }

    @Test
    void aNodeKilledUnderLoadLosesNoAcknowledgedWriteAndTheOtherKeepsServing() throws Exception {
        String admin = "Bearer " + new Accounts(B).login(ADMIN, ADMIN_PASSWORD).getString("token");
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        for (int w = 0; w < 4; w++) {
            writers.submit(() -> {
                while (running.get()) {
                    String email = Accounts.uniqueEmail("cluster-kill");
                    try {
                        Api.Reply reply = BALANCED.post("/user", null,
                                Accounts.registration("Kill", "Test", email, Accounts.PASSWORD));
                        if (reply.status() == 201) {
                            acknowledged.add(reply.data().getString("id"));
                        }
                    } catch (RuntimeException e) {
                        // a request cut by the kill: not acknowledged
                    }
                }
                return null;
            });
        }
        int beforeKill;
        try {
            Thread.sleep(1_500);
            beforeKill = acknowledged.size();
            long pid = nodePid("node1");
            ProcessHandle node = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no node1 pid " + pid));
            node.destroyForcibly();
            node.onExit().get(30, TimeUnit.SECONDS);
            Thread.sleep(2_000);
        } finally {
            running.set(false);
            writers.shutdown();
            assertTrue(writers.awaitTermination(60, TimeUnit.SECONDS));
            cluster("start-node", "1");
        }
        assertTrue(acknowledged.size() > beforeKill, "registrations went on after the kill: " + beforeKill + " then "
                + acknowledged.size());
        for (String id : acknowledged) {
            Api.Reply found = BALANCED.get("/user/" + id, admin);
            assertEquals(200, found.status(), "acknowledged registration " + id + ": " + found);
        }
        for (int i = 0; i < 10; i++) {
            assertEquals(200, BALANCED.get("/health/ready", null).status(), "the balancer keeps answering");
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    /** The data commands the database served while {@code work} ran, divided by its {@code requests}. */
    private static Map<String, Double> perRequest(int requests, Work work) throws Exception {
        Map<String, Long> before = counts();
        work.run();
        Map<String, Long> after = counts();
        Map<String, Double> per = new LinkedHashMap<>();
        for (String command : List.of("find", "insert", "update", "findandmodify", "delete", "aggregate", "count")) {
            long done = after.getOrDefault(command, 0L) - before.getOrDefault(command, 0L);
            if (done > 0) {
                per.put(command, Math.round(done * 100.0 / requests) / 100.0);
            }
        }
        return per;
    }

    private static Map<String, Long> counts() {
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + DATABASE)) {
            Document counts = client.getDatabase("admin").runCommand(new Document("accountsOperationCounts", 1))
                    .get("counts", Document.class);
            Map<String, Long> result = new LinkedHashMap<>();
            counts.forEach((command, count) -> result.put(command, ((Number) count).longValue()));
            return result;
        }
    }

    /** A user registered and logged in on {@code node}. */
    private static Registered register(Api node, String prefix) {
        String email = Accounts.uniqueEmail(prefix);
        Api.Reply registered = node.post("/user", null, Accounts.registration("Ada", "Lovelace", email,
                Accounts.PASSWORD));
        assertEquals(201, registered.status(), registered::toString);
        return new Registered(registered.data().getString("id"), new Accounts(node).login(email, Accounts.PASSWORD));
    }

    private record Registered(String id, JsonObject login) {
    }

    private static String refreshBody(String token) {
        return Json.createObjectBuilder().add("refresh_token", token).build().toString();
    }

    private static String kidOf(String jwt) {
        String header = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))),
                StandardCharsets.UTF_8);
        return Json.createReader(new java.io.StringReader(header)).readObject().getString("kid");
    }

    private static long elapsedMillis(long since) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }

    private static long nodePid(String role) throws IOException {
        for (String line : Files.readAllLines(DIR.resolve("pids"))) {
            String[] fields = line.split(" ");
            if (fields[0].equals(role)) {
                return Long.parseLong(fields[1]);
            }
        }
        throw new AssertionError("no " + role + " in " + DIR.resolve("pids"));
    }

    private static void cluster(String action, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", BASEDIR.resolve("scripts/cluster.sh").toString(),
                action));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(DIR.toFile(), "cluster.log")));
        for (String arg : args) {
            if (arg.contains("=")) {
                builder.environment().put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                builder.command().add(arg);
            }
        }
        builder.environment().put("CLUSTER_DIR", DIR.toString());
        builder.environment().put("CLUSTER_PORT", Integer.toString(BALANCER));
        builder.environment().put("CLUSTER_NODE_PORTS", NODE_A + " " + NODE_B);
        builder.environment().put("CLUSTER_DB_PORT", Integer.toString(DATABASE));
        Process process = builder.start();
        assertTrue(process.waitFor(600, TimeUnit.SECONDS), "cluster.sh " + action + " finished");
        assertEquals(0, process.exitValue(), "cluster.sh " + action + " (see " + DIR.resolve("cluster.log") + ")");
    }
}
