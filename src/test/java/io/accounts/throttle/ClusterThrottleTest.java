package io.accounts.throttle;

import com.mongodb.client.MongoCollection;
import io.accounts.platform.ApiException;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two nodes (two stores, each with its own local cache and its own Bucket4j proxy manager) on one MongoDB
 * wire-protocol server: the limits hold for both together, and compare-and-swap keeps concurrent takes exact.
 */
class ClusterThrottleTest {

    @Test
    void failuresSpreadOverTwoNodesMeet429AtTheConfiguredCount() {
        String database = "cluster-login";
        LoginThrottle a = TestThrottles.login(TestThrottles.store(database), 4, 100, 100);
        LoginThrottle b = TestThrottles.login(TestThrottles.store(database), 4, 100, 100);
        a.begin("ada@x.io", "10.1.0.1").failed();
        b.begin("ada@x.io", "10.1.0.1").failed();
        a.begin("ada@x.io", "10.1.0.1").failed();
        b.begin("ada@x.io", "10.1.0.1").failed();
        assertEquals(429, assertThrows(ApiException.class, () -> a.begin("ada@x.io", "10.1.0.1")).status());
        ApiException fromTheDatabase = assertThrows(ApiException.class, () -> b.begin("ada@x.io", "10.1.0.1"));
        ApiException fromMemory = assertThrows(ApiException.class, () -> b.begin("ada@x.io", "10.1.0.1"));
        assertEquals(429, fromTheDatabase.status());
        assertEquals(429, fromMemory.status(), "refused again within the second, without asking the database");
        assertEquals(fromTheDatabase.headers().get("Retry-After"), fromMemory.headers().get("Retry-After"));
    }

    @Test
    void anAddressThatLoggedInOnOneNodeIsKnownOnTheOther() {
        String database = "cluster-known";
        LoginThrottle a = TestThrottles.login(TestThrottles.store(database), 5, 100, 3);
        LoginThrottle b = TestThrottles.login(TestThrottles.store(database), 5, 100, 3);
        a.begin("owner@x.io", "192.168.9.9").succeeded();
        for (int i = 0; i < 3; i++) {
            b.begin("owner@x.io", "203.0.113." + i).failed();
        }
        assertEquals(429, assertThrows(ApiException.class, () -> a.begin("owner@x.io", "203.0.113.77")).status(),
                "the account's bucket is shared");
        b.begin("owner@x.io", "192.168.9.9").succeeded();
    }

    @Test
    void failuresThatRanAtOnceOnTwoNodesAreAllCountedAsDebt() {
        String database = "cluster-debt";
        LoginThrottle a = TestThrottles.login(TestThrottles.store(database), 2, 100, 100);
        LoginThrottle b = TestThrottles.login(TestThrottles.store(database), 2, 100, 100);
        List<LoginThrottle.Attempt> atOnce = List.of(a.begin("ada@x.io", "10.1.0.2"), a.begin("ada@x.io", "10.1.0.2"),
                b.begin("ada@x.io", "10.1.0.2"), b.begin("ada@x.io", "10.1.0.2"));
        atOnce.forEach(LoginThrottle.Attempt::failed);
        ApiException refused = assertThrows(ApiException.class, () -> b.begin("ada@x.io", "10.1.0.2"));
        assertEquals(429, refused.status());
        long retryAfter = Long.parseLong(refused.headers().get("Retry-After"));
        assertTrue(retryAfter > 150, "four failures against a bucket of two: more than one token's refill (150 s)"
                + " to wait, not one: " + retryAfter);
    }

    @Test
    void concurrentTakesOnTwoNodesNeverExceedTheCapacity() throws Exception {
        String database = "cluster-race";
        ThrottleStore one = TestThrottles.store(database);
        ThrottleStore two = TestThrottles.store(database);
        BucketConfiguration ten = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(10).refillGreedy(10, Duration.ofHours(1))).build();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> takes = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                ThrottleStore node = i % 2 == 0 ? one : two;
                takes.add(pool.submit(() -> {
                    BucketProxy bucket = node.buckets().builder().build("race", () -> ten);
                    start.await();
                    return bucket.tryConsume(1);
                }));
            }
            start.countDown();
            int consumed = 0;
            for (Future<Boolean> take : takes) {
                consumed += take.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(10, consumed, "32 concurrent takes from a bucket of 10 on two nodes");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBucketExpiresWhenItWouldBeFullAgainAndAMissingBucketIsFull() {
        ThrottleStore store = TestThrottles.store("cluster-expiry");
        BucketConfiguration two = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(2).refillGreedy(2, Duration.ofMinutes(10))).build();
        BucketProxy bucket = store.buckets().builder().build("idle", () -> two);
        assertTrue(bucket.tryConsume(2));
        MongoCollection<Document> buckets = TestThrottles.client.getDatabase("cluster-expiry")
                .getCollection(Bucket.COLLECTION);
        Document saved = buckets.find(new Document("_id", "idle")).first();
        assertNotNull(saved);
        long expiresIn = saved.getDate("expires_at").getTime() - System.currentTimeMillis();
        assertTrue(expiresIn > Duration.ofMinutes(9).toMillis() && expiresIn <= Duration.ofMinutes(11).toMillis(),
                "a bucket emptied now is full again in 10 minutes (+ a little): " + expiresIn);
        assertTrue(hasTtlIndex(buckets) && hasTtlIndex(TestThrottles.client.getDatabase("cluster-expiry")
                .getCollection(KnownAddress.COLLECTION)));
        buckets.deleteOne(new Document("_id", "idle"));
        assertTrue(bucket.tryConsume(2), "what the TTL index removed starts full");
    }

    @Test
    void anExpiredKnownAddressIsNotKnown() {
        ThrottleStore node = TestThrottles.store("cluster-known-expiry");
        TestThrottles.client.getDatabase("cluster-known-expiry").getCollection(KnownAddress.COLLECTION).insertOne(new Document("_id", "old@x.io|10.0.0.1")
                .append("expires_at", new Date(System.currentTimeMillis() - 1000)));
        assertTrue(!node.isKnown("old@x.io|10.0.0.1"), "expired but not yet removed by the TTL monitor");
        node.remember("old@x.io|10.0.0.1");
        assertTrue(TestThrottles.store("cluster-known-expiry").isKnown("old@x.io|10.0.0.1"));
    }

    private static boolean hasTtlIndex(MongoCollection<Document> collection) {
        for (Document index : collection.listIndexes()) {
            if (index.containsKey("expireAfterSeconds")) {
                return true;
            }
        }
        return false;
    }
}
