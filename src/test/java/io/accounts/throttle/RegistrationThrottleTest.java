package io.accounts.throttle;

import io.accounts.platform.ApiException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registrations per address and window, with the real Bucket4j. */
class RegistrationThrottleTest {

    @Test
    void anAddressRegistersItsQuotaThenGets429WithRetryAfter() {
        RegistrationThrottle throttle = TestThrottles.registration(3);
        for (int i = 0; i < 3; i++) {
            throttle.take("192.0.2.1");
        }
        ApiException limited = assertThrows(ApiException.class, () -> throttle.take("192.0.2.1"));
        assertEquals(429, limited.status());
        long retry = Long.parseLong(limited.headers().get("Retry-After"));
        assertTrue(retry > 0 && retry <= 3600, "seconds until one more registration: " + retry);
        throttle.take("192.0.2.2");
    }

    @Test
    void anIpv6Slash64IsOneAddress() {
        RegistrationThrottle throttle = TestThrottles.registration(2);
        throttle.take("2001:db8:7:7::1");
        throttle.take("2001:db8:7:7::2");
        assertEquals(429, assertThrows(ApiException.class, () -> throttle.take("2001:db8:7:7:1:2:3:4")).status());
        throttle.take("2001:db8:7:8::1");
    }
}
