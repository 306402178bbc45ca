package io.accounts.platform;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded default keeps documents and unique indexes across a restart. */
class EmbeddedMongoTest {

    @Test
    void dataAndIndexesSurviveARestart(@TempDir Path dir) {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dir);
             MongoClient client = MongoClients.create(MongoProducer.settings(mongo.connectionString()))) {
            var users = client.getDatabase("myDB").getCollection("registrations");
            users.createIndex(new Document("email", 1), new com.mongodb.client.model.IndexOptions().unique(true));
            users.insertOne(new Document("email", "ada@example.com"));
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dir);
             MongoClient client = MongoClients.create(MongoProducer.settings(mongo.connectionString()))) {
            var users = client.getDatabase("myDB").getCollection("registrations");
            assertEquals(1, users.countDocuments(new Document("email", "ada@example.com")));
            var duplicate = org.junit.jupiter.api.Assertions.assertThrows(com.mongodb.MongoException.class,
                    () -> users.insertOne(new Document("email", "ada@example.com")));
            assertTrue(MongoErrors.isDuplicateKey(duplicate));
        }
    }

    @Test
    void anInvalidUriIsRefusedWithTheVariableName() {
        var error = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> MongoProducer.settings("http://not-mongo"));
        assertTrue(error.getMessage().contains("MONGODB_URI"));
        assertEquals(2000, MongoProducer.settings("mongodb://h").getClusterSettings()
                .getServerSelectionTimeout(java.util.concurrent.TimeUnit.MILLISECONDS));
        assertEquals(500, MongoProducer.settings("mongodb://h/?serverSelectionTimeoutMS=500").getClusterSettings()
                .getServerSelectionTimeout(java.util.concurrent.TimeUnit.MILLISECONDS));
    }
}
