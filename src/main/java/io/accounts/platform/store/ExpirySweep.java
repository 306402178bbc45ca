package io.accounts.platform.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What MongoDB's TTL monitor does, for the embedded server, which keeps TTL indexes but does not act on them: every
 * {@code embedded.ttl-sweep-seconds} it reads each collection's indexes and deletes the documents whose indexed date
 * is at least {@code expireAfterSeconds} old, in batches of {@value #BATCH}, each one write. The embedded server
 * finds them by scanning the collection, so a pass that took long delays the next one by five times as long: at most
 * a sixth of a core goes to sweeping, which deletes several thousand documents a second, ahead of any insert rate
 * the embedded store sustains (with 1/50, a soak at 600 inserts a second outran it: one pass in six minutes). With a real MongoDB this never runs: its TTL indexes do the same.
 */
final class ExpirySweep implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ExpirySweep.class.getName());
    static final int BATCH = 500;
    /** A pass that took t delays the next one by at least 5 t. */
    private static final int SPACING = 5;
    /** A pass this long is logged as a warning: the store is large for scanning. */
    private static final long SLOW_MILLIS = 10_000;

    private final MongoClient client;
    private final Supplier<Collection<String>> databases;
    private final Clock clock;
    private final long intervalMillis;
    private final ScheduledThreadPoolExecutor thread = StoreThread.start("embedded-store-expiry");

    /** {@code databases}: the names of the server's databases (its listDatabases command scans every collection). */
    ExpirySweep(String connectionString, Supplier<Collection<String>> databases, int sweepSeconds, Clock clock) {
        this.client = MongoClients.create(MongoProducer.settings(connectionString));
        this.databases = databases;
        this.clock = clock;
        this.intervalMillis = TimeUnit.SECONDS.toMillis(sweepSeconds);
        thread.schedule(this::scheduledPass, intervalMillis, TimeUnit.MILLISECONDS);
    }

    private void scheduledPass() {
        long started = System.nanoTime();
        long deleted = 0;
        try {
            deleted = pass();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "expiry of documents past their TTL failed; it runs again at the next pass", e);
        }
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        long gone = deleted;
        LOG.log(took >= SLOW_MILLIS ? Level.WARNING : Level.FINE, () -> "expiry: " + gone
                + " documents past their TTL deleted in " + took + " ms");
        if (!thread.isShutdown()) {
            thread.schedule(this::scheduledPass, Math.max(intervalMillis, SPACING * took), TimeUnit.MILLISECONDS);
        }
    }

    /** One pass over every TTL index of every database: the number of documents deleted. */
    long pass() {
        long deleted = 0;
        for (String name : databases.get()) {
            MongoDatabase database = client.getDatabase(name);
            for (String collection : database.listCollectionNames()) {
                MongoCollection<Document> documents = database.getCollection(collection);
                for (Document index : documents.listIndexes()) {
                    Number after = index.get("expireAfterSeconds", Number.class);
                    Document key = index.get("key", Document.class);
                    if (after != null && key != null && key.size() == 1) {
                        Date cutoff = Date.from(clock.instant().minusSeconds(after.longValue()));
                        deleted += deleteUpTo(documents, key.keySet().iterator().next(), cutoff);
                    }
                }
            }
        }
        return deleted;
    }

    /** Deletes, a batch at a time, the documents whose {@code field} is a date at or before {@code cutoff}. */
    private static long deleteUpTo(MongoCollection<Document> documents, String field, Date cutoff) {
        long deleted = 0;
        while (true) {
            List<Object> ids = documents.find(Filters.lte(field, cutoff)).projection(Projections.include("_id"))
                    .limit(BATCH).map(document -> document.get("_id")).into(new ArrayList<>());
            if (ids.isEmpty()) {
                return deleted;
            }
            // one command of single deletes by _id (an index lookup each; a deleteMany with $in scans the collection
            // per batch), the date checked again: a document changed since it was found (a bucket refilled) stays
            List<DeleteOneModel<Document>> deletes = new ArrayList<>(ids.size());
            for (Object id : ids) {
                deletes.add(new DeleteOneModel<>(Filters.and(Filters.eq("_id", id), Filters.lte(field, cutoff))));
            }
            long batch = documents.bulkWrite(deletes, new BulkWriteOptions().ordered(false)).getDeletedCount();
            deleted += batch;
            if (ids.size() < BATCH || batch == 0) {
                return deleted;
            }
        }
    }

    @Override
    public void close() {
        StoreThread.stop(thread);
        client.close();
    }
}
