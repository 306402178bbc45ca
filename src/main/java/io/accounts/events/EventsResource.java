package io.accounts.events;

import io.accounts.platform.ApiException;
import io.accounts.platform.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code GET /events} (admin, by the policy): security events, newest first, filtered and paged by keyset. */
@ApplicationScoped
@Tag(name = "Operations")
@Path("/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventsResource {

    @Inject
    EventStore store;

    /** An event as the API shows it. */
    public record EventView(String id, Instant time, String type, String userId, String address,
                            Map<String, String> details) {

        static EventView from(Event event) {
            return new EventView(event.id(), event.time(), event.type().name(), event.userId(), event.address(),
                    event.details());
        }
    }

    /** One page, with the cursor of the next (older) one; null on the last. */
    @JsonbNillable
    public record EventPage(String message, List<EventView> data, String next) {
    }

    @GET
    @Operation(operationId = "listEvents",
            summary = "Security events, newest first: ?type=, ?user=, ?from= and ?to= (ISO-8601), ?limit=, ?after=")
    public EventPage list(@QueryParam("type") String type, @QueryParam("user") String user,
                          @QueryParam("from") String from, @QueryParam("to") String to,
                          @QueryParam("limit") String limit, @QueryParam("after") String after) {
        int size = Paging.limit(limit);
        List<Event> page = store.find(type(type), id(user, "user"), instant(from, "from"), instant(to, "to"),
                id(after, "after"), size + 1);
        String next = page.size() > size ? page.get(size - 1).id() : null;
        return new EventPage("Success", page.stream().limit(size).map(EventView::from).toList(), next);
    }

    private static EventType type(String value) {
        if (value == null) {
            return null;
        }
        try {
            return EventType.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("type", "must be one of " + List.of(EventType.values()));
        }
    }

    private static String id(String value, String field) {
        if (value == null) {
            return null;
        }
        if (!ObjectId.isValid(value.strip())) {
            throw ApiException.invalidField(field, "must be a 24-hex-digit id");
        }
        return value.strip().toLowerCase(Locale.ROOT);
    }

    private static Instant instant(String value, String field) {
        try {
            return value == null ? null : Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(field, "must be an ISO-8601 instant such as 2026-11-27T10:00:00Z");
        }
    }
}
