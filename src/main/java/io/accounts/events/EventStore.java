package io.accounts.events;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.accounts.platform.store.DatabaseSetup;
import io.accounts.platform.store.TtlIndex;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.accounts.platform.store.DocumentFields.ID;

/**
 * The {@code events} collection: ids are ObjectIds, so they order events by time and page by keyset; a TTL index
 * on {@code time} keeps them {@code events.retention-days} (a fraction of a day is allowed).
 */
@ApplicationScoped
public class EventStore implements DatabaseSetup {

    static final String COLLECTION = "events";
    private static final String TIME = "time";
    private static final String TYPE = "type";
    private static final String USER = "user_id";
    private static final String ADDRESS = "address";
    private static final String DETAILS = "details";

    @Inject
    MongoDatabase database;

    @Inject
    @ConfigProperty(name = "events.retention-days", defaultValue = "30")
    double retentionDays;

    private MongoCollection<Document> events() {
        return database.getCollection(COLLECTION);
    }

    @Override
    public void setUp() {
        long seconds = Math.round(retentionDays * TimeUnit.DAYS.toSeconds(1));
        if (seconds < 1) {
            throw new IllegalStateException("events.retention-days (EVENTS_RETENTION_DAYS) must be positive, not "
                    + retentionDays);
        }
        TtlIndex.ensure(events(), "retention", TIME, seconds);
        events().createIndex(Indexes.ascending(USER, ID), new IndexOptions().name("user"));
        events().createIndex(Indexes.ascending(TYPE, ID), new IndexOptions().name("type"));
    }

    void insert(List<Event> batch) {
        List<Document> documents = new ArrayList<>(batch.size());
        for (Event event : batch) {
            documents.add(new Document(ID, new ObjectId(event.id())).append(TIME, Date.from(event.time()))
                    .append(TYPE, event.type().name()).append(USER, event.userId()).append(ADDRESS, event.address())
                    .append(DETAILS, new Document(new LinkedHashMap<>(event.details()))));
        }
        events().insertMany(documents);
    }

    /** Up to {@code limit} events matching the filters, newest first, older than {@code before} (an event id). */
    public List<Event> find(EventType type, String userId, Instant from, Instant to, String before, int limit) {
        List<Bson> filters = new ArrayList<>();
        if (type != null) {
            filters.add(Filters.eq(TYPE, type.name()));
        }
        if (userId != null) {
            filters.add(Filters.eq(USER, userId));
        }
        if (from != null) {
            filters.add(Filters.gte(TIME, Date.from(from)));
        }
        if (to != null) {
            filters.add(Filters.lt(TIME, Date.from(to)));
        }
        if (before != null) {
            filters.add(Filters.lt(ID, new ObjectId(before)));
        }
        List<Event> found = new ArrayList<>();
        events().find(filters.isEmpty() ? new Document() : Filters.and(filters)).sort(Sorts.descending(ID)).limit(limit)
                .forEach(d -> found.add(from(d)));
        return found;
    }

    private static Event from(Document d) {
        Map<String, String> details = new LinkedHashMap<>();
        Document stored = d.get(DETAILS, Document.class);
        if (stored != null) {
            stored.forEach((k, v) -> details.put(k, String.valueOf(v)));
        }
        return new Event(d.getObjectId(ID).toHexString(), d.getDate(TIME).toInstant(), EventType.valueOf(d.getString(TYPE)),
                d.getString(USER), d.getString(ADDRESS), details);
    }
}
