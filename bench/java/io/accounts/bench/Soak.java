package io.accounts.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak of the embedded store (bench/soak.sh runs it): mixed traffic against a running service for at least
 * {@code minutes} and {@code writes} database writes, sampling every 10 s the store's file, its live documents and
 * their bytes, the resident size, GC time and CPU of the processes named, and the requests served. Writes the series
 * as CSV, a PNG of it ({@link SoakPlot}) and a Markdown summary with the goals.
 * <pre>
 * Soak BASE MONGO_URI DATA_FILE MINUTES WRITES OUT SERVICE_PIDS [DB_PID]
 * </pre>
 * SERVICE_PIDS is a comma-separated list (one per node); DB_PID the database's own process where it has one (the
 * cluster), else the store lives in the service's JVM.
 */
public final class Soak {

    static final String PASSWORD = "soak passphrase not common 42";
    private static final Pattern ACCESS = Pattern.compile("\"token\":\"([^\"]+)\"");
    private static final Pattern REFRESH = Pattern.compile("\"refresh_token\":\"([^\"]+)\"");
    private static final Pattern LOCATION_ID = Pattern.compile("/user/([0-9a-f]{24})");
    private static final int WORKERS = 12;
    private static final int SESSIONS = 240;
    private static final long TICKS = 100;

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Session> sessions = new ArrayList<>();
    private final Map<String, LongAdder> operations = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong registered = new AtomicLong();
    /** Requests a second offered in all (SOAK_RATE; 0: as fast as the service answers), and the next one's time. */
    private final double rate = Double.parseDouble(System.getProperty("soak.rate", "0"));
    private final AtomicLong nextRequest = new AtomicLong(System.nanoTime());

    private Soak(String base) {
        this.base = base;
    }

    /** A signed-in user: its id, and the newest refresh token of its session. */
    static final class Session {
        final String email;
        volatile String id;
        volatile String access;
        volatile String refresh;

        Session(String email) {
            this.email = email;
        }
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String mongoUri = args[1];
        Path file = Path.of(args[2]);
        double minutes = Double.parseDouble(args[3]);
        long minimumWrites = Long.parseLong(args[4]);
        Path out = Files.createDirectories(Path.of(args[5]));
        List<Long> servicePids = new ArrayList<>();
        for (String pid : args[6].split(",")) {
            servicePids.add(Long.parseLong(pid));
        }
        Long dbPid = args.length > 7 ? Long.parseLong(args[7]) : null;
        Soak soak = new Soak(base);
        soak.run(mongoUri, file, minutes, minimumWrites, out, servicePids, dbPid);
    }

    private void run(String mongoUri, Path file, double minutes, long minimumWrites, Path out, List<Long> servicePids,
                     Long dbPid) throws Exception {
        for (int i = 0; i < SESSIONS; i++) {
            Session session = register();
            if (session != null) {
                sessions.add(session);
            }
        }
        System.out.printf("%d sessions signed in; offered rate %s%n", sessions.size(),
                rate > 0 ? rate + " requests/s" : "as fast as answered");
        nextRequest.set(System.nanoTime());
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            int index = i;
            Thread worker = new Thread(() -> work(index), "soak-" + i);
            worker.start();
            workers.add(worker);
        }
        List<SoakSample> samples = new ArrayList<>();
        long started = System.nanoTime();
        try (MongoClient mongo = MongoClients.create(mongoUri)) {
            SoakSample.Probe probe = new SoakSample.Probe(mongo, file, servicePids, dbPid);
            samples.add(probe.sample(0, requests(), rotations()));
            while (true) {
                Thread.sleep(10_000);
                double elapsed = (System.nanoTime() - started) / 1e9;
                SoakSample sample = probe.sample(elapsed, requests(), rotations());
                samples.add(sample);
                System.out.println(sample.line(samples.get(samples.size() - 2)) + " " + statuses);
                if (elapsed >= minutes * 60 && sample.writes() - samples.get(0).writes() >= minimumWrites) {
                    break;
                }
            }
        } finally {
            stop.set(true);
            for (Thread worker : workers) {
                worker.join();
            }
        }
        SoakSample.writeCsv(samples, out.resolve("soak.csv"));
        SoakPlot.draw(samples, out.resolve("soak.png"));
        String summary = SoakSample.summary(samples, operations, statuses);
        Files.writeString(out.resolve("summary.md"), summary);
        System.out.println(summary);
    }

    private long requests() {
        return operations.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private long rotations() {
        LongAdder rotations = operations.get("rotation");
        return rotations == null ? 0 : rotations.sum();
    }

    /**
     * One worker, with sessions of its own (two workers rotating one session would race, and the loser's retired
     * token would revoke the family): refresh rotations most of the time, then requests without a token (each an ACCESS_DENIED event),
     * reads with a token, logins, wrong passwords and registrations: each password check costs an argon2 hash, so
     * they are rare, as they are beside the rotations of clients that keep a session.
     */
    private void work(int worker) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<Session> own = new ArrayList<>();
        for (int i = worker; i < sessions.size(); i += WORKERS) {
            own.add(sessions.get(i));
        }
        while (!stop.get()) {
            try {
                pace();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Session session = own.get(random.nextInt(own.size()));
            int roll = random.nextInt(1000);
            try {
                if (roll < 780) {
                    rotate(session);
                } else if (roll < 930) {
                    count("anonymous", send("GET", "/user/" + session.id, null, null).statusCode());
                } else if (roll < 994) {
                    count("read", send("GET", "/user/" + session.id, session.access, null).statusCode());
                } else if (roll < 997) {
                    login(session);
                } else if (roll < 999) {
                    count("wrong_password", send("POST", "/user/login", null,
                            "{\"email\":\"" + session.email + "\",\"password\":\"wrong " + PASSWORD + "\"}").statusCode());
                } else {
                    Session fresh = register();
                    if (fresh != null) {
                        own.add(fresh);
                    }
                }
            } catch (IOException e) {
                count("io_error", 599);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * At a fixed offered rate, waits for this worker's turn: one request every 1/rate seconds across the workers,
     * on a schedule that does not slow down when the service does (open loop), except that a service more than a
     * second behind is not then sent the backlog at once.
     */
    private void pace() throws InterruptedException {
        if (rate <= 0) {
            return;
        }
        long interval = (long) (1e9 / rate);
        long now = System.nanoTime();
        long slot = nextRequest.getAndAdd(interval);
        if (slot < now - 1_000_000_000L) {
            nextRequest.compareAndSet(slot + interval, now);
            return;
        }
        long wait = slot - now;
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private void rotate(Session session) throws IOException, InterruptedException {
        String token = session.refresh;
        HttpResponse<String> response = send("POST", "/user/refresh-token", null,
                "{\"refresh_token\":\"" + token + "\"}");
        count("rotation", response.statusCode());
        if (response.statusCode() == 200) {
            take(session, response.body());
        } else if (response.statusCode() == 401) {
            // the family ended (its lifetime): sign in again
            login(session);
        }
    }

    private void login(Session session) throws IOException, InterruptedException {
        HttpResponse<String> response = send("POST", "/user/login", null,
                "{\"email\":\"" + session.email + "\",\"password\":\"" + PASSWORD + "\"}");
        count("login", response.statusCode());
        if (response.statusCode() == 200) {
            take(session, response.body());
        }
    }

    private Session register() {
        Session session = new Session("soak-" + ProcessHandle.current().pid() + "-" + registered.incrementAndGet()
                + "-" + Long.toHexString(System.nanoTime()) + "@soak.example");
        try {
            HttpResponse<String> response = send("POST", "/user", null, "{\"first_name\":\"Soak\",\"last_name\":"
                    + "\"Test\",\"email\":\"" + session.email + "\",\"password\":\"" + PASSWORD + "\"}");
            count("register", response.statusCode());
            Matcher id = LOCATION_ID.matcher(response.headers().firstValue("Location").orElse(""));
            if (response.statusCode() != 201 || !id.find()) {
                return null;
            }
            session.id = id.group(1);
            login(session);
            return session.refresh == null ? null : session;
        } catch (IOException e) {
            count("io_error", 599);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void take(Session session, String body) {
        Matcher access = ACCESS.matcher(body);
        Matcher refresh = REFRESH.matcher(body);
        if (access.find() && refresh.find()) {
            session.access = access.group(1);
            session.refresh = refresh.group(1);
        }
    }

    private void count(String operation, int status) {
        operations.computeIfAbsent(operation, o -> new LongAdder()).increment();
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
        if (status >= 500) {
            operations.computeIfAbsent(operation + "_" + status, o -> new LongAdder()).increment();
        }
    }

    private HttpResponse<String> send(String method, String path, String token, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }

    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double cpuSeconds(long pid) {
        return cpuTicks(pid) / (double) TICKS;
    }

    static Document stats(MongoClient mongo, String database) {
        return mongo.getDatabase(database).runCommand(new Document("dbStats", 1));
    }
}
