package io.accounts.passwords;

import io.accounts.platform.ApiException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.Semaphore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** argon2id hashes with the configured parameters, verifies, spots old parameters, sheds load, keeps logins a share. */
class PasswordHasherTest {

    static PasswordHasher hasher(int memory, int iterations, int maxConcurrent, long waitMillis) {
        PasswordHasher hasher = new PasswordHasher();
        hasher.parameters = new Argon2Parameters(memory, iterations, 1);
        hasher.maxConcurrent = maxConcurrent;
        hasher.loginReserve = -1;
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
    void whenEverySlotIsTakenACallerGets503InsteadOfWaitingForever() {
        PasswordHasher hasher = hasher(1024, 1, 2, 50);
        String hash = hasher.hash("a password");
        Semaphore slots = hasher.slots();
        int held = slots.drainPermits();
        try {
            ApiException shed = assertThrows(ApiException.class, () -> hasher.hash("second"));
            assertEquals(503, shed.status());
            assertEquals("1", shed.headers().get("Retry-After"));
            assertEquals(503, assertThrows(ApiException.class, () -> hasher.verify(hash, "a password")).status());
        } finally {
            slots.release(held);
        }
        assertTrue(hasher.verify(hasher.hash("after"), "after"), "serves normally afterwards");
    }

    @Test
    void newPasswordsCannotTakeTheSlotsKeptForLogins() {
        PasswordHasher hasher = hasher(1024, 1, 2, 50);
        String hash = hasher.hash("a password");
        assertEquals(1, hasher.newPasswordSlots().availablePermits(), "two slots, one kept for logins");
        Semaphore newPasswords = hasher.newPasswordSlots();
        int held = newPasswords.drainPermits();
        try {
            assertEquals(503, assertThrows(ApiException.class, () -> hasher.hash("a registration")).status(),
                    "registrations wait for their own slots");
            assertTrue(hasher.verify(hash, "a password"), "while logins still verify");
            assertEquals(2, hasher.slots().availablePermits());
        } finally {
            newPasswords.release(held);
        }
    }
}
