package io.accounts.throttle;

import io.accounts.platform.ApiException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Passkey sign-in challenges per address and minute, with the real Bucket4j. */
class ChallengeThrottleTest {

    @Test
    void anAddressBeginsItsQuotaOfSignInsThenGets429WithRetryAfter() {
        ChallengeThrottle throttle = TestThrottles.challenges(3);
        for (int i = 0; i < 3; i++) {
            throttle.take("192.0.2.1");
        }
        ApiException limited = assertThrows(ApiException.class, () -> throttle.take("192.0.2.1"));
        assertEquals(429, limited.status());
        long retry = Long.parseLong(limited.headers().get("Retry-After"));
        assertTrue(retry > 0 && retry <= 60, "seconds until one more challenge: " + retry);
        throttle.take("192.0.2.2");
    }
}
