package io.accounts.platform.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;

import java.util.concurrent.TimeUnit;

/**
 * A TTL index whose limit follows the configuration: MongoDB refuses to create an index again with another
 * {@code expireAfterSeconds} (and the embedded server would keep the first one), so an index whose limit changed
 * is dropped and created again.
 */
public final class TtlIndex {

    private TtlIndex() {
    }

    /** Documents whose {@code field} (a date) is {@code seconds} old go. */
    public static void ensure(MongoCollection<?> collection, String name, String field, long seconds) {
        for (Document index : collection.listIndexes()) {
            Number after = index.get("expireAfterSeconds", Number.class);
            if (name.equals(index.getString("name")) && (after == null || after.longValue() != seconds)) {
                collection.dropIndex(name);
            }
        }
        collection.createIndex(Indexes.ascending(field), new IndexOptions().name(name)
                .expireAfter(seconds, TimeUnit.SECONDS));
    }
}
