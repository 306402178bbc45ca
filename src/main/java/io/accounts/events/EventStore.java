package io.accounts.events;

import io.accounts.platform.store.DatabaseSetup;
import io.accounts.platform.store.DriverCalls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.nosql.QueryMapper;
import org.eclipse.jnosql.mapping.document.DocumentTemplate;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.accounts.platform.store.DocumentFields.ID;

/**
 * The {@code events} collection ({@link Event}): ids are ObjectIds, so they order events by time and page by
 * keyset; a TTL index on {@code time} keeps them {@code events.retention-days} (a fraction of a day is allowed).
 */
@ApplicationScoped
public class EventStore implements DatabaseSetup {

    @Inject
    DocumentTemplate template;

    @Inject
    DriverCalls driver;

    @Inject
    @ConfigProperty(name = "events.retention-days", defaultValue = "30")
    double retentionDays;

    @Override
    public void setUp() {
        long seconds = Math.round(retentionDays * TimeUnit.DAYS.toSeconds(1));
        if (seconds < 1) {
            throw new IllegalStateException("events.retention-days (EVENTS_RETENTION_DAYS) must be positive, not "
                    + retentionDays);
        }
        driver.expiryIndex(Event.class, "retention", Event.TIME, seconds);
        driver.index(Event.class, "user", false, Event.USER, ID);
        driver.index(Event.class, "type", false, Event.TYPE, ID);
    }

    void insert(List<Event> batch) {
        driver.insertAll(Event.class, batch);
    }

    /** Up to {@code limit} events matching the filters, newest first, older than {@code before} (an event id). */
    public List<Event> find(EventType type, String userId, Instant from, Instant to, String before, int limit) {
        Query query = new Query(template.select(Event.class));
        if (type != null) {
            query.field("type").eq(type.name());
        }
        if (userId != null) {
            query.field("userId").eq(userId);
        }
        if (from != null) {
            query.field("time").gte(from);
        }
        if (to != null) {
            query.field("time").lt(to);
        }
        if (before != null) {
            query.field("id").lt(before);
        }
        return query.newestFirst(limit);
    }

    /** Conditions joined by "and", however many the caller gives. */
    private static final class Query {

        private final QueryMapper.MapperFrom from;
        private QueryMapper.MapperWhere where;

        Query(QueryMapper.MapperFrom from) {
            this.from = from;
        }

        Condition field(String name) {
            QueryMapper.MapperNameCondition condition = where == null ? from.where(name) : where.and(name);
            return new Condition(condition);
        }

        List<Event> newestFirst(int limit) {
            QueryMapper.MapperOrder order = where == null ? from.orderBy("id") : where.orderBy("id");
            return order.desc().limit(limit).result();
        }

        private final class Condition {
            private final QueryMapper.MapperNameCondition condition;

            Condition(QueryMapper.MapperNameCondition condition) {
                this.condition = condition;
            }

            void eq(Object value) {
                where = condition.eq(value);
            }

            void gte(Object value) {
                where = condition.gte(value);
            }

            void lt(Object value) {
                where = condition.lt(value);
            }
        }
    }
}
