package io.accounts.totp;

import io.accounts.platform.store.StoreKit;
import io.accounts.platform.store.WireProtocolServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The second factor's counters on a wire-protocol server: wrong codes counted, one lockout per crossing, lifted. */
class TotpStoreTest {

    private static WireProtocolServer mongo;
    private static TotpStore store;

    @BeforeAll
    static void start() {
        mongo = new WireProtocolServer();
        store = new TotpStore();
        store.template = StoreKit.template(mongo.client(), "totp");
        store.driver = StoreKit.driver(mongo.client(), "totp");
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    private static void active(String userId) {
        store.setPending(userId, "sealed secret");
        assertTrue(store.activate(userId, "sealed secret", 1, List.of("h1", "h2"), Instant.now()));
    }

    @Test
    void wrongCodesAreCountedAndARightOneStartsAgain() {
        active("u1");
        assertTrue(store.countFailure("nobody").isEmpty(), "no factor, nothing counted");
        assertEquals(0, store.countFailure("u1").orElseThrow().failureCount());
        assertEquals(1, store.countFailure("u1").orElseThrow().failureCount());
        assertEquals(2, store.find("u1").orElseThrow().failureCount());
        assertTrue(store.useStep("u1", 2));
        assertEquals(0, store.find("u1").orElseThrow().failureCount(), "a right code ends the run of wrong ones");
    }

    @Test
    void ofRequestsThatCrossTheLimitTogetherOneLocksAndARecoveryCodeLiftsIt() {
        active("u2");
        store.countFailure("u2");
        store.countFailure("u2");
        store.countFailure("u2");
        Instant until = Instant.parse("2026-12-06T12:15:00Z");
        assertFalse(store.lock("u2", 2, until), "a request that counted 2 finds the count at 3: not its lock");
        assertTrue(store.lock("u2", 3, until));
        assertFalse(store.lock("u2", 3, until), "the count started again: locked once");
        TotpFactor locked = store.find("u2").orElseThrow();
        assertEquals(0, locked.failureCount());
        assertTrue(locked.lockedAt(until.minusSeconds(1)));
        assertFalse(locked.lockedAt(until), "over at its time");
        assertTrue(store.useRecoveryCode("u2", "h1"));
        assertFalse(store.find("u2").orElseThrow().lockedAt(until.minusSeconds(1)), "a recovery code lifts it");
        assertFalse(store.useRecoveryCode("u2", "h1"), "once");
    }
}
