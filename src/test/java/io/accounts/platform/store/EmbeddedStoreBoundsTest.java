package io.accounts.platform.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded store under sustained writes: its file follows the live data instead of growing with every write
 * (each commit used to leave ~30 KB behind for good), and documents past a TTL index's limit are deleted as MongoDB
 * would delete them.
 */
class EmbeddedStoreBoundsTest {

    private static final int SESSIONS = 400;
    private static final int WRITES = 20_000;
    /** The fixed part of the bound: the file's headers and the store's own maps. */
    private static final long OVERHEAD = 2 << 20;

    @Test
    void theFileStaysProportionalToTheLiveDataOver20000AcknowledgedWrites(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(EmbeddedMongo.FILE_NAME);
        long largest = 0;
        long live;
        int[] rotations = new int[SESSIONS];
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dir);
             MongoClient client = MongoClients.create(MongoProducer.settings(mongo.connectionString()))) {
            MongoDatabase database = client.getDatabase("myDB");
            MongoCollection<Document> families = database.getCollection("refresh_families");
            MongoCollection<Document> events = database.getCollection("events");
            for (int i = 0; i < SESSIONS; i++) {
                families.insertOne(new Document("_id", "family-" + i).append("current", hash(i, 0))
                        .append("previous", new ArrayList<String>()));
            }
            // rotations (a compare-and-swap that keeps the last 64 hashes) and the events they record
            for (int write = SESSIONS; write < WRITES; write += 2) {
                int session = (write / 2) % SESSIONS;
                rotations[session]++;
                families.findOneAndUpdate(Filters.eq("_id", "family-" + session), Updates.combine(
                        Updates.set("current", hash(session, write)),
                        Updates.pushEach("previous", List.of(hash(session, write - 1)), new PushOptions().slice(-64))));
                events.insertOne(new Document("_id", new ObjectId()).append("time", new Date())
                        .append("type", "REFRESH").append("user_id", "user-" + session).append("address", "127.0.0.1"));
                if (write % 1000 == 0) {
                    largest = Math.max(largest, Files.size(file));
                }
            }
            live = liveBytes(families) + liveBytes(events);
            long bound = 3 * live + OVERHEAD;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (Files.size(file) > bound && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            long size = Files.size(file);
            assertTrue(size <= bound, "after compaction the file is " + size + " bytes for " + live
                    + " bytes of live documents (bound " + bound + ")");
            assertTrue(largest <= 10 * bound, "the file reached " + largest + " bytes for " + live
                    + " bytes of live documents");
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dir);
             MongoClient client = MongoClients.create(MongoProducer.settings(mongo.connectionString()))) {
            MongoDatabase database = client.getDatabase("myDB");
            assertEquals(SESSIONS, database.getCollection("refresh_families").countDocuments());
            assertEquals((WRITES - SESSIONS) / 2, database.getCollection("events").countDocuments());
            Document last = database.getCollection("refresh_families").find(Filters.eq("_id", "family-0")).first();
            assertEquals(Math.min(64, rotations[0]), last.getList("previous", String.class).size());
        }
    }

    @Test
    void documentsPastATtlIndexsLimitAreDeletedAndOthersKept(@TempDir Path dir) throws Exception {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dir, 0, 4, 1);
             MongoClient client = MongoClients.create(MongoProducer.settings(mongo.connectionString()))) {
            MongoDatabase database = client.getDatabase("myDB");
            MongoCollection<Document> buckets = database.getCollection("throttle_buckets");
            MongoCollection<Document> events = database.getCollection("events");
            buckets.createIndex(Indexes.ascending("expires_at"),
                    new IndexOptions().name("expiry").expireAfter(0L, TimeUnit.SECONDS));
            events.createIndex(Indexes.ascending("time"),
                    new IndexOptions().name("retention").expireAfter(3600L, TimeUnit.SECONDS));
            Instant now = Instant.now();
            int expired = ExpirySweep.BATCH * 2 + 7;
            for (int i = 0; i < expired; i++) {
                buckets.insertOne(new Document("_id", "gone-" + i).append("expires_at", Date.from(now.minusSeconds(5))));
                events.insertOne(new Document("time", Date.from(now.minus(Duration.ofHours(2)))).append("n", i));
            }
            buckets.insertOne(new Document("_id", "kept").append("expires_at", Date.from(now.plusSeconds(600))));
            buckets.insertOne(new Document("_id", "no-date").append("expires_at", "not a date"));
            buckets.insertOne(new Document("_id", "no-field"));
            events.insertOne(new Document("time", Date.from(now.minus(Duration.ofMinutes(59)))).append("n", -1));

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((buckets.countDocuments() > 3 || events.countDocuments() > 1) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertEquals(List.of("kept", "no-date", "no-field"),
                    buckets.find().map(d -> d.getString("_id")).into(new ArrayList<>()).stream().sorted().toList());
            assertEquals(List.of(-1), events.find().map(d -> d.getInteger("n")).into(new ArrayList<>()));
        }
    }

    private static String hash(int session, int write) {
        return String.format("%064x", (long) session * 1_000_003L + write);
    }

    private static long liveBytes(MongoCollection<Document> collection) {
        long bytes = 0;
        for (Document document : collection.find()) {
            bytes += new RawBsonDocument(document, new DocumentCodec()).getByteBuffer().remaining();
        }
        return bytes;
    }
}
