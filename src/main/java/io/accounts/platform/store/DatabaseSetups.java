package io.accounts.platform.store;

import io.accounts.platform.ApiException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.jnosql.communication.TypeReference;
import org.eclipse.jnosql.communication.Value;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Runs every feature's {@link DatabaseSetup} once. Done at start-up; when MongoDB is not reachable then, the
 * readiness check and the first write retry it until it succeeds, so the order of starts is free, and no write
 * is accepted before the indexes that keep it correct (the unique email) exist.
 */
@ApplicationScoped
public class DatabaseSetups {

    private static final Logger LOG = Logger.getLogger(DatabaseSetups.class.getName());

    @Inject
    @Any
    Instance<DatabaseSetup> setups;

    private final AtomicBoolean done = new AtomicBoolean();

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // JNoSQL loads its value readers once, through the thread's context class loader, on first use; load them
        // now, whether or not the database answers, so a later first use on another thread cannot miss them
        withApplicationClassLoader(() -> Value.of(List.of()).get(new TypeReference<List<String>>() { }));
        try {
            ensureDatabase();
        } catch (RuntimeException e) {
            if (!MongoErrors.isOutage(e)) {
                throw e;
            }
            LOG.warning("MongoDB is not reachable at start-up; indexes and the first documents will be created"
                    + " when it is (readiness is DOWN and writes answer 503 until then)");
        }
    }

    /** Idempotent; cheap once it has succeeded. */
    public void ensureDatabase() {
        if (done.get()) {
            return;
        }
        synchronized (done) {
            if (!done.get()) {
                List<DatabaseSetup> ordered = setups.stream()
                        .sorted(Comparator.comparingInt(DatabaseSetup::order)).toList();
                withApplicationClassLoader(() -> ordered.forEach(DatabaseSetup::setUp));
                done.set(true);
                LOG.info("database ready: indexes and first documents in place");
            }
        }
    }

    /**
     * Payara Micro deploying at boot runs the start-up observers with its own class loader as the thread's context
     * class loader, and JNoSQL finds its value readers through it: without this, a query of two conditions fails
     * there ("The type java.util.List<...CriteriaCondition> is not supported").
     */
    private static void withApplicationClassLoader(Runnable work) {
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(DatabaseSetups.class.getClassLoader());
        try {
            work.run();
        } finally {
            thread.setContextClassLoader(context);
        }
    }

    /** For writes that rely on the indexes: 503 while the database work cannot be done. */
    public void requireDatabase() {
        try {
            ensureDatabase();
        } catch (RuntimeException e) {
            if (MongoErrors.isOutage(e)) {
                throw ApiException.unavailable("The database is not ready; retry shortly.", 5);
            }
            throw e;
        }
    }
}
