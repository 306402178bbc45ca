package io.accounts.throttle;

import io.accounts.platform.ApiException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three buckets, with the real Bucket4j: only failures count, and the owner keeps access. */
class LoginThrottleTest {

    static LoginThrottle throttle(long pair, long address, long account) {
        return TestThrottles.login(pair, address, account);
    }

    private static void fail(LoginThrottle throttle, String email, String address) {
        throttle.begin(email, address).failed();
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
        throttle.begin("a@x.io", "10.0.0.2").succeeded();
        throttle.begin("b@x.io", "10.0.0.1").succeeded();
    }

    @Test
    void successesGiveTheirTokensBack() {
        LoginThrottle throttle = throttle(2, 100, 100);
        for (int i = 0; i < 10; i++) {
            throttle.begin("a@x.io", "10.0.0.1").succeeded();
        }
        throttle.begin("a@x.io", "10.0.0.1").abandoned();
        fail(throttle, "a@x.io", "10.0.0.1");
        fail(throttle, "a@x.io", "10.0.0.1");
        assertEquals(429, assertThrows(ApiException.class, () -> throttle.begin("a@x.io", "10.0.0.1")).status());
    }

    @Test
    void aPasskeySignInNamesNoAccountAndCountsAgainstItsAddressOnly() {
        LoginThrottle throttle = throttle(5, 3, 100);
        throttle.beginWithoutAccount("10.0.0.1").succeeded();
        for (int i = 0; i < 3; i++) {
            throttle.beginWithoutAccount("10.0.0.1").failed();
        }
        ApiException limited = assertThrows(ApiException.class, () -> throttle.beginWithoutAccount("10.0.0.1"));
        assertEquals(429, limited.status());
        assertEquals(429, assertThrows(ApiException.class, () -> throttle.begin("a@x.io", "10.0.0.1")).status(),
                "the address's failed sign-ins count whatever the method");
        throttle.beginWithoutAccount("10.0.0.2").abandoned();
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
        throttle.begin("owner@x.io", "10.0.0.9").succeeded();
        for (int i = 0; i < 10; i++) {
            fail(throttle, "user" + i + "@x.io", "10.0.0.9");
        }
        assertEquals(429, assertThrows(ApiException.class, () -> throttle.begin("stranger@x.io", "10.0.0.9")).status());
        throttle.begin("owner@x.io", "10.0.0.9").succeeded();
    }

    @Test
    void aGuessSpreadOverAddressesCannotLockTheOwnerOutFromAKnownAddress() {
        LoginThrottle throttle = throttle(5, 100, 10);
        throttle.begin("victim@x.io", "192.168.1.7").succeeded();
        for (int i = 0; i < 10; i++) {
            fail(throttle, "victim@x.io", "203.0.113." + i);
        }
        assertEquals(429, assertThrows(ApiException.class, () -> throttle.begin("victim@x.io", "203.0.113.99")).status(),
                "new addresses are slowed once the account's bucket is empty");
        throttle.begin("victim@x.io", "192.168.1.7").succeeded();
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
        throttle.begin("ada@x.io", "2001:db8:1:3::1").abandoned();
    }

    @Test
    void aSuccessfulLoginWritesNoBucketAndAFailureWritesOne() {
        LoginThrottle throttle = TestThrottles.login(TestThrottles.store("login-writes"), 3, 100, 100);
        for (int i = 0; i < 10; i++) {
            throttle.begin("a@x.io", "10.0.0.1").succeeded();
            throttle.begin("new" + i + "@x.io", "10.0.0." + (i + 2)).succeeded();
        }
        assertEquals(0, buckets("login-writes"), "successes, from known and from new addresses, write no bucket");
        fail(throttle, "a@x.io", "10.0.0.1");
        assertEquals(1, buckets("login-writes"), "a failure from a known address: its pair's bucket only");
        fail(throttle, "a@x.io", "10.0.0.99");
        assertEquals(4, buckets("login-writes"), "from a new address: the pair's, the address's, the account's");
    }

    @Test
    void parallelGuessesOnOneNodeNeverPassMoreThanTheBucketHolds() throws Exception {
        LoginThrottle throttle = throttle(5, 100, 100);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<LoginThrottle.Attempt> held = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<LoginThrottle.Attempt>> guesses = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                guesses.add(pool.submit(() -> {
                    start.await();
                    try {
                        return throttle.begin("a@x.io", "10.0.0.1");
                    } catch (ApiException refused) {
                        assertEquals(429, refused.status());
                        return null;
                    }
                }));
            }
            start.countDown();
            for (Future<LoginThrottle.Attempt> guess : guesses) {
                LoginThrottle.Attempt attempt = guess.get(30, TimeUnit.SECONDS);
                if (attempt != null) {
                    held.add(attempt);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(5, held.size(), "32 guesses at once, none failed yet: only the bucket's 5 may run");
        held.get(0).succeeded();
        LoginThrottle.Attempt next = throttle.begin("a@x.io", "10.0.0.1");
        assertEquals(429, assertThrows(ApiException.class, () -> throttle.begin("a@x.io", "10.0.0.1")).status());
        next.failed();
        held.subList(1, 5).forEach(LoginThrottle.Attempt::failed);
        assertEquals(429, assertThrows(ApiException.class, () -> throttle.begin("a@x.io", "10.0.0.1")).status(),
                "the five failures spent the bucket");
    }

    @Test
    void anAttemptEndedByAnUnexpectedErrorCountsAsFailed() {
        LoginThrottle throttle = throttle(2, 100, 100);
        for (int i = 0; i < 2; i++) {
            assertThrows(IllegalStateException.class, () -> {
                try (LoginThrottle.Attempt attempt = throttle.begin("a@x.io", "10.0.0.1")) {
                    throw new IllegalStateException("the database went away mid-login");
                }
            });
        }
        assertEquals(429, assertThrows(ApiException.class, () -> throttle.begin("a@x.io", "10.0.0.1")).status());
    }

    @Test
    void anAttemptEndsOnce() {
        LoginThrottle throttle = throttle(2, 100, 100);
        LoginThrottle.Attempt attempt = throttle.begin("a@x.io", "10.0.0.1");
        attempt.succeeded();
        attempt.failed();
        attempt.close();
        fail(throttle, "a@x.io", "10.0.0.1");
        throttle.begin("a@x.io", "10.0.0.1").abandoned();
        fail(throttle, "a@x.io", "10.0.0.1");
        assertEquals(429, assertThrows(ApiException.class, () -> throttle.begin("a@x.io", "10.0.0.1")).status());
    }

    private static long buckets(String database) {
        return TestThrottles.client.getDatabase(database).getCollection(Bucket.COLLECTION).countDocuments();
    }
}
