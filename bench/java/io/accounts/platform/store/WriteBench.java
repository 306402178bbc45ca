package io.accounts.platform.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What committing every write costs the embedded store: inserts/s and find-and-modify/s (the two writes of a
 * registration and of a refresh rotation) with 1 and 16 client threads, against mongo-java-server's H2 backend as
 * it was (background commit about once a second) and the durable one (a commit before each acknowledgement,
 * shared by concurrent writers). {@code mvn -Pbench -DskipTests test-compile exec:exec@tool
 * -Dtool.args="io.accounts.platform.store.WriteBench 10"}: seconds per measurement.
 */
public final class WriteBench {

    private WriteBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        for (boolean durable : new boolean[]{false, true}) {
            for (int threads : new int[]{1, 16}) {
                Path dir = Files.createTempDirectory("writebench");
                Path file = dir.resolve(EmbeddedMongo.FILE_NAME);
                MongoServer server = new MongoServer(durable ? DurableH2Backend.open(file, StoreSettings.DEFAULTS) : new H2Backend(file.toString()));
                int port = server.bind().getPort();
                try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
                    MongoCollection<Document> docs = client.getDatabase("bench").getCollection("docs");
                    docs.insertOne(new Document("_id", "warm"));
                    double inserts = run(threads, seconds, (t, i) -> docs.insertOne(new Document("t", t).append("i", i)
                            .append("payload", "x".repeat(200))));
                    for (int t = 0; t < threads; t++) {
                        docs.insertOne(new Document("_id", "counter-" + t).append("n", 0));
                    }
                    double swaps = run(threads, seconds, (t, i) -> docs.findOneAndUpdate(
                            Filters.eq("_id", "counter-" + t), Updates.set("n", i)));
                    System.out.printf("%-22s %2d threads: %8.0f inserts/s %8.0f find-and-modify/s%n",
                            durable ? "durable (commit/ack)" : "background commit", threads, inserts, swaps);
                } finally {
                    server.shutdownNow();
                }
            }
        }
    }

    interface Write {
        void run(int thread, long i);
    }

    private static double run(int threads, int seconds, Write write) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                for (long i = 0; !stop.get(); i++) {
                    write.run(thread, i);
                    done.incrementAndGet();
                }
            });
            workers.add(worker);
            worker.start();
        }
        Thread.sleep(1000);
        long start = done.get();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double rate = (done.get() - start) / ((System.nanoTime() - t0) / 1e9);
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        return rate;
    }
}
