package io.accounts.security;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import io.accounts.platform.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * argon2id through the native reference implementation. Hashing is memory-hard, so at most
 * {@code argon2.max-concurrent} hashes run at once; a caller that cannot get a slot within
 * {@code argon2.max-wait-ms} gets 503 instead of queueing the server to death.
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
    @ConfigProperty(name = "argon2.max-wait-ms", defaultValue = "2000")
    long maxWaitMillis;

    private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
    private Semaphore slots;
    private String dummyHash;

    @PostConstruct
    void init() {
        int permits = maxConcurrent > 0 ? maxConcurrent : Runtime.getRuntime().availableProcessors();
        slots = new Semaphore(permits, true);
        long start = System.nanoTime();
        dummyHash = hash("a password no account has, hashed once to time unknown emails");
        long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
        long warm = System.nanoTime();
        verify(dummyHash, "warm-up");
        long warmMicros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - warm);
        LOG.info(() -> String.format("argon2id %s: first hash %.1f ms (native load), then %.1f ms per hash;"
                + " at most %d at once", parameters, micros / 1000.0, warmMicros / 1000.0, permits));
    }

    public String hash(String password) {
        return guarded(() -> argon2.hash(parameters.iterations(), parameters.memoryKib(),
                parameters.parallelism(), password.getBytes(StandardCharsets.UTF_8)));
    }

    public boolean verify(String hash, String password) {
        return guarded(() -> argon2.verify(hash, password.getBytes(StandardCharsets.UTF_8)));
    }

    /** Spends one verification so that an unknown account costs what a known one does. */
    public void verifyDummy(String password) {
        verify(dummyHash, password);
    }

    /** True when the hash was made with other parameters than the configured ones. */
    public boolean needsRehash(String hash) {
        return argon2.needsRehash(hash, parameters.iterations(), parameters.memoryKib(), parameters.parallelism());
    }

    private <T> T guarded(java.util.function.Supplier<T> work) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(maxWaitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw ApiException.unavailable("The server is busy; retry shortly.", 1);
        }
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }
}
