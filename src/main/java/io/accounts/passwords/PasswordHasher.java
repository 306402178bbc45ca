package io.accounts.passwords;

import io.accounts.platform.Meters;
import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import io.accounts.platform.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * argon2id through the native reference implementation. Hashing is memory-hard, so at most
 * {@code argon2.max-concurrent} hashes run at once; a caller that cannot get a slot within
 * {@code argon2.max-wait-ms} gets 503 instead of queueing the server to death. Hashing a new password
 * (registration, a change) may use all slots but {@code argon2.login-reserve}: a flood of registrations cannot
 * take the slots that logins and password checks need.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final Logger LOG = Logger.getLogger(PasswordHasher.class.getName());

    @Inject
    Argon2Parameters parameters;

    @Inject
    @ConfigProperty(name = "argon2.max-concurrent", defaultValue = "0")
    int maxConcurrent;

    @Inject
    @ConfigProperty(name = "argon2.login-reserve", defaultValue = "-1")
    int loginReserve;

    @Inject
    @ConfigProperty(name = "argon2.max-wait-ms", defaultValue = "2000")
    long maxWaitMillis;

    /** Absent when a unit test builds the hasher without a container. */
    @Inject
    Instance<MetricRegistry> metrics;

    private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
    private final AtomicLong rejected = new AtomicLong();
    private Semaphore slots;
    private Semaphore newPasswordSlots;
    private String dummyHash;

    @PostConstruct
    void init() {
        int permits = maxConcurrent > 0 ? maxConcurrent : Runtime.getRuntime().availableProcessors();
        int reserve = loginReserve >= 0 ? Math.min(loginReserve, permits - 1) : permits / 2;
        slots = new Semaphore(permits, true);
        newPasswordSlots = new Semaphore(permits - reserve, true);
        if (metrics != null && metrics.isResolvable()) {
            MetricRegistry registry = metrics.get();
            registry.gauge(Meters.described("accounts_argon2_waiting",
                    "callers waiting for an argon2 hashing slot"), this, h -> h.slots.getQueueLength()
                    + h.newPasswordSlots.getQueueLength());
            registry.gauge(Meters.described("accounts_argon2_rejected",
                    "callers refused with 503 after waiting for a hashing slot"), rejected, AtomicLong::get);
        }
        long start = System.nanoTime();
        dummyHash = hash("a password no account has, hashed once to time unknown emails");
        long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
        long warm = System.nanoTime();
        verify(dummyHash, "warm-up");
        long warmMicros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - warm);
        LOG.info(() -> String.format("argon2id %s: first hash %.1f ms (native load), then %.1f ms per hash;"
                + " at most %d at once, %d of them kept for logins", parameters, micros / 1000.0,
                warmMicros / 1000.0, permits, reserve));
    }

    /** Hashes a new password; it waits for one of the slots new passwords may use, then for a slot. */
    public String hash(String password) {
        return guarded(newPasswordSlots, () -> guarded(slots, () -> argon2.hash(parameters.iterations(),
                parameters.memoryKib(), parameters.parallelism(), password.getBytes(StandardCharsets.UTF_8))));
    }

    /** Checks a password against its hash (a login, a current password). */
    public boolean verify(String hash, String password) {
        return guarded(slots, () -> argon2.verify(hash, password.getBytes(StandardCharsets.UTF_8)));
    }

    /** Spends one verification so that an unknown account costs what a known one does. */
    public void verifyDummy(String password) {
        verify(dummyHash, password);
    }

    /** True when the hash was made with other parameters than the configured ones. */
    public boolean needsRehash(String hash) {
        return argon2.needsRehash(hash, parameters.iterations(), parameters.memoryKib(), parameters.parallelism());
    }

    /** The slots every hash takes; a test holds them to see what callers get. */
    Semaphore slots() {
        return slots;
    }

    /** The slots hashing a new password takes besides. */
    Semaphore newPasswordSlots() {
        return newPasswordSlots;
    }

    private <T> T guarded(Semaphore pool, Supplier<T> work) {
        boolean acquired;
        try {
            acquired = pool.tryAcquire(maxWaitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            rejected.incrementAndGet();
            throw ApiException.unavailable("The server is busy; retry shortly.", 1);
        }
        try {
            return work.get();
        } finally {
            pool.release();
        }
    }
}
