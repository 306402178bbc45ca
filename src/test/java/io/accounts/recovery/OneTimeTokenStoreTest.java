package io.accounts.recovery;

import io.accounts.platform.store.StoreKit;
import io.accounts.platform.store.WireProtocolServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static io.accounts.recovery.OneTimeTokenStore.Purpose.EMAIL_VERIFICATION;
import static io.accounts.recovery.OneTimeTokenStore.Purpose.PASSWORD_RESET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mailed tokens on a wire-protocol server: single use, bound to their purpose, dead after their lifetime. */
class OneTimeTokenStoreTest {

    private static WireProtocolServer mongo;

    @BeforeAll
    static void start() {
        mongo = new WireProtocolServer();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    private static OneTimeTokenStore tokens(Instant now) {
        return tokens(mongo, "tokens", Clock.fixed(now, ZoneOffset.UTC));
    }

    /** A store on this server's database, indexes created, as the container would configure it. */
    static OneTimeTokenStore tokens(WireProtocolServer mongo, String database, Clock clock) {
        OneTimeTokenStore tokens = new OneTimeTokenStore();
        tokens.template = StoreKit.template(mongo.client(), database);
        tokens.driver = StoreKit.driver(mongo.client(), database);
        tokens.random = new SecureRandom();
        tokens.clock = clock;
        tokens.setUp();
        return tokens;
    }

    @Test
    void aTokenWorksOnceForItsPurposeAndNotAfterItExpires() {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        String token = tokens(now).issue(PASSWORD_RESET, "u1", "ada@x.io", Duration.ofMinutes(30));
        assertTrue(token.length() >= 43, "at least 256 bits, URL-safe");
        assertTrue(token.matches("[A-Za-z0-9_-]+"));
        assertTrue(tokens(now).redeem(EMAIL_VERIFICATION, token).isEmpty(), "another purpose");
        assertEquals(new OneTimeTokenStore.Redeemed("u1", "ada@x.io", now.plus(Duration.ofMinutes(30))),
                tokens(now).redeem(PASSWORD_RESET, token).orElseThrow());
        assertTrue(tokens(now).redeem(PASSWORD_RESET, token).isEmpty(), "single use");

        String late = tokens(now).issue(PASSWORD_RESET, "u2", "b@x.io", Duration.ofMinutes(30));
        assertTrue(tokens(now.plus(Duration.ofMinutes(31))).redeem(PASSWORD_RESET, late).isEmpty(),
                "expired");
        String first = tokens(now).issue(EMAIL_VERIFICATION, "u3", "c@x.io", Duration.ofDays(1));
        String second = tokens(now).issue(EMAIL_VERIFICATION, "u3", "c@x.io", Duration.ofDays(1));
        assertTrue(tokens(now).redeem(EMAIL_VERIFICATION, first).isEmpty(), "a newer one voids it");
        assertTrue(tokens(now).redeem(EMAIL_VERIFICATION, second).isPresent());
        assertTrue(tokens(now).redeem(PASSWORD_RESET, null).isEmpty());
    }

    @Test
    void waysBackFromEmailChangesDoNotVoidEachOtherAndARevertVoidsOnlyLaterOnes() {
        Instant now = Instant.parse("2026-12-06T12:00:00Z");
        Duration week = Duration.ofDays(7);
        String first = tokens(now).issue(OneTimeTokenStore.Purpose.EMAIL_CHANGE_REVERT, "u9", "a@x.io", week);
        String second = tokens(now.plusSeconds(60)).issue(OneTimeTokenStore.Purpose.EMAIL_CHANGE_REVERT, "u9",
                "b@x.io", week);
        String third = tokens(now.plusSeconds(120)).issue(OneTimeTokenStore.Purpose.EMAIL_CHANGE_REVERT, "u9",
                "c@x.io", week);
        OneTimeTokenStore.Redeemed middle = tokens(now).redeem(OneTimeTokenStore.Purpose.EMAIL_CHANGE_REVERT, second)
                .orElseThrow();
        assertEquals("b@x.io", middle.email(), "the second change's way back, though a third came since");
        tokens(now).revokeIssuedAfter(OneTimeTokenStore.Purpose.EMAIL_CHANGE_REVERT, "u9", middle.expiresAt());
        assertTrue(tokens(now).redeem(OneTimeTokenStore.Purpose.EMAIL_CHANGE_REVERT, third).isEmpty(),
                "a later change's way back is void");
        assertEquals("a@x.io", tokens(now).redeem(OneTimeTokenStore.Purpose.EMAIL_CHANGE_REVERT, first)
                .orElseThrow().email(), "an earlier one still works");
    }
}
