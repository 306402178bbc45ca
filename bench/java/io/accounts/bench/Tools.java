package io.accounts.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.accounts.platform.store.EmbeddedMongo;
import org.bson.Document;

import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the load script needs besides HTTP: a MongoDB wire-protocol server in its own process (the database
 * of the run, seeded directly), seeding users that all share one password (hashed once with the server's
 * argon2 parameters), and a deep page's cursor.
 * <pre>
 * serve PORT DIR                       the durable wire-protocol server with its data in DIR, until killed
 * serve-background PORT FILE           the same with mongo-java-server's own H2 backend (commit about once a
 *                                      second, not per write): the "before" of the durability figures
 * seed URI DB COUNT MEMORY ITERATIONS  users bench-0..COUNT-1@bench.example, password "bench password 1234"
 * cursor URI DB FROM_END               the id of the user FROM_END places before the last (a deep page's cursor)
 * tokens BASE COUNT FILE               COUNT distinct valid access tokens ("sub token" lines) of seeded users
 *                                      bench-1..16, minted by refresh rotations (no argon2 per token)
 * families URI DB COUNT KEK FILE [legacy]
 *                                      a signed-in session (refresh-token family, as a login writes it) for each of
 *                                      the seeded users bench-0..COUNT-1, its first refresh token in FILE; the MAC
 *                                      key derived from KEK as the service derives it (its jwt.key-encryption-key);
 *                                      "legacy": families and tokens of the format before generations
 * rotate-all BASE IN OUT TOKENS THREADS
 *                                      rotates every refresh token of IN once (THREADS at a time): the next ones in
 *                                      OUT, the access tokens ("sub token" lines, one per user) in TOKENS
 * sizes URI DB                         documents and mean BSON bytes per document of each collection (of at most
 *                                      2,000 read), for docs/SCALING.md
 * agent PID LIBRARY OPTIONS            loads a native agent into a running JVM (async-profiler's commands:
 *                                      jcmd's JVMTI.agent_load would split their "key=value" options)
 * </pre>
 */
public final class Tools {

    public static final String PASSWORD = "bench password 1234";

    private Tools() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "serve" -> serve(Integer.parseInt(args[1]), args[2]);
            case "serve-background" -> serveBackground(Integer.parseInt(args[1]), args[2]);
            case "seed" -> seed(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]));
            case "cursor" -> cursor(args[1], args[2], Integer.parseInt(args[3]));
            case "tokens" -> tokens(args[1], Integer.parseInt(args[2]), Path.of(args[3]));
            case "agent" -> agent(args[1], args[2], args[3]);
            case "families" -> families(args[1], args[2], Integer.parseInt(args[3]), args[4], Path.of(args[5]),
                    args.length > 6 && args[6].equals("legacy"));
            case "sizes" -> sizes(args[1], args[2]);
            case "rotate-all" -> rotateAll(args[1], Path.of(args[2]), Path.of(args[3]), Path.of(args[4]),
                    Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("serve, seed, cursor, tokens or agent");
        }
    }

    private static void agent(String pid, String library, String options) throws Exception {
        com.sun.tools.attach.VirtualMachine vm = com.sun.tools.attach.VirtualMachine.attach(pid);
        try {
            vm.loadAgentPath(library, options);
        } finally {
            vm.detach();
        }
    }

    private static final Pattern ACCESS = Pattern.compile("\"token\":\"([^\"]+)\"");
    private static final Pattern REFRESH = Pattern.compile("\"refresh_token\":\"([^\"]+)\"");
    private static final Pattern SUBJECT = Pattern.compile("\"sub\":\"([^\"]+)\"");

    /** Access tokens this server signed and has never verified: the cold-token scenario's requests. */
    private static void tokens(String base, int count, Path file) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> families = new ArrayList<>();
        for (int i = 1; i <= 16; i++) {
            String body = post(http, base + "/user/login", "{\"email\":\"bench-" + i + "@bench.example\",\"password\":\""
                    + PASSWORD + "\"}");
            families.add(match(REFRESH, body));
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int n = 0; n < count; n++) {
                int family = n % families.size();
                String body = post(http, base + "/user/refresh-token", "{\"refresh_token\":\"" + families.get(family)
                        + "\"}");
                families.set(family, match(REFRESH, body));
                String token = match(ACCESS, body);
                String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
                out.write(match(SUBJECT, payload) + " " + token + "\n");
            }
        }
    }

    private static String post(HttpClient http, String url, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException(pattern + " not in " + text);
        }
        return matcher.group(1);
    }

    private static void families(String uri, String db, int count, String kek, Path file, boolean legacy)
            throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(hkdf(kek.getBytes(StandardCharsets.UTF_8),
                "user-account-service".getBytes(StandardCharsets.US_ASCII),
                "refresh-token-mac v1".getBytes(StandardCharsets.US_ASCII)), "HmacSHA256"));
        java.security.SecureRandom random = new java.security.SecureRandom();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long start = System.nanoTime();
        Date now = new Date();
        Date end = new Date(now.getTime() + 86_400_000L);
        try (MongoClient client = MongoClients.create(uri);
             BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            MongoCollection<Document> families = client.getDatabase(db).getCollection("refresh_families");
            List<Document> batch = new ArrayList<>(5_000);
            int n = 0;
            for (Document user : users(client, db).find(new Document("email", new Document("$regex", "^bench-")))
                    .projection(new Document("first_name", 1).append("last_name", 1).append("email", 1)
                            .append("roles", 1))) {
                if (n++ == count) {
                    break;
                }
                byte[] id = new byte[16];
                random.nextBytes(id);
                String family = b64.encodeToString(id);
                Document stored = new Document("_id", family).append("user", user.getObjectId("_id").toHexString())
                        .append("tv", 0L).append("state", "active").append("auth_time", now).append("expires_at", end)
                        .append("created_at", now).append("address", "127.0.0.1").append("user_agent", "bench")
                        .append("last_used_at", now);
                String token;
                if (legacy) {
                    byte[] secret = new byte[32];
                    random.nextBytes(secret);
                    token = family + "." + b64.encodeToString(secret);
                    stored.append("current", sha256Hex(b64.encodeToString(secret)));
                } else {
                    String signed = family + ".1";
                    token = signed + "." + b64.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
                    stored.append("gen", 1L).append("first_name", user.getString("first_name"))
                            .append("last_name", user.getString("last_name")).append("email", user.getString("email"))
                            .append("roles", user.getList("roles", String.class)).append("email_verified", false);
                }
                batch.add(stored);
                out.write(token + "\n");
                if (batch.size() == 5_000) {
                    families.insertMany(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                families.insertMany(batch);
            }
            System.out.printf("%d sessions (%s) in %.1f s%n", Math.min(n, count), legacy ? "former format" : "generations",
                    (System.nanoTime() - start) / 1e9);
        }
    }

    /** HKDF-SHA-256 (RFC 5869), 32 bytes: what the service's {@code SealedSecrets#derivedKey} computes. */
    private static byte[] hkdf(byte[] key, byte[] salt, byte[] info) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(key);
        mac.init(new javax.crypto.spec.SecretKeySpec(prk, "HmacSHA256"));
        mac.update(info);
        mac.update((byte) 1);
        return mac.doFinal();
    }

    private static String sha256Hex(String text) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder(64);
        for (byte b : digest) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    private static void sizes(String uri, String db) {
        try (MongoClient client = MongoClients.create(uri)) {
            for (String name : client.getDatabase(db).listCollectionNames()) {
                MongoCollection<org.bson.RawBsonDocument> collection = client.getDatabase(db)
                        .getCollection(name, org.bson.RawBsonDocument.class);
                long count = collection.estimatedDocumentCount();
                long bytes = 0;
                int read = 0;
                for (org.bson.RawBsonDocument document : collection.find().limit(2_000)) {
                    bytes += document.getByteBuffer().remaining();
                    read++;
                }
                System.out.printf("%s\t%d\t%d%n", name, count, read == 0 ? 0 : bytes / read);
            }
        }
    }

    private static void rotateAll(String base, Path in, Path out, Path tokens, int threads) throws Exception {
        List<String> held = Files.readAllLines(in, StandardCharsets.UTF_8);
        String[] next = new String[held.size()];
        String[] access = new String[held.size()];
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        java.util.concurrent.atomic.AtomicInteger position = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                for (int i = position.getAndIncrement(); i < held.size(); i = position.getAndIncrement()) {
                    try {
                        String body = post(http, base + "/user/refresh-token", "{\"refresh_token\":\"" + held.get(i)
                                + "\"}");
                        next[i] = match(REFRESH, body);
                        String token = match(ACCESS, body);
                        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                                StandardCharsets.UTF_8);
                        access[i] = match(SUBJECT, payload) + " " + token;
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        try (BufferedWriter refresh = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
             BufferedWriter bearer = Files.newBufferedWriter(tokens, StandardCharsets.UTF_8)) {
            for (int i = 0; i < held.size(); i++) {
                if (next[i] != null) {
                    refresh.write(next[i] + "\n");
                    bearer.write(access[i] + "\n");
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("rotated %d of %d sessions in %.1f s (%.0f/s), %d failed%n", held.size() - failed.get(),
                held.size(), seconds, (held.size() - failed.get()) / seconds, failed.get());
        if (failed.get() > 0) {
            System.exit(1);
        }
    }

    private static void serve(int port, String dir) throws InterruptedException {
        EmbeddedMongo.main(new String[]{Integer.toString(port), dir});
    }

    private static void serveBackground(int port, String file) throws InterruptedException {
        MongoServer server = new MongoServer(new H2Backend(file));
        server.bind("127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        Thread.currentThread().join();
    }

    private static MongoCollection<Document> users(MongoClient client, String db) {
        return client.getDatabase(db).getCollection("registrations");
    }

    private static void seed(String uri, String db, int count, int memory, int iterations) {
        Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
        String hash = argon2.hash(iterations, memory, 1, PASSWORD.getBytes(StandardCharsets.UTF_8));
        long start = System.nanoTime();
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> users = users(client, db);
            users.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true).name("email_unique"));
            int existing = (int) users.countDocuments(new Document("email", new Document("$regex", "^bench-")));
            List<Document> batch = new ArrayList<>(5_000);
            Date now = new Date();
            for (int i = existing; i < count; i++) {
                batch.add(new Document("first_name", "Bench").append("last_name", "User" + i)
                        .append("email", "bench-" + i + "@bench.example").append("password_hash", hash)
                        .append("roles", List.of("user")).append("created_at", now));
                if (batch.size() == 5_000 || i == count - 1) {
                    users.insertMany(batch);
                    batch.clear();
                }
            }
            System.out.printf("seeded %d users (%d were there) in %.1f s%n", count - Math.min(existing, count),
                    existing, (System.nanoTime() - start) / 1e9);
        }
    }

    private static void cursor(String uri, String db, int fromEnd) {
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> users = users(client, db);
            long total = users.countDocuments();
            Document deep = users.find().sort(new Document("_id", 1)).skip((int) Math.max(0, total - fromEnd)).first();
            System.out.println(deep.getObjectId("_id").toHexString());
        }
    }
}
