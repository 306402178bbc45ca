package io.accounts.events;

import io.accounts.platform.store.InstantAsDate;
import jakarta.nosql.Column;
import jakarta.nosql.Convert;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;
import org.eclipse.jnosql.databases.mongodb.mapping.ObjectIdConverter;

import java.time.Instant;
import java.util.Map;

/**
 * One event: when, what, whose account (null when none is known), from which client address, and small details
 * such as a key id or the roles set. Never a password, token, code or hash: details are chosen by the code that
 * records the event, from an allow-list of what may be said. Stored in {@code events}; the id is an ObjectId, so
 * ids order events by time.
 */
@Entity(Event.COLLECTION)
public record Event(@Id @Convert(ObjectIdConverter.class) String id, @Column(Event.TIME) @Convert(InstantAsDate.class) Instant time,
                    @Column(Event.TYPE) EventType type, @Column(Event.USER) String userId,
                    @Column(Event.ADDRESS) String address, @Column(Event.DETAILS) Map<String, String> details) {

    static final String COLLECTION = "events";
    static final String TIME = "time";
    static final String TYPE = "type";
    static final String USER = "user_id";
    static final String ADDRESS = "address";
    static final String DETAILS = "details";
}
