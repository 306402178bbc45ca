package io.accounts.auth;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** The {@code signing_keys} collection: every node of a deployment signs and verifies with the same keys. */
@ApplicationScoped
public class SigningKeyStore {

    static final String COLLECTION = "signing_keys";

    @Inject
    MongoDatabase database;

    private MongoCollection<Document> keys() {
        return database.getCollection(COLLECTION);
    }

    /** Every key of this algorithm that is not retired, newest activation first. */
    public List<StoredKey> usable(String algorithm) {
        List<StoredKey> found = new ArrayList<>();
        keys().find(Filters.and(Filters.eq("alg", algorithm), Filters.ne("state", StoredKey.RETIRED)))
                .sort(new Document("activated_at", -1)).forEach(d -> found.add(StoredKey.from(d)));
        return found;
    }

    public List<StoredKey> all() {
        List<StoredKey> found = new ArrayList<>();
        keys().find().sort(new Document("activated_at", -1)).forEach(d -> found.add(StoredKey.from(d)));
        return found;
    }

    public void insert(StoredKey key) {
        keys().insertOne(key.toDocument());
    }

    /** Every other active key of the algorithm starts retiring: it verifies until {@code retireAt}. */
    public void retireOthers(String algorithm, String activeKid, Instant retireAt) {
        keys().updateMany(Filters.and(Filters.eq("alg", algorithm), Filters.eq("state", StoredKey.ACTIVE),
                        Filters.ne("_id", activeKid)),
                Updates.combine(Updates.set("state", StoredKey.RETIRING), Updates.set("retire_at", Date.from(retireAt))));
    }

    /** Retires one key at once; false when there is no such usable key. */
    public boolean retire(String kid, Instant now) {
        return keys().updateOne(Filters.and(Filters.eq("_id", kid), Filters.ne("state", StoredKey.RETIRED)),
                Updates.combine(Updates.set("state", StoredKey.RETIRED), Updates.set("retire_at", Date.from(now))))
                .getModifiedCount() > 0;
    }

    /** Keys whose retiring period has ended become retired. */
    public void retireExpired(Instant now) {
        keys().updateMany(Filters.and(Filters.eq("state", StoredKey.RETIRING), Filters.lte("retire_at", Date.from(now))),
                Updates.set("state", StoredKey.RETIRED));
    }
}
