package io.accounts.throttle;

import io.accounts.platform.ApiException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three buckets, with the real Bucket4j: only failures count, and the owner keeps access. */
class LoginThrottleTest {

    static LoginThrottle throttle(long pair, long address, long account) {
        return TestThrottles.login(pair, address, account);
    }

    private static void fail(LoginThrottle throttle, String email, String address) {
        throttle.begin(email, address);
    }

    @Test
    void failuresFromOneAddressOnOneAccountAreLimited() {
        LoginThrottle throttle = throttle(3, 100, 100);
        for (int i = 0; i < 3; i++) {
            fail(throttle, "a@x.io", "10.0.0.1");
        }
        ApiException limited = assertThrows(ApiException.class, () -> throttle.begin("a@x.io", "10.0.0.1"));
        assertEquals(429, limited.status());
        long retryAfter = Long.parseLong(limited.headers().get("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 101, "one token refills in 300 s / 3: " + retryAfter);
        throttle.begin("a@x.io", "10.0.0.2");
        throttle.begin("b@x.io", "10.0.0.1");
    }

    @Test
    void successesGiveTheirTokensBack() {
        LoginThrottle throttle = throttle(2, 100, 100);
        for (int i = 0; i < 10; i++) {
            throttle.succeeded(throttle.begin("a@x.io", "10.0.0.1"));
        }
        throttle.abandoned(throttle.begin("a@x.io", "10.0.0.1"));
        fail(throttle, "a@x.io", "10.0.0.1");
        fail(throttle, "a@x.io", "10.0.0.1");
        assertEquals(429, assertThrows(ApiException.class, () -> throttle.begin("a@x.io", "10.0.0.1")).status());
    }

    @Test
    void aPasskeySignInNamesNoAccountAndCountsAgainstItsAddressOnly() {
        LoginThrottle throttle = throttle(5, 3, 100);
        throttle.succeeded(throttle.beginWithoutAccount("10.0.0.1"));
        for (int i = 0; i < 3; i++) {
            throttle.beginWithoutAccount("10.0.0.1");
        }
        ApiException limited = assertThrows(ApiException.class, () -> throttle.beginWithoutAccount("10.0.0.1"));
        assertEquals(429, limited.status());
        assertEquals(429, assertThrows(ApiException.class, () -> throttle.begin("a@x.io", "10.0.0.1")).status(),
                "the address's failed sign-ins count whatever the method");
        throttle.beginWithoutAccount("10.0.0.2");
    }

    @Test
    void oneAddressSprayingManyAccountsIsLimited() {
        LoginThrottle throttle = throttle(5, 10, 100);
        for (int i = 0; i < 10; i++) {
            fail(throttle, "user" + i + "@x.io", "10.0.0.9");
        }
        assertEquals(429, assertThrows(ApiException.class, () -> throttle.begin("other@x.io", "10.0.0.9")).status());
    }

    @Test
    void aSprayFromTheOwnersAddressDoesNotLockTheOwnerOut() {
        LoginThrottle throttle = throttle(5, 10, 100);
        throttle.succeeded(throttle.begin("owner@x.io", "10.0.0.9"));
        for (int i = 0; i < 10; i++) {
            fail(throttle, "user" + i + "@x.io", "10.0.0.9");
        }
        assertEquals(429, assertThrows(ApiException.class, () -> throttle.begin("stranger@x.io", "10.0.0.9")).status());
        throttle.succeeded(throttle.begin("owner@x.io", "10.0.0.9"));
    }

    @Test
    void aGuessSpreadOverAddressesCannotLockTheOwnerOutFromAKnownAddress() {
        LoginThrottle throttle = throttle(5, 100, 10);
        throttle.succeeded(throttle.begin("victim@x.io", "192.168.1.7"));
        for (int i = 0; i < 10; i++) {
            fail(throttle, "victim@x.io", "203.0.113." + i);
        }
        assertEquals(429, assertThrows(ApiException.class, () -> throttle.begin("victim@x.io", "203.0.113.99")).status(),
                "new addresses are slowed once the account's bucket is empty");
        throttle.succeeded(throttle.begin("victim@x.io", "192.168.1.7"));
    }

    @Test
    void ipv6ClientsAreCountedByTheirSlash64() {
        LoginThrottle throttle = throttle(3, 100, 100);
        for (int i = 1; i <= 3; i++) {
            fail(throttle, "ada@x.io", "2001:db8:1:2::" + i);
        }
        ApiException limited = assertThrows(ApiException.class,
                () -> throttle.begin("ada@x.io", "2001:db8:1:2:ffff:ffff:ffff:ffff"), "another address of the same /64");
        assertEquals(429, limited.status());
        throttle.begin("ada@x.io", "2001:db8:1:3::1");
    }
}
