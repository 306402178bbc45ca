package io.accounts.events;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.accounts.platform.web.Jsons;

import io.accounts.platform.BackupTaken;
import io.accounts.platform.Meters;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records security events without slowing the request they describe: each is written at once as one JSON line to
 * the log ({@code io.accounts.events}) and counted by type and outcome, and queued for a background writer that
 * stores them in batches. A full queue drops the event (counted, and reported in the log), never the request.
 * Anonymous refusals ({@code ACCESS_DENIED} with no user) are all counted but kept (logged and stored) at most once
 * per client address and minute.
 */
@ApplicationScoped
public class SecurityEvents {

    private static final Logger LOG = Logger.getLogger("io.accounts.events");
    private static final int BATCH = 500;

    @Inject
    EventStore store;

    @Inject
    MetricRegistry metrics;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "events.queue-size", defaultValue = "10000")
    int queueSize;

    private final Map<EventType, Counter> counters = new EnumMap<>(EventType.class);
    private BlockingQueue<Event> queue;
    /** Addresses whose anonymous refusal was kept in the last minute: the next ones there are only counted. */
    private final Cache<String, Boolean> anonymousRefusals = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1)).maximumSize(100_000).build();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private volatile long lastDropReport;
    private Thread writer;
    private volatile boolean running = true;

    @PostConstruct
    void init() {
        queue = new ArrayBlockingQueue<>(queueSize);
        Metadata counted = Meters.described("accounts_events", "security events by type and outcome");
        Meters.register(() -> {
            for (EventType type : EventType.values()) {
                counters.put(type, metrics.counter(counted, new Tag("type", type.name()),
                        new Tag("outcome", type.outcome())));
            }
            metrics.gauge(Meters.described("accounts_events_dropped",
                    "security events dropped because the queue was full"), dropped, AtomicLong::get);
            return metrics.gauge(Meters.described("accounts_events_queued", "security events waiting to be stored"),
                    queue, BlockingQueue::size);
        });
        writer = new Thread(this::write, "accounts-events");
        writer.setDaemon(true);
        writer.start();
    }

    @PreDestroy
    void close() {
        running = false;
        writer.interrupt();
    }

    /** Records an event of the request this thread serves (its client address is taken from the request). */
    public void record(EventType type, String userId, Map<String, String> details) {
        record(type, userId, ClientAddresses.current(), details);
    }

    /** Records an event whose client address was captured earlier (work done off the request thread). */
    public void record(EventType type, String userId, String address, Map<String, String> details) {
        counters.get(type).inc();
        if (type == EventType.ACCESS_DENIED && userId == null
                && anonymousRefusals.asMap().putIfAbsent(String.valueOf(address), Boolean.TRUE) != null) {
            // counted, not kept: an anonymous scan would otherwise grow the database and the log without bound
            return;
        }
        Event event = new Event(new ObjectId().toHexString(), clock.instant(), type, userId, address, Map.copyOf(details));
        if (LOG.isLoggable(Level.INFO)) {
            // a String, not a Supplier: Liberty's logger walks the stack for the caller of a Supplier's record
            // and loads the class named by logp; for info(String) it does neither (docs/PERFORMANCE.md)
            LOG.info(json(event));
        }
        if (!queue.offer(event)) {
            dropped.incrementAndGet();
            long now = System.nanoTime();
            if (now - lastDropReport > TimeUnit.MINUTES.toNanos(1)) {
                lastDropReport = now;
                LOG.warning(() -> "security events dropped (queue full): " + dropped.get() + " so far");
            }
        }
    }

    /** A backup left the service: who took it, from where. */
    void onBackup(@Observes BackupTaken taken) {
        record(EventType.BACKUP, taken.userId(), Map.of());
    }

    /** The client address of the request in progress, to hand to work that runs elsewhere. */
    public static String currentAddress() {
        return ClientAddresses.current();
    }

    private void write() {
        List<Event> batch = new ArrayList<>(BATCH);
        while (running) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, BATCH - 1);
                store.insert(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                long total = lost.addAndGet(batch.size());
                LOG.log(Level.WARNING, "security events could not be stored (" + total + " so far): "
                        + e.getClass().getSimpleName());
            } finally {
                batch.clear();
            }
        }
    }

    static String json(Event event) {
        JsonObjectBuilder json = Jsons.object().add("event", event.type().name())
                .add("id", event.id()).add("time", event.time().toString());
        if (event.userId() != null) {
            json.add("user_id", event.userId());
        }
        if (event.address() != null) {
            json.add("address", event.address());
        }
        JsonObjectBuilder details = Jsons.object();
        event.details().forEach(details::add);
        return json.add("details", details).build().toString();
    }
}
