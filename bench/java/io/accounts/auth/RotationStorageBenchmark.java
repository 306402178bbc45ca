package io.accounts.auth;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
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
 * The storage step of a refresh rotation over the wire protocol to an in-memory server in the same JVM, two ways: as
 * in round 2 ({@code hashes}: a find-and-modify that swaps the current hash and pushes the retired one onto the 64
 * remembered, answering a projection) and as shipped ({@code generations}, {@link RefreshFamilyStore#rotate}: the
 * generation moved on in a document of ~0.5 KB that carries the owner's claims). Run it (tiered with C2, as the server runs):
 * {@code mvn -Pbench -DskipTests test-compile exec:exec@jmh -Djmh.args="RotationStorageBenchmark -f 1 -wi 3 -i 5
 * -w 2s -r 2s"}; add {@code -jvmArgsAppend -XX:TieredStopAtLevel=1} for C1 only.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RotationStorageBenchmark {

    private WireProtocolServer mongo;
    private MongoCollection<Document> families;
    private RefreshFamilyStore store;
    private String current = "h0";
    private long generation = 1;
    private long step;

    @Setup(Level.Trial)
    public void start() {
        mongo = new WireProtocolServer();
        DriverCalls driver = StoreKit.driver(mongo.client(), "bench");
        store = new RefreshFamilyStore();
        store.driver = driver;
        families = mongo.database("bench").getCollection(RefreshFamily.COLLECTION);
        List<String> previous = new ArrayList<>();
        for (int i = 0; i < RefreshFamilyStore.REMEMBERED; i++) {
            previous.add(String.format("%064x", i));
        }
        Date end = new Date(System.currentTimeMillis() + TimeUnit.DAYS.toMillis(365));
        families.insertOne(new Document("_id", "hashes").append("user", "u1").append("tv", 0L)
                .append("state", "active").append("current", "h0").append("previous", previous)
                .append("auth_time", new Date()).append("expires_at", end).append("created_at", new Date()));
        families.insertOne(new Document("_id", "generations").append("user", "u1").append("tv", 0L)
                .append("state", "active").append("gen", 1L).append("first_name", "Ada").append("last_name", "Lovelace")
                .append("email", "ada@example.com").append("roles", List.of("user")).append("email_verified", true)
                .append("auth_time", new Date()).append("expires_at", end).append("created_at", new Date()));
    }

    @TearDown(Level.Trial)
    public void stop() {
        mongo.close();
    }

    @Benchmark
    public Object hashes() {
        String next = Long.toString(step++);
        Document before = families.findOneAndUpdate(Filters.and(Filters.eq("_id", "hashes"),
                        Filters.eq("current", current), Filters.eq("state", "active"),
                        Filters.gt("expires_at", new Date())),
                Updates.combine(Updates.set("current", next), Updates.set("last_used_at", new Date()),
                        Updates.pushEach("previous", List.of(current),
                                new PushOptions().slice(-RefreshFamilyStore.REMEMBERED))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE)
                        .projection(Projections.include("user", "tv", "state", "auth_time", "expires_at", "client",
                                "scope")));
        current = next;
        return before;
    }

    @Benchmark
    public Object generations() {
        RefreshFamily before = store.rotate("generations", generation, Instant.now()).orElseThrow();
        generation++;
        return before;
    }
}
