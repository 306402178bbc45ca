package io.accounts.platform.store;

import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A changed retention setting reaches the index that enforces it, and an unchanged one leaves it alone. */
class TtlIndexTest {

    @Test
    void aChangedLimitReplacesTheIndexAndTheSameLimitKeepsIt(@TempDir Path dir) {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dir);
             var client = MongoClients.create(MongoProducer.settings(mongo.connectionString()))) {
            MongoCollection<Document> events = client.getDatabase("myDB").getCollection("events");
            TtlIndex.ensure(events, "retention", "time", 2_592_000);
            TtlIndex.ensure(events, "retention", "time", 2_592_000);
            assertEquals(List.of(2_592_000L), limits(events));
            TtlIndex.ensure(events, "retention", "time", 600);
            assertEquals(List.of(600L), limits(events));
        }
    }

    private static List<Long> limits(MongoCollection<Document> collection) {
        List<Long> limits = new ArrayList<>();
        for (Document index : collection.listIndexes()) {
            if ("retention".equals(index.getString("name"))) {
                limits.add(index.get("expireAfterSeconds", Number.class).longValue());
            }
        }
        return limits;
    }
}
