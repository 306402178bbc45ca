package io.accounts.auth;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.accounts.platform.store.DriverCalls;
import io.accounts.platform.store.StoreKit;
import io.accounts.platform.store.WireProtocolServer;
import org.bson.Document;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The storage step of a refresh rotation (one find-and-modify on a family that remembers 64 hashes, over the wire
 * protocol to an in-memory server in the same JVM), three ways: as before the one storage idiom (the driver's whole
 * document, mapped by hand), mapped by JNoSQL's converter from a projection, and as shipped
 * ({@link RefreshFamilyStore#rotate}: the projection mapped by the store). Run it as the server runs, C1 only:
 * {@code mvn -Pbench -DskipTests test-compile exec:exec@jmh -Djmh.args="RotationStorageBenchmark -f 1 -wi 3 -i 5
 * -w 2s -r 2s -jvmArgsAppend -XX:TieredStopAtLevel=1"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RotationStorageBenchmark {

    private WireProtocolServer mongo;
    private MongoCollection<Document> families;
    private DriverCalls driver;
    private RefreshFamilyStore store;
    private final String[] current = {"h0", "h0", "h0"};
    private long step;

    @Setup(Level.Trial)
    public void start() {
        mongo = new WireProtocolServer();
        driver = StoreKit.driver(mongo.client(), "bench");
        store = new RefreshFamilyStore();
        store.driver = driver;
        families = mongo.database("bench").getCollection(RefreshFamily.COLLECTION);
        List<String> previous = new ArrayList<>();
        for (int i = 0; i < RefreshFamilyStore.REMEMBERED; i++) {
            previous.add(String.format("%064x", i));
        }
        for (int f = 0; f < 3; f++) {
            families.insertOne(new Document("_id", "f" + f).append("user", "u1").append("tv", 0L)
                    .append("state", "active").append("current", "h0").append("previous", previous)
                    .append("auth_time", new Date()).append("expires_at", new Date(System.currentTimeMillis()
                            + TimeUnit.DAYS.toMillis(365))).append("created_at", new Date()));
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        mongo.close();
    }

    private String next() {
        return Long.toString(step++);
    }

    @Benchmark
    public Object before() {
        String next = next();
        Document before = families.findOneAndUpdate(Filters.and(Filters.eq("_id", "f0"),
                        Filters.eq("current", current[0]), Filters.eq("state", "active"),
                        Filters.gt("expires_at", new Date())),
                Updates.combine(Updates.set("current", next), Updates.pushEach("previous", List.of(current[0]),
                        new PushOptions().slice(-RefreshFamilyStore.REMEMBERED))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
        current[0] = next;
        Number version = before.get("tv", Number.class);
        return new RefreshFamily(before.getString("_id"), before.getString("user"), version.longValue(),
                before.getString("state"), before.getString("current"), before.getList("previous", String.class),
                before.getDate("auth_time").toInstant(), before.getDate("expires_at").toInstant(), null, null, null, null,
                null, null, null, null);
    }

    @Benchmark
    public Object jnosqlMapping() {
        String next = next();
        RefreshFamily before = driver.updateAndGetBefore(RefreshFamily.class, Filters.and(Filters.eq("_id", "f1"),
                        Filters.eq("current", current[1]), Filters.eq("state", "active"),
                        Filters.gt("expires_at", Instant.now())),
                Updates.combine(Updates.set("current", next), Updates.pushEach("previous", List.of(current[1]),
                        new PushOptions().slice(-RefreshFamilyStore.REMEMBERED))),
                "user", "tv", "state", "auth_time", "expires_at").orElseThrow();
        current[1] = next;
        return before;
    }

    @Benchmark
    public Object shipped() {
        String next = next();
        RefreshFamily before = store.rotate("f2", current[2], next, Instant.now()).orElseThrow();
        current[2] = next;
        return before;
    }
}
