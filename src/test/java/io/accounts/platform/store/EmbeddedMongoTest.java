package io.accounts.platform.store;

import com.mongodb.MongoException;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Updates;
import java.util.concurrent.TimeUnit;
import static org.junit.jupiter.api.Assertions.assertThrows;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded default keeps documents and unique indexes across a restart, has every acknowledged write in its file
 * at once (no background commit to wait for), backs up consistently, and refuses a damaged file loudly.
 */
class EmbeddedMongoTest {

    @Test
    void dataAndIndexesSurviveARestart(@TempDir Path dir) {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dir);
             MongoClient client = MongoClients.create(MongoProducer.settings(mongo.connectionString()))) {
            var users = client.getDatabase("myDB").getCollection("registrations");
            users.createIndex(new Document("email", 1), new IndexOptions().unique(true));
            users.insertOne(new Document("email", "ada@example.com"));
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dir);
             MongoClient client = MongoClients.create(MongoProducer.settings(mongo.connectionString()))) {
            var users = client.getDatabase("myDB").getCollection("registrations");
            assertEquals(1, users.countDocuments(new Document("email", "ada@example.com")));
            var duplicate = assertThrows(MongoException.class,
                    () -> users.insertOne(new Document("email", "ada@example.com")));
            assertTrue(MongoErrors.isDuplicateKey(duplicate));
        }
    }

    @Test
    void aFileWrittenByMongoJavaServersOwnBackendOpensWithItsDocumentsAndUniqueIndexes(@TempDir Path dir) {
        Path file = dir.resolve(EmbeddedMongo.FILE_NAME);
        MongoServer earlier = new MongoServer(new H2Backend(file.toString()));
        try (MongoClient client = MongoClients.create(MongoProducer.settings(
                "mongodb://127.0.0.1:" + earlier.bind().getPort()))) {
            var users = client.getDatabase("myDB").getCollection("registrations");
            users.createIndex(new Document("email", 1), new IndexOptions().unique(true));
            for (int i = 0; i < 300; i++) {
                users.insertOne(new Document("email", "user-" + i + "@example.com").append("n", i)
                        .append("roles", List.of("user")));
            }
        } finally {
            earlier.shutdownNow();
        }
        for (int start = 0; start < 2; start++) {
            try (EmbeddedMongo mongo = EmbeddedMongo.start(dir);
                 MongoClient client = MongoClients.create(MongoProducer.settings(mongo.connectionString()))) {
                var users = client.getDatabase("myDB").getCollection("registrations");
                assertEquals(300 + start, users.countDocuments());
                assertEquals(123, users.find(new Document("email", "user-123@example.com")).first().getInteger("n"));
                var duplicate = assertThrows(MongoException.class,
                        () -> users.insertOne(new Document("email", "user-7@example.com")));
                assertTrue(MongoErrors.isDuplicateKey(duplicate));
                users.insertOne(new Document("email", "new-" + start + "@example.com"));
                users.deleteOne(new Document("email", "user-" + start + "@example.com"));
                users.insertOne(new Document("email", "user-" + start + "@example.com").append("n", -1));
            }
        }
    }

    @Test
    void aQueryByIdWithMoreConditionsMatchesTheWholeQuery(@TempDir Path dir) {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dir);
             MongoClient client = MongoClients.create(MongoProducer.settings(mongo.connectionString()))) {
            var families = client.getDatabase("myDB").getCollection("refresh_families");
            for (int i = 0; i < 50; i++) {
                families.insertOne(new Document("_id", "f" + i).append("current", "h" + i).append("state", "active"));
            }
            var swap = Updates.set("current", "next");
            var wrongHash = Filters.and(Filters.eq("_id", "f7"),
                    Filters.eq("current", "h8"));
            assertEquals(null, families.findOneAndUpdate(wrongHash, swap));
            var rightHash = Filters.and(Filters.eq("_id", "f7"),
                    Filters.eq("current", "h7"),
                    Filters.eq("state", "active"));
            assertEquals("h7", families.findOneAndUpdate(rightHash, swap).getString("current"));
            assertEquals(null, families.findOneAndUpdate(rightHash, swap));
            assertEquals(1, families.countDocuments(new Document("current", "next")));
            assertEquals(1, families.deleteMany(Filters.and(
                    Filters.eq("_id", "f9"),
                    Filters.eq("state", "active"))).getDeletedCount());
            assertEquals(0, families.deleteMany(Filters.and(
                    Filters.eq("_id", "f10"),
                    Filters.eq("state", "revoked"))).getDeletedCount());
            assertEquals(49, families.countDocuments());
            var held = assertInstanceOf(IdLookupCollection.class, mongo.collection("myDB", "refresh_families"));
            assertTrue(held.usesIdIndex(), "found by the _id index, not by a scan of every family");
        }
        try (EmbeddedMongo reopened = EmbeddedMongo.start(dir)) {
            var held = assertInstanceOf(IdLookupCollection.class, reopened.collection("myDB", "refresh_families"));
            assertTrue(held.usesIdIndex(), "and so after a restart");
        }
    }

    @Test
    void aSecondaryIndexIsKeptAcrossARestartWithoutWalkingTheCollection(@TempDir Path dir) {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dir);
             MongoClient client = MongoClients.create(MongoProducer.settings(mongo.connectionString()))) {
            var events = client.getDatabase("myDB").getCollection("events");
            for (int i = 0; i < 100; i++) {
                events.insertOne(new Document("_id", "e" + i).append("time", new java.util.Date()));
            }
            events.createIndex(new Document("time", 1), new IndexOptions().name("expiry")
                    .expireAfter(60L, TimeUnit.SECONDS));
        }
        try (EmbeddedMongo reopened = EmbeddedMongo.start(dir);
             MongoClient client = MongoClients.create(MongoProducer.settings(reopened.connectionString()))) {
            var held = assertInstanceOf(IdLookupCollection.class, reopened.collection("myDB", "events"));
            assertEquals(0, held.fullScans(), "opening walked no collection for an index it does not build");
            var events = client.getDatabase("myDB").getCollection("events");
            events.createIndex(new Document("time", 1), new IndexOptions().name("expiry")
                    .expireAfter(60L, TimeUnit.SECONDS));
            assertEquals(0, held.fullScans(), "nor did creating it again");
            Document ttl = events.listIndexes().into(new java.util.ArrayList<>()).stream()
                    .filter(i -> "expiry".equals(i.getString("name"))).findFirst().orElseThrow();
            assertEquals(60L, ttl.get("expireAfterSeconds", Number.class).longValue(),
                    "the expiry sweep still finds the TTL index");
            assertEquals(100, events.countDocuments());
        }
    }

    @Test
    void anInvalidUriIsRefusedWithTheVariableName() {
        var error = assertThrows(IllegalStateException.class,
                () -> MongoProducer.settings("http://not-mongo"));
        assertTrue(error.getMessage().contains("MONGODB_URI"));
        assertEquals(2000, MongoProducer.settings("mongodb://h").getClusterSettings()
                .getServerSelectionTimeout(TimeUnit.MILLISECONDS));
        assertEquals(500, MongoProducer.settings("mongodb://h/?serverSelectionTimeoutMS=500").getClusterSettings()
                .getServerSelectionTimeout(TimeUnit.MILLISECONDS));
    }

    @Test
    void anAcknowledgedWriteIsInTheFileBeforeAnyCommitOrClose(@TempDir Path dir, @TempDir Path copy) throws Exception {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dir);
             MongoClient client = MongoClients.create(MongoProducer.settings(mongo.connectionString()))) {
            client.getDatabase("myDB").getCollection("registrations").insertOne(new Document("email", "ada@example.com"));
            // the file as a crash would leave it: copied while the server still runs, nothing closed or flushed
            Files.copy(dir.resolve(EmbeddedMongo.FILE_NAME), copy.resolve(EmbeddedMongo.FILE_NAME));
        }
        assertEquals(1, count(copy, new Document("email", "ada@example.com")));
    }

    @Test
    void aBackupUnderConcurrentWritesHoldsEveryWriteAcknowledgedBeforeIt(@TempDir Path dir, @TempDir Path restored)
            throws Exception {
        AtomicInteger acknowledged = new AtomicInteger();
        int before;
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dir);
             MongoClient client = MongoClients.create(MongoProducer.settings(mongo.connectionString()))) {
            var events = client.getDatabase("myDB").getCollection("events");
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    events.insertOne(new Document("n", i));
                    acknowledged.set(i + 1);
                }
            });
            writer.start();
            while (acknowledged.get() < 200) {
                Thread.sleep(5);
            }
            before = acknowledged.get();
            mongo.backup(restored.resolve(EmbeddedMongo.FILE_NAME));
            Thread.sleep(100);
            stop.set(true);
            writer.join();
        }
        long kept = count(restored, new Document());
        assertTrue(kept >= before, "the backup holds " + kept + " of the " + before + " writes acknowledged before it");
        for (int i = 0; i < before; i++) {
            assertEquals(1, count(restored, new Document("n", i)), "write " + i);
        }
    }

    @Test
    void aTruncatedOrCorruptedFileStopsTheStartNamingTheFileAndTheRestoreCommand(@TempDir Path dir) throws Exception {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dir);
             MongoClient client = MongoClients.create(MongoProducer.settings(mongo.connectionString()))) {
            client.getDatabase("myDB").getCollection("registrations").insertOne(new Document("email", "ada@example.com"));
        }
        Path file = dir.resolve(EmbeddedMongo.FILE_NAME);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, new byte[0]);
        assertRefused(dir, file);
        Files.write(file, Arrays.copyOf(whole, 100));
        assertRefused(dir, file);
        byte[] corrupted = whole.clone();
        Arrays.fill(corrupted, 0, Math.min(corrupted.length, 8192), (byte) 'x');
        Files.write(file, corrupted);
        assertRefused(dir, file);
    }

    private static void assertRefused(Path dir, Path file) {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> EmbeddedMongo.start(dir).close());
        assertTrue(refused.getMessage().contains(file.toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains("scripts/restore.sh"), refused.getMessage());
    }

    private static long count(Path dir, Document filter) {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dir);
             MongoClient client = MongoClients.create(MongoProducer.settings(mongo.connectionString()))) {
            String collection = filter.containsKey("email") ? "registrations" : "events";
            return client.getDatabase("myDB").getCollection(collection).countDocuments(filter);
        }
    }
}
