package io.accounts.security;

import io.accounts.platform.ApiException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** argon2id hashes with the configured parameters, verifies, spots old parameters, and sheds load. */
class PasswordHasherTest {

    static PasswordHasher hasher(int memory, int iterations, int maxConcurrent, long waitMillis) {
        PasswordHasher hasher = new PasswordHasher();
        hasher.parameters = new Argon2Parameters(memory, iterations, 1);
        hasher.maxConcurrent = maxConcurrent;
        hasher.maxWaitMillis = waitMillis;
        hasher.init();
        return hasher;
    }

    @Test
    void hashesWithArgon2idAndVerifies() {
        PasswordHasher hasher = hasher(1024, 1, 2, 1000);
        String hash = hasher.hash("correct horse battery staple");
        assertTrue(hash.startsWith("$argon2id$v=19$m=1024,t=1,p=1$"), hash);
        assertFalse(hash.contains("correct horse"));
        assertTrue(hasher.verify(hash, "correct horse battery staple"));
        assertFalse(hasher.verify(hash, "correct horse battery stapl"));
        assertFalse(hasher.needsRehash(hash));
        assertTrue(hasher(2048, 1, 2, 1000).needsRehash(hash));
    }

    @Test
    void parametersBelowWhatArgon2AcceptsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Argon2Parameters(4, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Parameters(1024, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Parameters(1024, 1, 0));
    }

    @Test
    void whenEverySlotIsTakenACallerGets503InsteadOfWaitingForever() throws Exception {
        PasswordHasher hasher = hasher(16384, 20, 1, 50);
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread busy = new Thread(() -> {
            started.countDown();
            try {
                hasher.hash("keeps the only slot busy for a while");
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        busy.start();
        started.await();
        Thread.sleep(20);
        ApiException shed = assertThrows(ApiException.class, () -> hasher.hash("second"));
        assertEquals(503, shed.status());
        assertEquals("1", shed.headers().get("Retry-After"));
        busy.join();
        assertEquals(null, failure.get());
        assertTrue(hasher.verify(hasher.hash("after"), "after"), "serves normally afterwards");
    }
}
