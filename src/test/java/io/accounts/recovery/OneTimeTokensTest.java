package io.accounts.recovery;

import io.accounts.platform.store.WireProtocolServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mailed tokens on a wire-protocol server: single use, bound to their purpose, dead after their lifetime. */
class OneTimeTokensTest {

    private static WireProtocolServer mongo;

    @BeforeAll
    static void start() {
        mongo = new WireProtocolServer();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    private static OneTimeTokens tokens(Instant now) {
        OneTimeTokens tokens = new OneTimeTokens();
        tokens.database = mongo.database("tokens");
        tokens.random = new SecureRandom();
        tokens.clock = Clock.fixed(now, ZoneOffset.UTC);
        tokens.setUp();
        return tokens;
    }

    @Test
    void aTokenWorksOnceForItsPurposeAndNotAfterItExpires() {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        String token = tokens(now).issue(OneTimeTokens.Purpose.PASSWORD_RESET, "u1", "ada@x.io", Duration.ofMinutes(30));
        assertTrue(token.length() >= 43, "at least 256 bits, URL-safe");
        assertTrue(token.matches("[A-Za-z0-9_-]+"));
        assertTrue(tokens(now).redeem(OneTimeTokens.Purpose.EMAIL_VERIFICATION, token).isEmpty(), "another purpose");
        assertEquals(new OneTimeTokens.Redeemed("u1", "ada@x.io"),
                tokens(now).redeem(OneTimeTokens.Purpose.PASSWORD_RESET, token).orElseThrow());
        assertTrue(tokens(now).redeem(OneTimeTokens.Purpose.PASSWORD_RESET, token).isEmpty(), "single use");

        String late = tokens(now).issue(OneTimeTokens.Purpose.PASSWORD_RESET, "u2", "b@x.io", Duration.ofMinutes(30));
        assertTrue(tokens(now.plus(Duration.ofMinutes(31))).redeem(OneTimeTokens.Purpose.PASSWORD_RESET, late).isEmpty(),
                "expired");
        String first = tokens(now).issue(OneTimeTokens.Purpose.EMAIL_VERIFICATION, "u3", "c@x.io", Duration.ofDays(1));
        String second = tokens(now).issue(OneTimeTokens.Purpose.EMAIL_VERIFICATION, "u3", "c@x.io", Duration.ofDays(1));
        assertTrue(tokens(now).redeem(OneTimeTokens.Purpose.EMAIL_VERIFICATION, first).isEmpty(), "a newer one voids it");
        assertTrue(tokens(now).redeem(OneTimeTokens.Purpose.EMAIL_VERIFICATION, second).isPresent());
        assertTrue(tokens(now).redeem(OneTimeTokens.Purpose.PASSWORD_RESET, null).isEmpty());
    }
}
