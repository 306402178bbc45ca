package io.accounts.events;

import io.accounts.platform.store.StoreKit;
import io.accounts.platform.store.WireProtocolServer;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Events written in one batch and found by every filter, newest first, in the layout MongoDB's TTL index needs. */
class EventStoreTest {

    private static WireProtocolServer mongo;
    private static EventStore store;
    private static final Instant T = Instant.parse("2026-12-06T12:00:00Z");

    @BeforeAll
    static void start() {
        mongo = new WireProtocolServer();
        store = new EventStore();
        store.template = StoreKit.template(mongo.client(), "events");
        store.driver = StoreKit.driver(mongo.client(), "events");
        store.retentionDays = 30;
        store.setUp();
        store.insert(List.of(event(0, EventType.LOGIN, "u1", Map.of("kid", "k1")),
                event(1, EventType.LOGIN_ERROR, "u1", Map.of()), event(2, EventType.LOGIN, "u2", Map.of()),
                event(3, EventType.ACCESS_DENIED, null, Map.of("path", "/user"))));
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    private static Event event(int second, EventType type, String user, Map<String, String> details) {
        ObjectId id = new ObjectId(Date.from(T.plusSeconds(second)), second);
        return new Event(id.toHexString(), T.plusSeconds(second), type, user, "10.0.0." + second, details);
    }

    private static List<Integer> seconds(List<Event> events) {
        return events.stream().map(e -> (int) (e.time().getEpochSecond() - T.getEpochSecond())).toList();
    }

    @Test
    void everyFilterAndTheKeysetFindTheirEventsNewestFirst() {
        assertEquals(List.of(3, 2, 1, 0), seconds(store.find(null, null, null, null, null, 10)));
        assertEquals(List.of(2, 0), seconds(store.find(EventType.LOGIN, null, null, null, null, 10)));
        assertEquals(List.of(1, 0), seconds(store.find(null, "u1", null, null, null, 10)));
        assertEquals(List.of(2, 1), seconds(store.find(null, null, T.plusSeconds(1), T.plusSeconds(3), null, 10)));
        List<Event> first = store.find(null, null, null, null, null, 2);
        assertEquals(List.of(1, 0), seconds(store.find(null, null, null, null, first.get(1).id(), 10)));
        assertEquals(List.of(0), seconds(store.find(EventType.LOGIN, "u1", T, null, null, 10)));
    }

    @Test
    void anEventComesBackWithItsDetailsAndIsStoredWithADateAndAnObjectId() {
        Event login = store.find(EventType.LOGIN, "u1", null, null, null, 1).get(0);
        assertEquals(event(0, EventType.LOGIN, "u1", Map.of("kid", "k1")), login);
        Document stored = mongo.database("events").getCollection("events").find(new Document("user_id", "u1")
                .append("type", "LOGIN")).first();
        assertInstanceOf(ObjectId.class, stored.get("_id"));
        assertInstanceOf(Date.class, stored.get("time"), "a TTL index expires dates only");
        assertEquals(new Document("kid", "k1"), stored.get("details"));
        assertEquals(event(1, EventType.LOGIN_ERROR, "u1", Map.of()),
                store.find(EventType.LOGIN_ERROR, null, null, null, null, 1).get(0), "no details");
    }
}
